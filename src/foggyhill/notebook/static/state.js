// Stands in for common/state.js inside a notebook widget: everything as on the page, except that applied settings
// go to the widget's Python object instead of the address bar (which belongs to Jupyter).

export * from "../common/state.js";

let listener = null;

/** Call `fn(settings)` whenever the simulation has applied new settings. */
export function onSettings(fn) {
  listener = fn;
}

export function writeUrl(settings) {
  if (listener) listener(settings);
}
