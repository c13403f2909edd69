import { canonicalJson } from "./canonical-json";
import { BROKEN_REASONS } from "./vocabulary";
import { GENESIS_HASH, envelopeText, hashEnvelope, type ChainLink, type VerifiableEntry } from "./chain";

export { BROKEN_REASONS };
export type BrokenReason = (typeof BROKEN_REASONS)[number];

/** The last entry of a verified chain: what signHead signs. */
export interface ChainHead {
  seq: number;
  hash: string;
  at: string;
}

export interface BrokenEntry {
  /** seq as recorded on the offending entry */
  seq: number;
  /** 0-based position of the offending entry in the input stream */
  index: number;
  reason: BrokenReason;
  /** seq_*: the seq that should come next; *_mismatch: the hash recomputed from the chain */
  expected?: number | string;
  actual?: number | string;
  detail?: string;
}

export type VerifyResult =
  | { ok: true; count: number; head: ChainHead | null }
  | { ok: false; count: number; firstBroken: BrokenEntry };

export interface VerifyOptions {
  /**
   * A trusted entry just before the first one pushed (e.g. a signed head), to verify a tail of the log.
   * Default: the genesis (the first entry pushed must be seq 1 with prev_hash GENESIS_HASH).
   */
  after?: ChainLink;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Incremental verifier: push entries in seq order (e.g. page by page from the db) and read result().
 * Checks per entry, in order: seq is the next one, prev_hash is the previous entry's hash, the payload
 * is JSON, the hash recomputes. It stops at the first broken entry; `count` is the entries that
 * verified before it. Memory is O(1) whatever the chain length.
 *
 * A deleted entry shows at the entry after it (seq_gap, or prev_hash_mismatch if seqs were renumbered);
 * a cut-off tail leaves a valid shorter chain and is only caught against a signed head.
 */
export class ChainVerifier {
  #seq: number;
  #hash: string;
  #at: string | null = null;
  #count = 0;
  #index = 0;
  #broken: BrokenEntry | null = null;

  constructor(options: VerifyOptions = {}) {
    this.#seq = options.after?.seq ?? 0;
    this.#hash = options.after?.hash ?? GENESIS_HASH;
  }

  get ok(): boolean {
    return this.#broken === null;
  }

  /** true while the chain is intact; once false, further entries are ignored. */
  push(entry: VerifiableEntry): boolean {
    if (this.#broken !== null) return false;
    const index = this.#index++;
    const expectedSeq = this.#seq + 1;
    const seq = entry.seq;
    if (seq !== expectedSeq) {
      const reason = typeof seq === "number" && seq < expectedSeq ? "seq_not_increasing" : "seq_gap";
      return this.#fail({ seq, index, reason, expected: expectedSeq, actual: seq });
    }
    if (entry.prev_hash !== this.#hash) {
      return this.#fail({
        seq,
        index,
        reason: "prev_hash_mismatch",
        expected: this.#hash,
        actual: entry.prev_hash,
      });
    }
    // Fast path: a stored payload written by appendEntry is already canonical text, so hashing it as
    // it stands reproduces the recorded hash. A match proves the text is the canonical form that was
    // hashed (sha256 is collision resistant); anything else takes the full parse-and-canonicalise path.
    if ("payload_text" in entry && typeof entry.payload_text === "string") {
      try {
        if (hashEnvelope(this.#hash, envelopeText(entry, entry.payload_text)) === entry.hash)
          return this.#accept(entry);
      } catch {
        // an envelope field without a JSON form: the full path below reports it
      }
    }
    let canonicalPayload: string;
    try {
      if ("payload_text" in entry) {
        if (typeof entry.payload_text !== "string") throw new TypeError("payload_text is not a string");
        canonicalPayload = canonicalJson(JSON.parse(entry.payload_text));
      } else {
        canonicalPayload = canonicalJson(entry.payload);
      }
    } catch (error) {
      return this.#fail({ seq, index, reason: "payload_not_json", detail: messageOf(error) });
    }
    let computed: string;
    try {
      computed = hashEnvelope(this.#hash, envelopeText(entry, canonicalPayload));
    } catch (error) {
      return this.#fail({
        seq,
        index,
        reason: "hash_mismatch",
        actual: entry.hash,
        detail: messageOf(error),
      });
    }
    if (computed !== entry.hash) {
      return this.#fail({ seq, index, reason: "hash_mismatch", expected: computed, actual: entry.hash });
    }
    return this.#accept(entry);
  }

  #accept(entry: VerifiableEntry): true {
    this.#seq = entry.seq;
    this.#hash = entry.hash;
    this.#at = entry.at;
    this.#count++;
    return true;
  }

  /** Push a page; true while the chain is intact. */
  pushAll(entries: Iterable<VerifiableEntry>): boolean {
    for (const entry of entries) if (!this.push(entry)) return false;
    return this.#broken === null;
  }

  result(): VerifyResult {
    if (this.#broken !== null) return { ok: false, count: this.#count, firstBroken: { ...this.#broken } };
    const head = this.#at === null ? null : { seq: this.#seq, hash: this.#hash, at: this.#at };
    return { ok: true, count: this.#count, head };
  }

  #fail(broken: BrokenEntry): false {
    this.#broken = broken;
    return false;
  }
}

/** Verify a whole chain in seq order; stops reading at the first broken entry. */
export function verifyChain(entries: Iterable<VerifiableEntry>, options: VerifyOptions = {}): VerifyResult {
  const verifier = new ChainVerifier(options);
  verifier.pushAll(entries);
  return verifier.result();
}
