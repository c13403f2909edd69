import { createHash } from "node:crypto";

/**
 * Canonical JSON: object keys sorted, typed arrays as arrays, non-finite numbers and undefined
 * spelled out so that NaN, Infinity and a missing field hash differently from null.
 */
function canonical(value: unknown): string {
  if (value === undefined) return '"\u0000undefined"';
  if (typeof value === "number")
    return Number.isFinite(value) ? JSON.stringify(value) : `"\u0000${String(value)}"`;
  if (typeof value === "bigint") return `"\u0000${value.toString()}n"`;
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (ArrayBuffer.isView(value) && !(value instanceof DataView))
    return `[${Array.from(value as unknown as ArrayLike<number>, canonical).join(",")}]`;
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  const entries = Object.keys(value)
    .sort()
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`);
  return `{${entries.join(",")}}`;
}

/** sha256 (hex) of the canonical JSON of a value: equal inputs, equal keys, whatever the key order. */
export function stableHash(value: unknown): string {
  return createHash("sha256").update(canonical(value)).digest("hex");
}

export interface Memoized<A extends unknown[], R> {
  (...args: A): R;
  readonly size: number;
  clear(): void;
}

/**
 * Memoises a pure function by the stable hash of its arguments, least recently used evicted first.
 * Projections are deterministic (seeded), so a cached result is the result.
 */
export function memoize<A extends unknown[], R>(
  fn: (...args: A) => R,
  options: { maxEntries?: number } = {},
): Memoized<A, R> {
  const max = options.maxEntries ?? 256;
  const cache = new Map<string, R>();
  const memo = (...args: A): R => {
    const key = stableHash(args);
    if (cache.has(key)) {
      const hit = cache.get(key) as R;
      cache.delete(key);
      cache.set(key, hit);
      return hit;
    }
    const result = fn(...args);
    cache.set(key, result);
    if (cache.size > max) cache.delete(cache.keys().next().value as string);
    return result;
  };
  Object.defineProperty(memo, "size", { get: () => cache.size });
  return Object.assign(memo, { clear: () => cache.clear() }) as Memoized<A, R>;
}
