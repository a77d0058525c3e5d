// Numbers as a learner reads them: short, with a real minus sign, and never "NaN" or "Infinity". The format*
// functions write the English way (what a box, a link or a test takes); the *Text ones write the page's language's
// way (0,5 in Spanish), for readouts, prose and axes.

import { num } from "./words.js";

const MINUS = "\u2212";
const SUPERSCRIPT = Object.fromEntries([..."-0123456789"].map((c, i) => [c, "⁻⁰¹²³⁴⁵⁶⁷⁸⁹"[i]]));

/** `x` rounded to `digits` decimals with trailing zeros dropped; huge or tiny values in powers of ten. */
export function formatNumber(x, { digits = 3, missing = "—" } = {}) {
  if (typeof x !== "number" || !Number.isFinite(x)) return missing;
  const size = Math.abs(x);
  if (size !== 0 && (size >= 1e4 || size < 10 ** -digits / 2)) return powerOfTen(x);
  const places = size >= 1000 ? Math.min(1, digits) : digits;
  const rounded = Number(x.toFixed(places));
  const text = String(Object.is(rounded, -0) ? 0 : rounded);
  return text.replace("-", MINUS);
}

/** 1.23 × 10⁵ style, with thin spaces so it fits a readout. */
function powerOfTen(x) {
  const [mantissa, exponent] = x.toExponential(2).split("e");
  const power = String(Number(exponent)).replace(/./g, (c) => SUPERSCRIPT[c] ?? c);
  return `${String(Number(mantissa)).replace("-", MINUS)}\u2009×\u200910${power}`;
}

/** Like formatNumber, with an explicit + for positive values (for moves and changes). */
export function formatSigned(x, opts) {
  const text = formatNumber(x, opts);
  return typeof x === "number" && Number.isFinite(x) && x > 0 && text !== "0" ? `+${text}` : text;
}

/** A speed as typed: up to 4 significant digits, plain decimals. */
export function formatSpeed(speed) {
  if (!Number.isFinite(speed)) return "—";
  return String(Number(speed.toPrecision(4)));
}

/** formatNumber written the page language's way (0,5 in Spanish): for readouts, prose and axes, never for a box. */
export function numberText(x, opts) {
  return num(formatNumber(x, opts));
}

/** formatSigned written the page language's way. */
export function signedText(x, opts) {
  return num(formatSigned(x, opts));
}

/** formatSpeed written the page language's way: a speed in prose (the speed box keeps formatSpeed's). */
export function speedText(speed) {
  return num(formatSpeed(speed));
}
