/** Cell-level readers shared by every parser: numbers, dates, identifiers. */

export type NumberRead = { kind: "empty" } | { kind: "ok"; value: number } | { kind: "bad"; message: string };

const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const NON_FINITE_WORD = /^[+-]?(?:nan|inf|infinity)$/i;

/**
 * Reads a number from a CSV cell or a JSON value. Empty cells (and JSON null) are "empty", never 0.
 * NaN and ±Inf are rejected by name: JSON cannot carry them, so they arrive as strings ("inf", "NaN").
 */
export function readNumber(raw: unknown): NumberRead {
  if (raw === null || raw === undefined) return { kind: "empty" };
  if (typeof raw === "number") {
    if (Number.isNaN(raw)) return { kind: "bad", message: "must be a finite number, got NaN" };
    if (!Number.isFinite(raw)) return { kind: "bad", message: `must be a finite number, got ${raw}` };
    return { kind: "ok", value: raw };
  }
  if (typeof raw !== "string") return { kind: "bad", message: `must be a number, got ${typeof raw}` };
  const s = raw.trim();
  if (s === "") return { kind: "empty" };
  if (!DECIMAL.test(s)) {
    // (no decimal is a non-finite word, so testing that only here changes no answer)
    if (NON_FINITE_WORD.test(s)) return { kind: "bad", message: `must be a finite number, got "${s}"` };
    return { kind: "bad", message: `is not a number: "${clip(s)}"` };
  }
  const value = Number(s);
  if (!Number.isFinite(value)) return { kind: "bad", message: `is out of range: "${clip(s)}"` };
  return { kind: "ok", value };
}

/** The number in a cell, or null when the cell is empty or unreadable (for optional metadata). */
export function numberOrNull(raw: unknown): number | null {
  const r = readNumber(raw);
  return r.kind === "ok" ? r.value : null;
}

export type DateRead = { kind: "empty" } | { kind: "ok"; value: string } | { kind: "bad"; message: string };

const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * Reads an ISO date or date-time and returns the calendar date as written (YYYY-MM-DD). The
 * timezone is deliberately not applied: "2024-10-15T23:30-04:00" was run on the 15th where it ran.
 */
export function readIsoDate(raw: unknown): DateRead {
  if (raw === null || raw === undefined) return { kind: "empty" };
  if (typeof raw !== "string")
    return { kind: "bad", message: `must be an ISO date string, got ${typeof raw}` };
  const s = raw.trim();
  if (s === "") return { kind: "empty" };
  const m = ISO_DATE_TIME.exec(s);
  if (!m) return { kind: "bad", message: `is not an ISO date (YYYY-MM-DD): "${clip(s)}"` };
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const probe = new Date(Date.UTC(y, mo - 1, d));
  if (probe.getUTCFullYear() !== y || probe.getUTCMonth() !== mo - 1 || probe.getUTCDate() !== d) {
    return { kind: "bad", message: `is not a real calendar date: "${clip(s)}"` };
  }
  if (m[4] !== undefined && (Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6] ?? 0) > 59)) {
    return { kind: "bad", message: `has an impossible time of day: "${clip(s)}"` };
  }
  return { kind: "ok", value: `${m[1]}-${m[2]}-${m[3]}` };
}

/** The date of a valid ISO value, or null (for optional metadata). */
export function dateOrNull(raw: unknown): string | null {
  const r = readIsoDate(raw);
  return r.kind === "ok" ? r.value : null;
}

/**
 * One segment of a metric id: lowercase, and only characters MetricId allows ([a-z0-9_.:-]).
 * Source quirks with a meaning get a readable spelling: "Σ" (Safetywashing totals) -> "sum",
 * "++" (AdvGLUE++) -> "pp", "*" (truth*info) -> "x"; anything else odd becomes "-".
 */
export function metricSegment(raw: string): string {
  const s = raw
    .trim()
    .replace(/Σ/g, "sum")
    .replace(/\+/g, "p")
    .replace(/\*/g, "_x_")
    .toLowerCase()
    .replace(/\s+/g, "_")
    .replace(/[^a-z0-9_.:-]/g, "-")
    .replace(/-{2,}/g, "-")
    .replace(/^[-_.:]+|[-_.:]+$/g, "");
  return s === "" ? "unnamed" : s;
}

export function metricId(...segments: string[]): string {
  return segments.map(metricSegment).join(".");
}

/** Suite versions go into ids as `v1-1` (dots would read as id separators). */
export function versionSegment(version: string): string {
  return `v${version.replace(/^v/i, "").replace(/\./g, "-")}`;
}

export function isHttpUrl(s: string): boolean {
  return /^https?:\/\/\S+$/i.test(s.trim());
}

/** A trimmed string, or null for empty / non-string cells. */
export function textOrNull(raw: unknown): string | null {
  if (typeof raw !== "string") return null;
  const s = raw.trim();
  return s === "" ? null : s;
}

export function clip(s: string, max = 40): string {
  return s.length > max ? `${s.slice(0, max)}…` : s;
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
