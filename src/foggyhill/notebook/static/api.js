// Stands in for common/api.js inside a notebook widget: the same `api` calls, answered by the Python kernel over
// the widget's comm (notebook/bridge.py runs the engine) instead of fetch() to a foggyhill server.

import { ApiError, query } from "../common/api.js";

export { ApiError, query };

let ask = null;

/** Send every request through `transport(path, params, signal)`, a promise of the decoded answer. */
export function connect(transport) {
  ask = transport;
}

/** As common/api.js's getJSON: resolves to the answer or rejects with an ApiError. */
export async function getJSON(path, params = {}, { signal } = {}) {
  if (!ask) throw new ApiError(0, { message: "The widget is not connected to its Python kernel." });
  const given = {};
  for (const [name, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== "") given[name] = String(value);
  }
  return ask(path, given, signal);
}

export const api = {
  schema: (opts) => getJSON("/api/schema", {}, opts),
  landscapes: (opts) => getJSON("/api/landscapes", {}, opts),
  landscape: (params, opts) => getJSON("/api/landscape", params, opts),
  descend: (params, opts) => getJSON("/api/descend", params, opts),
  peek: (params, opts) => getJSON("/api/peek", params, opts),
};
