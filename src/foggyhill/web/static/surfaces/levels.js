// The loss as colour: a height t in [0, 1] for every loss (log-scaled where the loss spans decades, as on
// Rosenbrock's banana), bands of equal t for the filled contour map, and viridis, which reads in order for colour-blind
// readers and in grey. Pure functions: node tests them.

// viridis as a degree-6 polynomial fit per channel (t = 0: #440154, t = 1: #fde725).
const VIRIDIS = [
  [0.2777273272234177, 0.005407344544966578, 0.3340998053353061],
  [0.1050930431085774, 1.404613529898575, 1.384590162594685],
  [-0.3308618287255563, 0.214847559468213, 0.09509516302823659],
  [-4.634230498983486, -5.799100973351585, -19.33244095627987],
  [6.228269936347081, 14.17993336680509, 56.69055260068105],
  [4.776384997670288, -13.74514537774601, -65.35303263337234],
  [-5.435455855934631, 4.645852612178535, 26.3124352495832],
];
export const BANDS = 14;
// Log levels when a quarter of the window or more would fall in the lowest band on a linear scale: the valley would
// be one flat colour and the path across it unreadable (Rosenbrock's banana, Himmelblau's dips, the raw lemonade
// fit). The log's knee sits at the loss a KNEE share of the window is under, so the dips keep some rings.
const LOG_SHARE = 0.25;
const KNEE = 0.02;

/** viridis at t (clamped to [0, 1]) as [r, g, b] in 0..255. */
export function viridis(t) {
  const x = Math.min(1, Math.max(0, t));
  const out = [0, 0, 0];
  for (let c = 0; c < 3; c += 1) {
    let v = 0;
    for (let k = VIRIDIS.length - 1; k >= 0; k -= 1) v = v * x + VIRIDIS[k][c];
    out[c] = Math.round(255 * Math.min(1, Math.max(0, v)));
  }
  return out;
}

/** The finite values of the grid's rows, flattened and sorted. */
function sortedFinite(rows) {
  const values = [];
  for (const row of rows) for (const v of row) if (v !== null && Number.isFinite(v)) values.push(v);
  return values.sort((a, b) => a - b);
}

function quantile(sorted, q) {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.floor(q * (sorted.length - 1))))];
}

/**
 * The loss scale of a grid: {log, low, high, knee, t(loss), loss(t)}. Linear from the lowest to the highest loss in
 * the window, or log-scaled (t grows with log(1 + (loss − low)/knee)) when most of the window is near the bottom.
 */
export function lossScale(rows) {
  const sorted = sortedFinite(rows);
  if (!sorted.length) return linear(0, 1);
  const low = sorted[0];
  const high = sorted[sorted.length - 1];
  if (!(high > low)) return linear(low, low + 1);
  if ((quantile(sorted, LOG_SHARE) - low) / (high - low) >= 1 / BANDS) return linear(low, high);
  const knee = Math.max(quantile(sorted, KNEE) - low, (high - low) * 1e-6);
  const top = Math.log1p((high - low) / knee);
  return {
    log: true,
    low,
    high,
    knee,
    t: (loss) => Math.log1p(Math.max(0, loss - low) / knee) / top,
    loss: (t) => low + knee * Math.expm1(t * top),
  };
}

function linear(low, high) {
  return { log: false, low, high, knee: null, t: (loss) => (loss - low) / (high - low), loss: (t) => low + t * (high - low) };
}

/** The band (0 .. BANDS − 1) a height t falls in. */
export function bandOf(t) {
  return Math.min(BANDS - 1, Math.max(0, Math.floor(t * BANDS)));
}

/** Each band's colour: viridis at the band's middle. */
export function bandColours() {
  return Array.from({ length: BANDS }, (_, k) => viridis((k + 0.5) / BANDS));
}

/** About `count` round values between lo and hi (1, 2 or 5 times a power of ten apart). */
export function niceTicks(lo, hi, count) {
  const raw = (hi - lo) / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) || raw;
  const out = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(Number(v.toPrecision(12)));
  return out;
}

/**
 * Round loss values to label the colour bar with, each with its t: on a linear scale round steps; on a log scale the
 * lowest loss and powers of ten (of the loss itself when the lowest is above 0, else of the height above it).
 */
export function legendTicks(scale, count = 4) {
  if (!scale.log) return niceTicks(scale.low, scale.high, count).map((loss) => ({ t: scale.t(loss), loss }));
  const above = scale.low <= 0;
  const first = Math.ceil(Math.log10(above ? scale.knee : scale.low + scale.knee));
  const last = Math.floor(Math.log10(above ? scale.high - scale.low : scale.high));
  const every = Math.max(1, Math.ceil((last - first + 1) / (count - 1)));
  const ticks = [{ t: 0, loss: scale.low }];
  for (let p = first + ((last - first) % every); p <= last; p += every) {
    const loss = above ? scale.low + 10 ** p : 10 ** p;
    ticks.push({ t: scale.t(loss), loss });
  }
  return ticks;
}
