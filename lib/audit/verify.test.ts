import { describe, expect, it } from "vitest";
import { GENESIS_HASH, hashEntry, toStoredEntry, type AuditEntry, type VerifiableEntry } from "./chain";
import { makeChain } from "./test-chain";
import { ChainVerifier, verifyChain, type BrokenEntry } from "./verify";

const CHAIN = makeChain(1_000);
const STORED = CHAIN.map(toStoredEntry);
const at = (seq: number): AuditEntry => CHAIN[seq - 1]!;

/** Flip one character of a string at `index` (a one-byte change for ASCII). */
function flip(text: string, index: number): string {
  const c = text[index]!;
  return text.slice(0, index) + (c === "a" ? "b" : "a") + text.slice(index + 1);
}

function renumber(entries: VerifiableEntry[]): VerifiableEntry[] {
  return entries.map((e, i) => ({ ...e, seq: i + 1 }));
}

describe("verifyChain on an intact chain", () => {
  it("verifies 1,000 entries with payloads as values", () => {
    const last = at(1_000);
    expect(verifyChain(CHAIN)).toEqual({
      ok: true,
      count: 1_000,
      head: { seq: 1_000, hash: last.hash, at: last.at },
    });
  });

  it("verifies the same chain as stored rows (payload_text) with the same head", () => {
    expect(verifyChain(STORED)).toEqual(verifyChain(CHAIN));
  });

  it("accepts a stored payload spelled differently but equal in value (hash covers the parsed payload)", () => {
    const respelled = STORED.map((e) =>
      e.seq === 3 ? { ...e, payload_text: JSON.stringify(JSON.parse(e.payload_text), null, 2) } : e,
    );
    expect(respelled[2]!.payload_text).not.toBe(STORED[2]!.payload_text);
    expect(verifyChain(respelled).ok).toBe(true);
  });

  it("reports an empty chain as ok with no head", () => {
    expect(verifyChain([])).toEqual({ ok: true, count: 0, head: null });
  });

  it("reads a generator lazily and stops at the first break", () => {
    let read = 0;
    function* entries(): Generator<VerifiableEntry> {
      for (const e of CHAIN.slice(0, 10)) {
        read++;
        yield e.seq === 4 ? { ...e, actor: "mallory" } : e;
      }
    }
    expect(verifyChain(entries()).ok).toBe(false);
    expect(read).toBe(4);
  });
});

