// Settings ⇄ URL, driven by the one schema the server publishes at /api/schema (the same FIELDS the engine and the
// command line use), so a field added there shows up here with no change. Every page's link goes through here: the
// simulation's with the schema's `fields`, the explorers' with a table of their tool's fields (`toolFields`).

// Names in a page's link that choose how the page is shown, not what it simulates: kept when the page rewrites its
// link, never read as settings. `embed=1` asks for the simulation alone (common/embed.js); the lesson's challenge
// link adds its goal, locks and note (gradient-descent/challenge.js); `lang` keeps the page in the language asked.
import { num, t } from "./words.js";

export const PAGE_PARAMS = ["embed", "challenge", "goal", "lock", "note", "lang"];

/** The schema's fields with the server's limits applied (e.g. at most 10000 steps from a page). */
export function fieldsOf(schema) {
  const fields = {};
  for (const [name, spec] of Object.entries(schema.fields)) {
    const limit = schema.limits ? schema.limits[name] : undefined;
    fields[name] = limit === undefined ? { ...spec } : { ...spec, maximum: Math.min(spec.maximum ?? limit, limit) };
  }
  return fields;
}

/** A tool's fields from the schema (`schema.tools[tool]`), all of them or only `names`, in that order. */
export function toolFields(schema, tool, names) {
  const own = schema.tools?.[tool]?.fields;
  if (!own) throw new Error(`the schema describes no tool "${tool}"`);
  const fields = {};
  for (const name of names ?? Object.keys(own)) {
    if (!own[name]) throw new Error(`the schema's ${tool} has no field "${name}"`);
    fields[name] = { ...own[name] };
  }
  return fields;
}

/** Every field at its default (the schema's own fields, or a page's table of them). */
export function defaults(schema, fields = fieldsOf(schema)) {
  const values = {};
  for (const [name, spec] of Object.entries(fields)) values[name] = spec.default ?? null;
  return values;
}

/** A number as the engine's messages print it (Python's "g" format), so both sides say the same words. */
function general(x) {
  if (x !== 0 && (Math.abs(x) >= 1e6 || Math.abs(x) < 1e-4)) {
    const [mantissa, exponent] = x.toExponential(5).split("e");
    const power = Number(exponent);
    const digits = String(Math.abs(power)).padStart(2, "0");
    return `${String(Number(mantissa))}e${power < 0 ? "-" : "+"}${digits}`;
  }
  return String(Number(x.toPrecision(6)));
}

/** A limit as the engine's messages print it: whole numbers in full (4294967295, not 4.29497e+09). */
function limitText(x) {
  return Number.isInteger(x) ? String(x) : general(x);
}

/** What a field allows, in the same words (and catalog messages) as the engine's Field.allowed(). */
function allowed(spec) {
  if (spec.kind === "choice") return t("one of {choices}", { choices: spec.choices.join(", ") });
  if (spec.kind === "text") return t("text of at most {most:g} characters", { most: limitText(spec.maximum) });
  const limits = { low: num(limitText(spec.minimum)), high: num(limitText(spec.maximum)) };
  if (spec.kind === "int") {
    return spec.above_minimum
      ? t("a whole number greater than {low} and at most {high}", limits)
      : t("a whole number at least {low} and at most {high}", limits);
  }
  return spec.above_minimum
    ? t("a number greater than {low} and at most {high}", limits)
    : t("a number at least {low} and at most {high}", limits);
}

/** Check one raw text value against its field: {value} when allowed, {error} naming what is allowed otherwise. */
export function parseField(name, spec, raw) {
  if (raw === null || raw === undefined || raw === "") return { value: spec.default ?? null };
  const shown = spec.kind === "text" ? t("{count} characters", { count: String(raw).length }) : `'${raw}'`;
  const fail = () => ({ error: t("{name} must be {allowed} (got {got})", { name, allowed: allowed(spec), got: shown }) });
  if (spec.kind === "choice") return spec.choices.includes(raw) ? { value: raw } : fail();
  if (spec.kind === "text") return String(raw).length <= spec.maximum ? { value: String(raw) } : fail();
  if (spec.kind === "list") return { value: String(raw).replace(/\s+/g, "") }; // the engine checks each item
  const text = String(raw).trim();
  const form = spec.kind === "int" ? /^[+-]?\d+$/ : /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
  if (!form.test(text)) return fail();
  const value = Number(text);
  if (spec.kind === "int" && !Number.isInteger(value)) return fail();
  const low = spec.above_minimum ? value <= spec.minimum : value < spec.minimum;
  if (!Number.isFinite(value) || low || value > spec.maximum) return fail();
  return { value };
}

/** Read settings from a query string; bad or unknown values are left at their defaults and reported. */
export function decodeSettings(search, schema, fields = fieldsOf(schema)) {
  const params = new URLSearchParams(search);
  const settings = defaults(schema, fields);
  const problems = [];
  for (const [name, raw] of params) {
    if (PAGE_PARAMS.includes(name)) continue;
    const spec = fields[name];
    if (!spec) {
      const known = Object.keys(fields).join(", ");
      problems.push({ field: name, message: t('unknown setting "{name}" (allowed: {known})', { name, known }) });
      continue;
    }
    const parsed = parseField(name, spec, raw);
    if ("error" in parsed) problems.push({ field: name, message: parsed.error });
    else settings[name] = parsed.value;
  }
  return { settings, problems };
}

/** The query string for `settings`: only what differs from the defaults, in the schema's order. */
export function encodeSettings(settings, schema, fields = fieldsOf(schema)) {
  const params = new URLSearchParams();
  for (const [name, spec] of Object.entries(fields)) {
    const value = settings[name];
    if (value === null || value === undefined || value === "" || value === (spec.default ?? null)) continue;
    params.set(name, String(value));
  }
  // Commas need no escape in a query, and a start of -1.5,2 reads better than -1.5%2C2.
  const text = params.toString().replaceAll("%2C", ",");
  return text ? `?${text}` : "";
}

/** `query` (a settings query, "" or "?a=1") with the current link's page names (PAGE_PARAMS) added back. */
export function pageQuery(query) {
  const params = new URLSearchParams(query);
  const current = new URLSearchParams(window.location.search);
  for (const name of PAGE_PARAMS) if (current.has(name)) params.set(name, current.get(name));
  const text = params.toString().replaceAll("%2C", ",");
  return text ? `?${text}` : "";
}

/** Put `settings` in the address bar without adding a history entry (called on every change). */
export function writeUrl(settings, schema, fields = fieldsOf(schema)) {
  const query = pageQuery(encodeSettings(settings, schema, fields));
  const url = `${window.location.pathname}${query}${window.location.hash}`;
  if (url !== `${window.location.pathname}${window.location.search}${window.location.hash}`) {
    window.history.replaceState(null, "", url);
  }
}
