// The widget's entry for anywidget: links the web pages' own ES modules (shipped inline by notebook/bundle.py) as
// blob URLs, rewriting their relative imports, then mounts the simulation inside a shadow root so the page's
// styles stay inside the widget and Jupyter's stay out.

const BUNDLE = /*BUNDLE*/null;
const IMPORT = /((?:\bfrom|\bimport)\s*)(["'])(\.{1,2}\/[^"']+)\2/g;

/** The virtual path `spec` names when imported from `from` ("gradient-descent/sim.js" + "../common/api.js"). */
function resolve(from, spec) {
  const parts = from.split("/").slice(0, -1);
  for (const piece of spec.split("/")) {
    if (piece === "..") parts.pop();
    else if (piece !== ".") parts.push(piece);
  }
  return parts.join("/");
}

/** One blob URL per module, dependencies first; a fresh set per view, so each view has its own module state. */
function link(bundle) {
  const urls = new Map();
  const visiting = new Set();
  const visit = (path) => {
    if (urls.has(path)) return urls.get(path);
    const source = bundle.modules[path];
    if (source === undefined) throw new Error(`foggyhill: the widget has no module ${path}`);
    if (visiting.has(path)) throw new Error(`foggyhill: the modules import each other in a circle at ${path}`);
    visiting.add(path);
    const text = source.replace(IMPORT, (_, before, quote, spec) => {
      let target = resolve(path, spec);
      const stand_in = bundle.redirects[target];
      if (stand_in && stand_in !== path) target = stand_in;
      return `${before}${quote}${visit(target)}${quote}`;
    });
    visiting.delete(path);
    const blob = new Blob([`${text}\n//# sourceURL=foggyhill/${path}\n`], { type: "text/javascript" });
    urls.set(path, URL.createObjectURL(blob));
    return urls.get(path);
  };
  return { entry: visit(bundle.entry), urls: [...urls.values()] };
}

/**
 * Keys typed into the widget's boxes, and keys the widget acted on, stay in the widget: Jupyter sees the shadow
 * host as the target and would otherwise take them as its own shortcuts (in command mode "1" makes a heading).
 */
function keepKeys(event) {
  const target = event.composedPath()[0];
  const typing = target instanceof Element && target.closest("input, select, textarea, [contenteditable]");
  if (typing || event.defaultPrevented) event.stopPropagation();
}

async function render({ model, el }) {
  const host = document.createElement("div");
  host.className = "foggyhill-widget-host";
  el.append(host);
  const root = host.attachShadow({ mode: "open" });
  host.addEventListener("keydown", keepKeys);
  const style = document.createElement("style");
  style.textContent = BUNDLE.css;
  root.append(style);
  const { entry, urls } = link(BUNDLE);
  let module;
  try {
    module = await import(entry);
  } finally {
    for (const url of urls) URL.revokeObjectURL(url);
  }
  return module.mount({ model, root, html: BUNDLE.html });
}

export default { render };
