// A simulation page's embed form and its "Embed" button. The server marks the embed form (`?embed=1`) with
// class="embed" on <html>, so common/embed.css hides all but the parts marked .embed-keep from the first paint. Here:
// in the full page, an "Embed" button that writes the <iframe> snippet for the page as it is set up now; in the
// embed form, a link to the full page, and links to other pages opened in a new tab (another page of this site
// refuses to be framed by the teacher's site, so it could not open inside the frame).

import { el } from "./dom.js";
import { LANGUAGE, t } from "./words.js";

export const EMBEDDED = document.documentElement.classList.contains("embed");
const HEIGHT = 720; // the frame's height when a page names none in <main data-embed-height>
let settingsQuery = () => new URLSearchParams(window.location.search);
let caveat = () => "";

/** Let a page say which of its current settings the snippet carries (Studio: the example it has open), and what it
 * cannot carry, in a sentence ("" when nothing is left out). */
export function embedQueryFrom(query, leftOut = () => "") {
  settingsQuery = () => new URLSearchParams(query());
  caveat = leftOut;
}

/** Go to another page: here in the full page, in a new tab from inside a frame. */
export function openPage(url) {
  if (EMBEDDED) window.open(url, "_blank", "noopener");
  else window.location.assign(url);
}

/** The embed form's address for the page as it is set up now. */
export function embedUrl() {
  const params = settingsQuery();
  params.set("embed", "1");
  if (LANGUAGE !== "en" && !params.has("lang")) params.set("lang", LANGUAGE); // a Spanish page gives a Spanish frame
  const query = params.toString().replaceAll("%2C", ",");
  return `${window.location.origin}${window.location.pathname}?${query}`;
}

/** Text made safe inside a double-quoted HTML attribute. */
function attribute(text) {
  return text.replaceAll("&", "&amp;").replaceAll('"', "&quot;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}

/** The <iframe> snippet a teacher pastes into a course page. */
export function snippet() {
  const height = document.querySelector("main")?.dataset.embedHeight || HEIGHT;
  return (
    `<iframe src="${attribute(embedUrl())}" title="${attribute(document.title)}" width="100%" ` +
    `height="${attribute(String(height))}" style="border: 0; max-width: 100%;" loading="lazy" ` +
    `allow="clipboard-write"></iframe>`
  );
}

/** Copy a text box's value; what happened in words (`done` when copied), the text selected when refused. */
export async function copyFrom(area, done) {
  try {
    await navigator.clipboard.writeText(area.value);
    return done;
  } catch {
    area.select(); // the clipboard may be refused (an http page, a setting): the text is selected for Ctrl+C
    return t("Your browser refused to copy it: the text is selected, press Ctrl+C (⌘C on a Mac).");
  }
}

function embedDialog() {
  const area = el("textarea", { id: "embed-code", readonly: true, rows: 5, spellcheck: "false" });
  const said = el("p", { class: "embed-said", role: "status" });
  const note = el("p", { class: "embed-note" });
  const copyButton = el("button", { type: "button", class: "primary" }, t("Copy"));
  copyButton.addEventListener("click", async () => {
    said.textContent = await copyFrom(area, t("Copied. Paste it into your page's HTML."));
  });
  const preview = el("a", { target: "_blank", rel: "noopener" }, t("See the embed form in a new tab ↗"));
  const dialog = el(
    "dialog",
    { class: "embed-dialog", "aria-labelledby": "embed-title" },
    el("h2", { id: "embed-title" }, t("Put this simulation in your page")),
    el(
      "p",
      {},
      t(
        "Paste this into your course page's HTML. It shows the simulation alone, set up as it is now, without this " +
          "page's text. The frame loads it from this server, so it works wherever this address can be reached.",
      ),
    ),
    note,
    el("label", { for: "embed-code" }, t("The <iframe> code")),
    area,
    el(
      "div",
      { class: "embed-actions" },
      copyButton,
      preview,
      el("button", { type: "button", onclick: () => dialog.close() }, t("Close")),
    ),
    said,
  );
  dialog.fill = () => {
    area.value = snippet();
    note.textContent = caveat();
    note.hidden = !note.textContent;
    preview.href = embedUrl();
    said.textContent = "";
  };
  return dialog;
}

function offerEmbed() {
  const header = document.querySelector(".site-header");
  if (!header) return;
  const dialog = embedDialog();
  const button = el("button", { type: "button", class: "embed-open", "aria-haspopup": "dialog" }, t("Embed"));
  button.addEventListener("click", () => {
    dialog.fill();
    dialog.showModal();
    dialog.querySelector("textarea").select(); // ready for Ctrl+C, for those who do not press Copy
  });
  header.append(button);
  document.body.append(dialog);
}

/** The full page's address for the embed form as it is set up now. */
function fullUrl() {
  const params = new URLSearchParams(window.location.search);
  params.delete("embed");
  const query = params.toString().replaceAll("%2C", ",");
  return `${window.location.pathname}${query ? `?${query}` : ""}`;
}

/** Whether following `anchor` from inside the frame must open a new tab: it leaves this page (which the teacher's
 * site may frame) for another (which it may not), and is no download. */
function leavesTheFrame(anchor) {
  if (anchor.target || anchor.hasAttribute("download")) return false;
  const to = new URL(anchor.href, window.location.href);
  const samePage = to.origin === window.location.origin && to.pathname === window.location.pathname;
  return !samePage || to.hash === "";
}

/** In the embed form: a way to the full page, and links to other pages opened outside the frame. */
function embedForm() {
  const link = el("a", { href: fullUrl(), target: "_blank", rel: "noopener" }, t("Open the full page ↗"));
  link.addEventListener("click", () => (link.href = fullUrl())); // the settings as they are now, not at load
  document.querySelector("main h1")?.after(el("p", { class: "embed-bar" }, link));
  const leave = (event) => {
    const anchor = event.target.closest?.("a[href]");
    if (anchor && leavesTheFrame(anchor)) Object.assign(anchor, { target: "_blank", rel: "noopener" });
  };
  document.addEventListener("click", leave, true);
}

if (EMBEDDED) embedForm();
else offerEmbed();
