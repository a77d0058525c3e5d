// Where everything sits on the stage, in stage units. "wide" is the exported video's own 1920×1080 grid
// (foggyhill/render/theme.py); "tall" stacks the same parts for a phone, where a 16:9 stage would shrink its words
// to a few pixels. Record mode is always wide: a recording is a video.

const TALL_BELOW = 640; // CSS pixels: a stage frame narrower than this gets the tall layout
const COMPACT_BELOW = 150; // stage units: a shorter chart panel (five runs or more) puts its note beside its speed

/** The exported video's layout. */
export function wide(runs) {
  const gap = 20;
  const column = { x: 1340, top: 170, width: 520, height: 740 };
  const height = (column.height - gap * (runs - 1)) / Math.max(runs, 1);
  const compact = height < COMPACT_BELOW;
  return {
    name: "wide",
    width: 1920,
    height: 1080,
    title: { x: 60, y: 78 },
    status: { x: 1860, y: 78, anchor: "end" },
    panel: { x: 60, y: 120, width: 1250, height: 790 },
    plot: { left: 150, top: 150, width: 1130, height: 700 },
    strip: { y: 190, size: 28 },
    caption: { x: 60, y: 990, chars: 90, lineHeight: 46 },
    heading: { x: column.x, y: column.top - 22 },
    chart: (k) => ({ x: column.x, y: column.top + k * (height + gap), width: column.width, height }),
    compact,
    margins: compact ? { left: 96, top: 46, bottom: 14 } : { left: 96, top: 54, bottom: 46 },
    card: { x: 205, y: 240, width: 960, padding: 48, chars: 52, lineHeight: 42 },
    intro: { y: 390, chars: 80 },
    summary: { title: 170, top: 230, rowHeight: Math.min(190, 600 / Math.max(runs, 1)), x: 200, width: 1520 },
  };
}

/** The phone's layout: status and phases on top, the curve, the caption, then one chart row per run. */
export function tall(runs) {
  const column = { x: 20, top: 850, width: 920, rowHeight: 220, gap: 14 };
  const charts = runs * column.rowHeight + Math.max(runs - 1, 0) * column.gap;
  return {
    name: "tall",
    width: 960,
    height: column.top + charts + 20,
    title: null,
    status: { x: 30, y: 52, anchor: "start" },
    panel: { x: 20, y: 130, width: 920, height: 560 },
    plot: { left: 90, top: 170, width: 820, height: 460 },
    strip: { y: 108, size: 30 },
    caption: { x: 30, y: 735, chars: 50, lineHeight: 40 },
    heading: { x: column.x, y: column.top - 22 },
    chart: (k) => ({ x: column.x, y: column.top + k * (column.rowHeight + column.gap), width: column.width, height: column.rowHeight }),
    compact: false,
    margins: { left: 130, top: 58, bottom: 62 },
    card: { x: 40, y: 170, width: 880, padding: 36, chars: 44, lineHeight: 40 },
    intro: { y: 420, chars: 26 },
    summary: { title: 90, top: 150, rowHeight: Math.min(330, (column.top + charts - 360) / Math.max(runs, 1)), x: 20, width: 920 },
  };
}

/** The area a run's line is drawn in, inside its panel: the layout's margins, room on the left for the labels. */
export function chartArea(panel, { left, top, bottom }) {
  return { left: panel.x + left, top: panel.y + top, right: panel.x + panel.width - 24, bottom: panel.y + panel.height - bottom };
}

/** The layout for a stage frame `width` CSS pixels wide, in Record mode or not. */
export function layoutFor(width, recording, runs) {
  return !recording && width > 0 && width < TALL_BELOW ? tall(runs) : wide(runs);
}
