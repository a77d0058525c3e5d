// The simulation's markup, taken from the gradient descent page itself so the widget and the page cannot drift
// apart. Ids get a per-widget suffix: a notebook may show several simulations at once.

const REFERENCES = ["for", "aria-labelledby", "aria-describedby", "aria-controls"];
const PAGE_ONLY = [".sim-intro", ".runs", ".mid-run"]; // page-only: the lesson's intro, the run list, the address bar
let widgets = 0;

/** Put the page's "Try it" section into `root` (a shadow root) and return it. */
export function simulationMarkup(root, html) {
  const page = new DOMParser().parseFromString(html, "text/html");
  const section = page.querySelector("#try-it");
  if (!section) throw new Error("foggyhill: the gradient descent page has no #try-it section");
  for (const selector of PAGE_ONLY) for (const node of section.querySelectorAll(selector)) node.remove();
  widgets += 1;
  const suffix = `-w${widgets}-${Math.random().toString(36).slice(2, 6)}`;
  section.removeAttribute("aria-labelledby");
  section.setAttribute("aria-label", "Gradient descent simulation");
  for (const node of [section, ...section.querySelectorAll("[id]")]) if (node.id) node.id += suffix;
  for (const name of REFERENCES) {
    for (const node of section.querySelectorAll(`[${name}]`)) {
      node.setAttribute(name, node.getAttribute(name).split(/\s+/).map((id) => id + suffix).join(" "));
    }
  }
  const frame = document.createElement("div");
  frame.className = "foggyhill-widget";
  frame.append(document.adoptNode(section));
  root.append(frame);
  return section;
}
