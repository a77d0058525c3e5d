// Running a program on the server: POST it, then read the answer as JSON lines while training goes on.
// Stop aborts the request; the server notices the closed connection and ends the worker process.

import { ApiError } from "../common/api.js";
import { LANGUAGE, t } from "../common/words.js";

/** Run `source` (with uploaded CSV `files`); calls onEvent for each event; rejects with AbortError on Stop. */
export async function runProgram(source, files, onEvent, signal) {
  let response;
  try {
    response = await fetch(`/api/studio/run?lang=${LANGUAGE}`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/x-ndjson" },
      body: JSON.stringify({ source, files }),
      signal,
    });
  } catch (error) {
    if (error.name === "AbortError") throw error;
    throw new ApiError(0, { message: t("Could not reach the foggyhill server: is `foggyhill serve` still running?") });
  }
  if (!response.ok) {
    let body = null;
    try {
      body = await response.json();
    } catch {
      body = null;
    }
    throw new ApiError(response.status, (body && body.error) || { message: t("the server answered {status}", response) });
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    let end = buffer.indexOf("\n");
    while (end >= 0) {
      const line = buffer.slice(0, end).trim();
      buffer = buffer.slice(end + 1);
      if (line) onEvent(JSON.parse(line));
      end = buffer.indexOf("\n");
    }
  }
}
