import { hash } from "node:crypto";
import { DomainError } from "@/lib/errors";

/**
 * Thrown when a value has no canonical JSON form. `path` is a JSONPath-like location (`$.a[2].b`)
 * so a caller can tell a bad payload member from a bad envelope field.
 */
export class CanonicalJsonError extends DomainError {
  override name = "CanonicalJsonError";
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super("VALIDATION", `not canonical JSON: ${reason} at ${path}`, [{ path, message: reason }]);
  }
}

/** Deeper than this is a bug or an attack, not an audit payload; failing clearly beats a stack overflow. */
export const MAX_CANONICAL_DEPTH = 256;

// RFC 8785 §3.1 requires I-JSON input (RFC 7493), which forbids unpaired surrogates.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// Characters JSON.stringify would escape, plus surrogates (which need the unpaired check).
// eslint-disable-next-line no-control-regex
const NEEDS_CARE = /["\\\u0000-\u001f\uD800-\uDFFF]/;
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

type PathPart = string | number;

function formatPath(parts: readonly PathPart[]): string {
  let out = "$";
  for (const part of parts) {
    if (typeof part === "number") out += `[${part}]`;
    else if (IDENTIFIER.test(part)) out += `.${part}`;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out;
}

function fail(parts: readonly PathPart[], reason: string): never {
  throw new CanonicalJsonError(formatPath(parts), reason);
}

function writeString(value: string, parts: readonly PathPart[]): string {
  // Fast path: most audit strings need no escaping and contain no surrogate at all.
  if (!NEEDS_CARE.test(value)) return `"${value}"`;
  if (LONE_SURROGATE.test(value)) fail(parts, "string contains an unpaired UTF-16 surrogate");
  // ECMAScript JSON.stringify escaping is exactly the RFC 8785 §3.2.2.2 string serialisation.
  return JSON.stringify(value);
}

function isPlainObject(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function write(value: unknown, parts: PathPart[], ancestors: object[], viaToJSON: boolean): string {
  switch (typeof value) {
    case "string":
      return writeString(value, parts);
    case "number":
      if (!Number.isFinite(value)) fail(parts, `number ${String(value)} has no JSON form`);
      // Number#toString is the ECMAScript shortest round-trip form RFC 8785 §3.2.2.3 mandates; -0 → "0".
      return String(value);
    case "boolean":
      return value ? "true" : "false";
    case "undefined":
      return fail(parts, "undefined has no JSON form");
    case "bigint":
      return fail(parts, "bigint has no JSON form (encode it as a string)");
    case "function":
      return fail(parts, "a function has no JSON form");
    case "symbol":
      return fail(parts, "a symbol has no JSON form");
    case "object":
      break;
  }
  if (value === null) return "null";
  const toJSON: unknown = (value as { toJSON?: unknown }).toJSON;
  // Date (and anything else with toJSON) serialises as JSON.stringify would, so parse∘canonical is stable.
  // Like JSON.stringify, toJSON is applied once per position, never to its own result.
  if (typeof toJSON === "function" && !viaToJSON) {
    const key = parts.length === 0 ? "" : String(parts[parts.length - 1]);
    return write(toJSON.call(value, key), parts, ancestors, true);
  }
  if (ancestors.includes(value)) fail(parts, "circular reference");
  if (ancestors.length >= MAX_CANONICAL_DEPTH) fail(parts, `nesting deeper than ${MAX_CANONICAL_DEPTH}`);
  ancestors.push(value);
  let out: string;
  if (Array.isArray(value)) {
    out = "[";
    for (let i = 0; i < value.length; i++) {
      parts.push(i);
      out +=
        i === 0 ? write(value[i], parts, ancestors, false) : `,${write(value[i], parts, ancestors, false)}`;
      parts.pop();
    }
    out += "]";
  } else {
    if (!isPlainObject(value)) {
      const kind = (value as { constructor?: { name?: string } }).constructor?.name ?? "object";
      fail(parts, `${kind} is not plain JSON data`);
    }
    const record = value as Record<string, unknown>;
    // Default sort compares UTF-16 code units, which is the RFC 8785 §3.2.3 property order.
    const keys = Object.keys(record).sort();
    out = "{";
    let first = true;
    for (const k of keys) {
      const member = record[k];
      if (member === undefined) continue;
      parts.push(k);
      out += `${first ? "" : ","}${writeString(k, parts)}:${write(member, parts, ancestors, false)}`;
      parts.pop();
      first = false;
    }
    out += "}";
  }
  ancestors.pop();
  return out;
}

/**
 * Canonical JSON in the RFC 8785 (JCS) style: object members sorted by UTF-16 code units, no
 * whitespace, numbers in ECMAScript shortest round-trip form, strings escaped as JSON.stringify does.
 * Object members whose value is `undefined` are omitted (as JSON.stringify does); everything else
 * without a JSON form — NaN, ±Infinity, undefined at top level or in an array, functions, symbols,
 * bigint, cycles, non-plain objects such as Map, unpaired surrogates — throws CanonicalJsonError.
 * Values with `toJSON` (Date) are serialised through it.
 *
 * For any JSON text t, canonicalJson(JSON.parse(t)) is stable under another parse/canonicalise
 * round-trip, which is what lets the audit chain hash a payload stored as text.
 */
export function canonicalJson(value: unknown): string {
  return write(value, [], [], false);
}

/** canonicalJson for a value already known to be a string (the hot path of envelope hashing). */
export function canonicalString(value: string): string {
  return writeString(value, []);
}

/** Lower-case hex SHA-256 of a string (as UTF-8) or of raw bytes. */
export function sha256Hex(data: string | Uint8Array): string {
  return hash("sha256", data, "hex");
}
