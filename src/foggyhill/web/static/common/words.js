// The page's words in the reader's language. The server writes the page's HTML in that language and says which in
// <html lang>; the words this page's scripts build come from the same catalogs, compiled to /static/lang/<lang>.json
// by scripts/catalogs.py. English is the source: an English page loads nothing.
//
//   t("Settled after {n} steps", { n: num(count) })    a message, translated, its {names} filled in
//   num("0.5")                                         a number already written the English way, written the local way

const DOCUMENT = typeof document === "undefined" ? null : document;

/** The page's language, as the server wrote it in <html lang> ("en" where there is no page, as in node). */
export const LANGUAGE = (DOCUMENT && DOCUMENT.documentElement.lang) || "en";

async function load(language) {
  if (language === "en" || !DOCUMENT) return {};
  try {
    const response = await fetch(`/static/lang/${language}.json`);
    return response.ok ? await response.json() : {};
  } catch {
    return {}; // the English words are still the right words, only in English
  }
}

const TABLE = await load(LANGUAGE);

/** `message` in the page's language, each `{name}` replaced by `values[name]`. */
export function t(message, values = {}) {
  const text = TABLE[message] || message;
  // A message shared with Python may carry a format spec ({most:g}): the value comes already written here.
  return text.replace(/\{(\w+)(?::[^{}]*)?\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
}

/** A number formatted the English way ("0.5", "12,345.6"), written the page language's way ("0,5", "12.345,6"). */
export function num(text, language = LANGUAGE) {
  const shown = String(text);
  if (language !== "es") return shown;
  return shown.replace(/[.,]/g, (mark) => (mark === "." ? "," : ".")); // as foggyhill.lang.number_text
}

// The header's language links (web/pages.py) take the page's settings along, and a language chosen in the link
// (`?lang=es`) follows the reader to every other page of this server: each link is written as it is followed.
if (DOCUMENT && DOCUMENT.addEventListener) {
  DOCUMENT.addEventListener("click", (event) => {
    const link = event.target instanceof Element ? event.target.closest("a[href]") : null;
    if (!link) return;
    const here = new URL(window.location.href);
    if (link.dataset.lang) {
      here.searchParams.set("lang", link.dataset.lang);
      link.href = here.href;
      return;
    }
    const chosen = here.searchParams.get("lang");
    const there = new URL(link.href, here);
    if (!chosen || there.origin !== here.origin || there.searchParams.has("lang") || there.pathname === here.pathname) {
      return; // no choice to carry, another site, already said, or a link within this page
    }
    there.searchParams.set("lang", chosen);
    link.href = there.href;
  });
}