describe("verifyChain finds the first broken entry", () => {
  const k = 500;
  const payloadText = STORED[k - 1]!.payload_text;
  const rehashed = (() => {
    const forged = { ...at(k), actor: "mallory" };
    return { ...forged, hash: hashEntry(forged.prev_hash, forged) };
  })();

  it.each<[string, () => VerifiableEntry[], Omit<BrokenEntry, "detail">, number]>([
    [
      "payload byte changed (value)",
      () =>
        CHAIN.map((e) =>
          e.seq === k ? { ...e, payload: { ...(e.payload as object), note: "entry 50l" } } : e,
        ),
      {
        seq: k,
        index: k - 1,
        reason: "hash_mismatch",
        expected: expect.any(String) as string,
        actual: at(k).hash,
      },
      k - 1,
    ],
    [
      "payload byte changed (stored text)",
      () =>
        STORED.map((e) =>
          e.seq === k ? { ...e, payload_text: payloadText.replace("entry 500", "entry 501") } : e,
        ),
      {
        seq: k,
        index: k - 1,
        reason: "hash_mismatch",
        expected: expect.any(String) as string,
        actual: at(k).hash,
      },
      k - 1,
    ],
    [
      "actor changed",
      () => CHAIN.map((e) => (e.seq === k ? { ...e, actor: flip(e.actor, 0) } : e)),
      {
        seq: k,
        index: k - 1,
        reason: "hash_mismatch",
        expected: expect.any(String) as string,
        actual: at(k).hash,
      },
      k - 1,
    ],
    [
      "at changed by one millisecond",
      () => CHAIN.map((e) => (e.seq === k ? { ...e, at: e.at.replace(".000Z", ".001Z") } : e)),
      {
        seq: k,
        index: k - 1,
        reason: "hash_mismatch",
        expected: expect.any(String) as string,
        actual: at(k).hash,
      },
      k - 1,
    ],
    [
      "stored payload is not JSON",
      () => STORED.map((e) => (e.seq === k ? { ...e, payload_text: payloadText.slice(0, -1) } : e)),
      { seq: k, index: k - 1, reason: "payload_not_json" },
      k - 1,
    ],
    [
      "stored payload has an unpaired surrogate",
      () => STORED.map((e) => (e.seq === k ? { ...e, payload_text: '"\\ud800"' } : e)),
      { seq: k, index: k - 1, reason: "payload_not_json" },
      k - 1,
    ],
    [
      "entry k deleted",
      () => CHAIN.filter((e) => e.seq !== k),
      { seq: k + 1, index: k - 1, reason: "seq_gap", expected: k, actual: k + 1 },
      k - 1,
    ],
    [
      "entry k deleted, later seqs renumbered (old k+1 now carries seq k)",
      () => renumber(CHAIN.filter((e) => e.seq !== k)),
      { seq: k, index: k - 1, reason: "prev_hash_mismatch", expected: at(k - 1).hash, actual: at(k).hash },
      k - 1,
    ],
    [
      "entries k and k+1 swapped",
      () => CHAIN.map((e, i) => (e.seq === k ? CHAIN[i + 1]! : e.seq === k + 1 ? CHAIN[i - 1]! : e)),
      { seq: k + 1, index: k - 1, reason: "seq_gap", expected: k, actual: k + 1 },
      k - 1,
    ],
    [
      "entries k and k+1 swapped, seqs rewritten in place",
      () =>
        renumber(CHAIN.map((e, i) => (e.seq === k ? CHAIN[i + 1]! : e.seq === k + 1 ? CHAIN[i - 1]! : e))),
      { seq: k, index: k - 1, reason: "prev_hash_mismatch", expected: at(k - 1).hash, actual: at(k).hash },
      k - 1,
    ],
    [
      "entry k replayed",
      () => [...CHAIN.slice(0, k), at(k), ...CHAIN.slice(k)],
      { seq: k, index: k, reason: "seq_not_increasing", expected: k + 1, actual: k },
      k,
    ],
    [
      "tampered entry k rehashed to match",
      () => CHAIN.map((e) => (e.seq === k ? rehashed : e)),
      { seq: k + 1, index: k, reason: "prev_hash_mismatch", expected: rehashed.hash, actual: at(k).hash },
      k,
    ],
    [
      "first entry does not start from genesis",
      () => [{ ...at(1), prev_hash: "f".repeat(64) }, ...CHAIN.slice(1)],
      { seq: 1, index: 0, reason: "prev_hash_mismatch", expected: GENESIS_HASH, actual: "f".repeat(64) },
      0,
    ],
    [
      "chain starts at seq 2",
      () => CHAIN.slice(1),
      { seq: 2, index: 0, reason: "seq_gap", expected: 1, actual: 2 },
      0,
    ],
  ])("%s", (_label, tamper, broken, count) => {
    const result = verifyChain(tamper());
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const { detail: _detail, ...firstBroken } = result.firstBroken;
    expect(firstBroken).toEqual(broken);
    expect(result.count).toBe(count);
  });

  it("names the recomputed hash as expected on a hash mismatch", () => {
    const tampered = { ...at(3), subject: "other" };
    const result = verifyChain([at(1), at(2), tampered]);
    expect(result).toMatchObject({
      ok: false,
      firstBroken: { reason: "hash_mismatch", expected: hashEntry(at(2).hash, tampered), actual: at(3).hash },
    });
  });

  it("explains a payload that is not JSON", () => {
    const result = verifyChain([{ ...STORED[0]!, payload_text: "{oops" }]);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.firstBroken.detail).toMatch(/JSON/);
  });

  it("cannot see a cut-off tail on its own (a signed head can)", () => {
    expect(verifyChain(CHAIN.slice(0, -1))).toMatchObject({ ok: true, count: 999, head: { seq: 999 } });
  });
});

describe("ChainVerifier", () => {
  it("gives the same result page by page as in one pass", () => {
    const verifier = new ChainVerifier();
    for (let offset = 0; offset < STORED.length; offset += 128) {
      expect(verifier.pushAll(STORED.slice(offset, offset + 128))).toBe(true);
    }
    expect(verifier.result()).toEqual(verifyChain(STORED));
  });

  it("stays broken after the first break and ignores later entries", () => {
    const verifier = new ChainVerifier();
    expect(verifier.push(at(1))).toBe(true);
    expect(verifier.push(at(3))).toBe(false);
    expect(verifier.push(at(2))).toBe(false);
    expect(verifier.ok).toBe(false);
    expect(verifier.result()).toEqual({
      ok: false,
      count: 1,
      firstBroken: { seq: 3, index: 1, reason: "seq_gap", expected: 2, actual: 3 },
    });
  });

  it("verifies a tail after a trusted entry", () => {
    const tail = CHAIN.slice(600);
    expect(verifyChain(tail, { after: { seq: 600, hash: at(600).hash } })).toEqual({
      ok: true,
      count: 400,
      head: { seq: 1_000, hash: at(1_000).hash, at: at(1_000).at },
    });
    expect(verifyChain(tail, { after: { seq: 600, hash: at(599).hash } })).toMatchObject({
      ok: false,
      firstBroken: { seq: 601, reason: "prev_hash_mismatch" },
    });
  });
});
