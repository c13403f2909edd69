/**
 * One line for an audit payload in the log table: its top-level members in canonical (sorted) order,
 * scalars as `key=value`, arrays by length, objects by their own scalar members. Pure; the full
 * payload is shown beside it.
 */
export function summarisePayload(payloadText: string, max = 160): string {
  let value: unknown;
  try {
    value = JSON.parse(payloadText);
  } catch {
    return "(not JSON)";
  }
  return clip(describe(value, 0), max);
}

function scalar(v: unknown): string | null {
  if (v === null) return "null";
  if (typeof v === "string") return v.length > 60 ? `${v.slice(0, 59)}…` : v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return null;
}

function describe(value: unknown, depth: number): string {
  const s = scalar(value);
  if (s !== null) return s;
  if (Array.isArray(value)) return `[${value.length} item${value.length === 1 ? "" : "s"}]`;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  if (keys.length === 0) return "{}";
  if (depth > 0) return `{${keys.map((k) => `${k}=${scalar(record[k]) ?? "…"}`).join(", ")}}`;
  return keys.map((k) => `${k}=${describe(record[k], depth + 1)}`).join(", ");
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** The payload pretty-printed for reading, or the raw text when it is not JSON. */
export function prettyPayload(payloadText: string): string {
  try {
    return JSON.stringify(JSON.parse(payloadText), null, 2);
  } catch {
    return payloadText;
  }
}
