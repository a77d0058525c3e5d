// The widgets' plumbing: requests to the Python kernel over the comm (answered by notebook/bridge.py with the
// same JSON the web API sends; each view tags its own), actions from Python as state, and jobs run in order.

import { ApiError } from "../common/api.js";

export function kernelTransport(model) {
  const view = Math.random().toString(36).slice(2);
  const waiting = new Map();
  let count = 0;
  const onMessage = (message) => {
    if (!message || message.type !== "answer" || !waiting.has(message.id)) return;
    const { resolve, reject } = waiting.get(message.id);
    waiting.delete(message.id);
    if (message.ok) resolve(JSON.parse(message.body));
    else reject(new ApiError(message.status, message.error));
  };
  model.on("msg:custom", onMessage);
  const ask = (path, params, signal) =>
    new Promise((resolve, reject) => {
      count += 1;
      const id = `${view}:${count}`;
      waiting.set(id, { resolve, reject });
      if (signal) {
        signal.addEventListener("abort", () => {
          if (waiting.delete(id)) reject(new DOMException("The request was replaced by a newer one.", "AbortError"));
        });
      }
      model.send({ type: "ask", id, path, params });
    });
  ask.close = () => model.off("msg:custom", onMessage);
  return ask;
}

/**
 * Actions asked for in Python (`sim.roll()`) travel as state, not as messages: a message sent before the view
 * exists would be lost (Run All sends everything at once). `_action` is {name, id}; `_acted` is the last id any view
 * has done. Every view does each action that arrives while it is shown (one widget may be shown in several cells);
 * a view that appears later does the one no view has done yet, and replays none that another view already did.
 * Returns the handler to call on mount and on every change.
 */
export function pendingAction(model, run) {
  let seen = null; // the last action id this view has done or skipped; null until the view first looks
  return () => {
    const action = model.get("_action");
    const acted = model.get("_acted") || 0;
    if (seen === null) seen = acted;
    if (!action || !(action.id > seen)) return;
    seen = action.id;
    if (action.id > acted) {
      model.set("_acted", action.id);
      model.save_changes();
    }
    run(action.name);
  };
}

/** Run jobs one after another, each after the last has finished; a failed job is reported and the next one runs. */
export function serial(onError) {
  let queue = Promise.resolve();
  return (job) => {
    queue = queue.then(job).catch(onError);
    return queue;
  };
}

const PATIENCE_MS = 4000;
export const KERNEL_SLOW =
  "Waiting for the Python kernel: it answers once the cells running now are done. If the kernel was restarted, " +
  "run this cell again.";

/** Say so when the kernel has not answered a widget's first requests after a few seconds (busy, or gone). */
export async function patiently(work, onSlow) {
  const timer = setTimeout(onSlow, PATIENCE_MS);
  try {
    return await work;
  } finally {
    clearTimeout(timer);
  }
}
