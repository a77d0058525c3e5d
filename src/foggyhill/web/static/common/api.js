// The JSON API, one function per endpoint. A refused request becomes an ApiError carrying the server's field,
// message and (for formulas) the 0-based position, so a page can show the message where the mistake is.

import { LANGUAGE } from "./words.js";

export class ApiError extends Error {
  constructor(status, { field = null, message = "", position = null } = {}) {
    super(message || `the server answered ${status}`);
    this.name = "ApiError";
    this.status = status;
    this.field = field;
    this.position = position;
  }
}

/** The query string for `params`, leaving out empty values so the server uses its defaults. */
export function query(params = {}) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value === null || value === undefined || value === "") continue;
    search.set(name, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}

/** GET `path` with `params`, its words in the page's language; resolves to the decoded JSON or rejects with an
 * ApiError. */
export async function getJSON(path, params = {}, { signal } = {}) {
  let response;
  try {
    const asked = query({ ...params, lang: LANGUAGE });
    response = await fetch(`${path}${asked}`, { signal, headers: { Accept: "application/json" } });
  } catch (error) {
    if (error.name === "AbortError") throw error;
    throw new ApiError(0, { message: "Could not reach the foggyhill server: is `foggyhill serve` still running?" });
  }
  let body = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (!response.ok) {
    throw new ApiError(response.status, (body && body.error) || { message: `the server answered ${response.status}` });
  }
  return body;
}

export const api = {
  schema: (opts) => getJSON("/api/schema", {}, opts),
  landscapes: (opts) => getJSON("/api/landscapes", {}, opts),
  landscape: (params, opts) => getJSON("/api/landscape", params, opts),
  descend: (params, opts) => getJSON("/api/descend", params, opts),
  peek: (params, opts) => getJSON("/api/peek", params, opts),
};
