// Small helpers for drawing SVG without a library: make elements, pick tidy tick values, size to the screen.

const NS = "http://www.w3.org/2000/svg";

/** A new SVG element with attributes, appended to `parent` when given. */
export function svgEl(tag, attrs = {}, parent = null) {
  const node = document.createElementNS(NS, tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, String(value));
  if (parent) parent.appendChild(node);
  return node;
}

/** Round tick values (1, 2 or 5 times a power of ten) covering [lo, hi] with about `count` ticks. */
export function niceTicks(lo, hi, count = 5) {
  if (!(Number.isFinite(lo) && Number.isFinite(hi)) || hi <= lo) return [];
  const raw = (hi - lo) / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  const ticks = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) {
    ticks.push(Math.abs(v) < step * 1e-9 ? 0 : Number(v.toPrecision(12)));
  }
  return ticks;
}

/** A linear map from [d0, d1] to [r0, r1], with its inverse. */
export function linear(d0, d1, r0, r1) {
  const k = d1 === d0 ? 0 : (r1 - r0) / (d1 - d0);
  const map = (v) => r0 + (v - d0) * k;
  map.invert = (px) => (k === 0 ? d0 : d0 + (px - r0) / k);
  map.k = k;
  return map;
}

/** The range [lo, hi] worth showing for `values`: extremes, unless a few far-off values would squash the rest. */
export function robustRange(values) {
  const finite = values.filter((v) => typeof v === "number" && Number.isFinite(v)).sort((a, b) => a - b);
  if (!finite.length) return [0, 1];
  const at = (q) => finite[Math.min(finite.length - 1, Math.max(0, Math.round(q * (finite.length - 1))))];
  let [lo, hi] = [finite[0], finite[finite.length - 1]];
  const core = at(0.95) - at(0.05);
  if (core > 0 && hi - lo > 12 * core) [lo, hi] = [at(0.03), at(0.97)];
  if (hi - lo < 1e-9) [lo, hi] = [lo - 1, hi + 1];
  return [lo, hi];
}

/** Call `draw(width, height)` now and whenever `element` changes size (at most once per frame). */
export function watchSize(element, draw) {
  let pending = false;
  const run = () => {
    pending = false;
    const { width, height } = element.getBoundingClientRect();
    if (width > 0 && height > 0) draw(width, height);
  };
  const observer = new ResizeObserver(() => {
    if (!pending) {
      pending = true;
      requestAnimationFrame(run);
    }
  });
  observer.observe(element);
  run();
  return observer;
}
