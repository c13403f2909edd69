// Type-only imports: lib/audit hashes with node:crypto, which does not exist in a browser bundle.
import type { BrokenEntry, BrokenReason, ChainHead, VerifyResult } from "@/lib/audit";

/**
 * The audit chain verified in the browser, with the Web Crypto API, so an auditor does not have to
 * trust the server's own "verify" answer. It reproduces lib/audit's ChainVerifier check for check
 * (seq, prev_hash, payload, hash, in that order, stopping at the first broken entry) and its hash
 *
 *   hash = hex(sha256(utf8(prev_hash + canonicalJson({ action, actor, at, payload, seq, subject }))))
 *
 * over the values of a JSONL export. browser-verify.test.ts holds it equal to lib/audit on the same
 * entries, intact and tampered.
 */

export const GENESIS_HASH = "0".repeat(64);

/** lib/audit's MAX_CANONICAL_DEPTH. */
const MAX_DEPTH = 256;

// The same tests lib/audit/canonical-json.ts applies (RFC 8785 wants I-JSON: no unpaired surrogates).
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

class NotCanonical extends Error {}

/**
 * Canonical JSON of a value that came out of JSON.parse (so: null, booleans, finite or infinite
 * numbers, strings, arrays, plain objects). Keys sorted by UTF-16 code units, strings escaped as
 * JSON.stringify does, numbers in ECMAScript shortest form; what lib/audit refuses, this throws on.
 */
