// The widgets' markup, taken from the web pages themselves so a widget and its page cannot drift apart.

const REFERENCES = ["for", "aria-labelledby", "aria-describedby", "aria-controls"];
const PAGE_ONLY = [".sim-intro", ".runs", ".mid-run"]; // page-only: the lesson's intro, the run list, the address bar
let widgets = 0;

/** Put a page's `selector` section, less its `pageOnly` parts, into `root` (a shadow root) and return it. */
export function pageSection(root, html, { page, selector, pageOnly, label }) {
  const doc = new DOMParser().parseFromString(html, "text/html");
  const section = doc.querySelector(selector);
  if (!section) throw new Error(`foggyhill: the ${page} page has no ${selector} section`);
  for (const part of pageOnly) for (const node of section.querySelectorAll(part)) node.remove();
  section.removeAttribute("aria-labelledby");
  section.setAttribute("aria-label", label);
  const frame = document.createElement("div");
  frame.className = "foggyhill-widget";
  frame.append(document.adoptNode(section));
  root.append(frame);
  return section;
}

/**
 * Put the gradient descent page's "Try it" section into `root` and return it; ids get a per-widget suffix, since a
 * notebook may show several simulations at once.
 */
export function simulationMarkup(root, html) {
  const section = pageSection(root, html, {
    page: "gradient descent",
    selector: "#try-it",
    pageOnly: PAGE_ONLY,
    label: "Gradient descent simulation",
  });
  widgets += 1;
  const suffix = `-w${widgets}-${Math.random().toString(36).slice(2, 6)}`;
  for (const node of [section, ...section.querySelectorAll("[id]")]) if (node.id) node.id += suffix;
  for (const name of REFERENCES) {
    for (const node of section.querySelectorAll(`[${name}]`)) {
      node.setAttribute(name, node.getAttribute(name).split(/\s+/).map((id) => id + suffix).join(" "));
    }
  }
  return section;
}
