// The ThreeRuns widget: the three-runs page's own player (three-runs/player.js: clock, stage, seek bar, tones) on
// the page's markup. Only the kernel wiring is the widget's: the timeline comes from the kernel (the same JSON as
// /api/three-runs), and Python's play(), pause(), restart() and seek() arrive as actions.

import { Player } from "../three-runs/player.js";
import { connect, getJSON } from "./api.js";
import { KERNEL_SLOW, kernelTransport, patiently, pendingAction, serial } from "./kernel.js";
import { pageSection } from "./markup.js";

const PAGE_ONLY = ["[data-settings]", "[data-action=record]", ".help"]; // the page's form, Record mode, its help

/** The page's show section in the view's shadow root; ids inside it are the view's own, the seek bar's help too. */
function markup(root, html) {
  const options = { page: "three-runs", selector: "#three-runs", pageOnly: PAGE_ONLY, label: "Three runs" };
  const section = pageSection(root, html, options);
  section.removeAttribute("id");
  return section;
}

export function mount({ model, root, html }) {
  const transport = kernelTransport(model);
  connect(transport);
  const section = markup(root, html);
  const player = new Player(section);
  const notice = section.querySelector("[data-notice]");
  const showProblem = (error) => {
    notice.textContent = error ? error.message || String(error) : "";
    notice.hidden = !error;
  };
  const then = serial(showProblem);
  const load = () =>
    then(async () => {
      const slow = () => showProblem(new Error(KERNEL_SLOW));
      player.load(await patiently(getJSON("/api/three-runs", model.get("settings")), slow));
      showProblem(null);
    });
  const actions = {
    play: () => player.play(),
    pause: () => player.pause(),
    restart: () => player.restart(),
    seek: (seconds) => player.seekTo(seconds),
  };
  // A seek's time is read as the action arrives: by the time the show has loaded, Python may have sought again.
  const onAction = pendingAction(model, (name) => {
    const seconds = model.get("_seek_at");
    if (actions[name]) then(() => actions[name](seconds));
  });
  model.on("change:settings", load);
  model.on("change:_action", onAction);
  load();
  onAction();
  return () => {
    model.off("change:settings", load);
    model.off("change:_action", onAction);
    transport.close();
    player.dispose();
  };
}