export function canonicalJson(value: unknown, depth = 0): string {
  if (value === null) return "null";
  switch (typeof value) {
    case "string":
      if (LONE_SURROGATE.test(value)) throw new NotCanonical("string contains an unpaired UTF-16 surrogate");
      return JSON.stringify(value);
    case "number":
      if (!Number.isFinite(value)) throw new NotCanonical(`number ${String(value)} has no JSON form`);
      return String(value);
    case "boolean":
      return value ? "true" : "false";
    case "object":
      break;
    default:
      throw new NotCanonical(`${typeof value} has no JSON form`);
  }
  if (depth >= MAX_DEPTH) throw new NotCanonical(`nesting deeper than ${MAX_DEPTH}`);
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v, depth + 1)).join(",")}]`;
  const record = value as Record<string, unknown>;
  const members: string[] = [];
  for (const k of Object.keys(record).sort()) {
    if (record[k] === undefined) continue;
    members.push(`${canonicalJson(k)}:${canonicalJson(record[k], depth + 1)}`);
  }
  return `{${members.join(",")}}`;
}

export type Sha256Hex = (text: string) => Promise<string>;

/** SHA-256 of the UTF-8 of a string, as lower-case hex, by crypto.subtle (secure contexts only). */
export const subtleSha256: Sha256Hex = async (text) => {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  let hex = "";
  for (const byte of new Uint8Array(digest)) hex += byte.toString(16).padStart(2, "0");
  return hex;
};

/** One line of a JSONL export, as JSON.parse gives it back. */
export interface ExportedEntry {
  seq: number;
  at: string;
  actor: string;
  action: string;
  subject: string;
  payload?: unknown;
  payload_text?: string;
  prev_hash: string;
  hash: string;
}

const STRING_FIELDS = ["at", "actor", "action", "subject", "prev_hash", "hash"] as const;
const KNOWN = new Set<string>(["seq", ...STRING_FIELDS, "payload", "payload_text"]);

/** null when the value has the shape of an exported entry, else what is wrong (as parseJsonlExport would). */
export function entryShapeProblem(value: unknown): string | null {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return "not a JSON object";
  const v = value as Record<string, unknown>;
  if (typeof v.seq !== "number" || !Number.isInteger(v.seq) || v.seq < 1)
    return "seq: not a positive integer";
  for (const f of STRING_FIELDS) if (typeof v[f] !== "string") return `${f}: not a string`;
  const hasPayload = "payload" in v;
  const hasText = "payload_text" in v;
  if (hasPayload === hasText) return "needs exactly one of payload and payload_text";
  if (hasText && typeof v.payload_text !== "string") return "payload_text: not a string";
  const unknown = Object.keys(v).find((k) => !KNOWN.has(k));
  return unknown === undefined ? null : `unknown field ${JSON.stringify(unknown)}`;
}

/** An incremental verifier like lib/audit's ChainVerifier, asynchronous because Web Crypto is. */
export class BrowserChainVerifier {
  #seq = 0;
  #hash = GENESIS_HASH;
  #at: string | null = null;
  #count = 0;
  #index = 0;
  #broken: BrokenEntry | null = null;

  constructor(private readonly sha256: Sha256Hex = subtleSha256) {}

  get ok(): boolean {
    return this.#broken === null;
  }

  get count(): number {
    return this.#count;
  }

  async push(entry: ExportedEntry): Promise<boolean> {
    if (this.#broken !== null) return false;
    const index = this.#index++;
    const expectedSeq = this.#seq + 1;
    const seq = entry.seq;
    if (seq !== expectedSeq) {
      const reason = typeof seq === "number" && seq < expectedSeq ? "seq_not_increasing" : "seq_gap";
      return this.#fail({ seq, index, reason, expected: expectedSeq, actual: seq });
    }
    if (entry.prev_hash !== this.#hash)
      return this.#fail({
        seq,
        index,
        reason: "prev_hash_mismatch",
        expected: this.#hash,
        actual: entry.prev_hash,
      });
    let payload: string;
    try {
      payload =
        entry.payload_text !== undefined
          ? canonicalJson(JSON.parse(entry.payload_text))
          : canonicalJson(entry.payload);
    } catch (error) {
      return this.#fail({ seq, index, reason: "payload_not_json", detail: messageOf(error) });
    }
    let computed: string;
    try {
      // Members in UTF-16 order: action < actor < at < payload < seq < subject.
      const envelope =
        `{"action":${canonicalJson(entry.action)},"actor":${canonicalJson(entry.actor)},` +
        `"at":${canonicalJson(entry.at)},"payload":${payload},"seq":${canonicalJson(seq)},` +
        `"subject":${canonicalJson(entry.subject)}}`;
      computed = await this.sha256(this.#hash + envelope);
    } catch (error) {
      return this.#fail({
        seq,
        index,
        reason: "hash_mismatch",
        actual: entry.hash,
        detail: messageOf(error),
      });
    }
    if (computed !== entry.hash)
      return this.#fail({ seq, index, reason: "hash_mismatch", expected: computed, actual: entry.hash });
    this.#seq = seq;
    this.#hash = entry.hash;
    this.#at = entry.at;
    this.#count++;
    return true;
  }

  result(): VerifyResult {
    if (this.#broken !== null) return { ok: false, count: this.#count, firstBroken: { ...this.#broken } };
    const head: ChainHead | null =
      this.#at === null ? null : { seq: this.#seq, hash: this.#hash, at: this.#at };
    return { ok: true, count: this.#count, head };
  }

  #fail(broken: BrokenEntry & { reason: BrokenReason }): false {
    this.#broken = broken;
    return false;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A line that is not an exported entry at all: the file is not an export, nothing to verify. */
export interface MalformedLine {
  ok: false;
  count: number;
  malformed: { line: number; message: string };
}

export type BrowserVerifyResult = VerifyResult | MalformedLine;

/**
 * Verifies a JSONL export as it downloads, line by line (constant memory). `onProgress` is called
 * with the number of entries verified so far, every `every` entries.
 */
export async function verifyJsonlStream(
  body: ReadableStream<Uint8Array>,
  opts: { sha256?: Sha256Hex; onProgress?: (count: number) => void; every?: number } = {},
): Promise<BrowserVerifyResult> {
  const verifier = new BrowserChainVerifier(opts.sha256);
  const every = opts.every ?? 250;
  const reader = body.getReader();
  const decoder = new TextDecoder("utf-8", { fatal: false });
  let buffered = "";
  let lineNo = 0;
  let first = true;

  const take = async (raw: string): Promise<MalformedLine | "stop" | null> => {
    lineNo++;
    let line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (first) {
      first = false;
      if (line.startsWith("\uFEFF")) line = line.slice(1);
    }
    if (line.trim() === "") return null;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      return {
        ok: false,
        count: verifier.count,
        malformed: { line: lineNo, message: `not JSON: ${messageOf(error)}` },
      };
    }
    const problem = entryShapeProblem(value);
    if (problem !== null)
      return { ok: false, count: verifier.count, malformed: { line: lineNo, message: problem } };
    if (!(await verifier.push(value as ExportedEntry))) return "stop";
    if (opts.onProgress && verifier.count % every === 0) opts.onProgress(verifier.count);
    return null;
  };

  try {
    for (;;) {
      const { done, value } = await reader.read();
      buffered += done ? decoder.decode() : decoder.decode(value, { stream: true });
      let start = 0;
      for (let nl = buffered.indexOf("\n"); nl !== -1; nl = buffered.indexOf("\n", start)) {
        const outcome = await take(buffered.slice(start, nl));
        if (outcome === "stop") return verifier.result();
        if (outcome !== null) return outcome;
        start = nl + 1;
      }
      buffered = buffered.slice(start);
      if (done) break;
    }
    if (buffered !== "") {
      const outcome = await take(buffered);
      if (outcome !== null && outcome !== "stop") return outcome;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  opts.onProgress?.(verifier.count);
  return verifier.result();
}

/** The same for an export already in memory. */
export function verifyJsonlText(
  text: string,
  opts: { sha256?: Sha256Hex } = {},
): Promise<BrowserVerifyResult> {
  const bytes = new TextEncoder().encode(text);
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });
  return verifyJsonlStream(body, opts);
}
