import { describe, expect, it } from "vitest";
import { DomainError } from "@/lib/errors";
import { CanonicalJsonError, canonicalJson, sha256Hex } from "./canonical-json";
import {
  AUDIT_ACTIONS,
  AuditAction,
  GENESIS_HASH,
  appendEntry,
  hashEntry,
  isCanonicalAt,
  toStoredEntry,
  type AppendFields,
} from "./chain";

const FIRST: AppendFields = {
  at: "2025-01-01T00:00:00.000Z",
  actor: "alice@example.org",
  action: "signoff",
  subject: "claude-x",
  payload: { decision: "approve", note: "café 😀" },
};

// Golden values, cross-checked outside this code with:
//   printf '%s%s' "$(printf '0%.0s' {1..64})" '{"action":"signoff",...,"subject":"claude-x"}' | sha256sum
const FIRST_HASH = "41508780674dac0415177e041fca05f99fab84528a833bee2c0197d412247f99";
const SECOND_HASH = "dcec347047da74d486c2e47f35cf7aa9f9a0f3e04324a0bd464d4be537766dea";

describe("appendEntry", () => {
  it("starts the chain at seq 1 from the genesis hash", () => {
    expect(GENESIS_HASH).toBe("0".repeat(64));
    expect(appendEntry(null, FIRST)).toEqual({
      seq: 1,
      at: "2025-01-01T00:00:00.000Z",
      actor: "alice@example.org",
      action: "signoff",
      subject: "claude-x",
      payload: { decision: "approve", note: "café 😀" },
      prev_hash: GENESIS_HASH,
      hash: FIRST_HASH,
    });
  });

  it("hashes prev_hash followed by the canonical envelope (documented format)", () => {
    const envelope =
      '{"action":"signoff","actor":"alice@example.org","at":"2025-01-01T00:00:00.000Z",' +
      '"payload":{"decision":"approve","note":"café 😀"},"seq":1,"subject":"claude-x"}';
    expect(sha256Hex(GENESIS_HASH + envelope)).toBe(FIRST_HASH);
  });

  it("links the next entry to the previous hash", () => {
    const first = appendEntry(null, FIRST);
    const second = appendEntry(first, {
      at: "2025-01-02T00:00:00.000Z",
      actor: "bob",
      action: "policy.publish",
      subject: "rsp@3",
      payload: [1, -0, 1e21],
    });
    expect([second.seq, second.prev_hash, second.hash]).toEqual([2, FIRST_HASH, SECOND_HASH]);
    expect(second.payload).toEqual([1, 0, 1e21]);
  });

  it("stores a private, normalised copy of the payload", () => {
    const payload: Record<string, unknown> = { when: new Date(0), gone: undefined, zero: -0 };
    const entry = appendEntry(null, { ...FIRST, payload });
    payload.when = "mutated later";
    expect(entry.payload).toEqual({ when: "1970-01-01T00:00:00.000Z", zero: 0 });
    expect(Object.is((entry.payload as { zero: number }).zero, 0)).toBe(true);
    expect(hashEntry(GENESIS_HASH, entry)).toBe(entry.hash);
  });

  it.each<[string, Partial<AppendFields>, { seq: number; hash: string } | null, string, string]>([
    [
      "date without time",
      { at: "2025-01-01" },
      null,
      "at",
      "must be a UTC timestamp as Date#toISOString prints it",
    ],
    [
      "no milliseconds",
      { at: "2025-01-01T00:00:00Z" },
      null,
      "at",
      "must be a UTC timestamp as Date#toISOString prints it",
    ],
    [
      "offset instead of Z",
      { at: "2025-01-01T00:00:00.000+00:00" },
      null,
      "at",
      "must be a UTC timestamp as Date#toISOString prints it",
    ],
    [
      "impossible date",
      { at: "2025-02-30T00:00:00.000Z" },
      null,
      "at",
      "must be a UTC timestamp as Date#toISOString prints it",
    ],
    ["empty actor", { actor: "" }, null, "actor", "must be a non-empty string"],
    [
      "unknown action",
      { action: "policy.delete" as AuditAction },
      null,
      "action",
      'unknown action "policy.delete"',
    ],
    ["prev seq 0", {}, { seq: 0, hash: GENESIS_HASH }, "prev.seq", "must be a positive integer, got 0"],
    [
      "prev hash upper-case",
      {},
      { seq: 1, hash: FIRST_HASH.toUpperCase() },
      "prev.hash",
      "must be 64 lower-case hex characters",
    ],
  ])("rejects %s", (_label, override, prev, path, message) => {
    let caught: unknown;
    try {
      appendEntry(prev, { ...FIRST, ...override });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DomainError);
    expect((caught as DomainError).code).toBe("VALIDATION");
    expect((caught as DomainError).issues).toEqual([{ path, message }]);
  });

  it("rejects a payload without a JSON form", () => {
    expect(() => appendEntry(null, { ...FIRST, payload: { x: NaN } })).toThrow(CanonicalJsonError);
    expect(() => appendEntry(null, { ...FIRST, payload: undefined })).toThrow(
      "undefined has no JSON form at $",
    );
  });
});

describe("hashEntry", () => {
  it.each<[string, unknown]>([
    ["object", { b: 1, a: [true, null] }],
    ["unicode and escapes", { "€": 'q"\n', "😀": "\u0001" }],
    ["number edge cases", [-0, 1e21, 5e-324]],
    ["top-level string", "=cmd|' /C calc'!A0"],
  ])("equals sha256(prev_hash ‖ canonicalJson(entry fields)) for %s", (_label, payload) => {
    const fields = {
      seq: 7,
      at: "2025-03-04T05:06:07.089Z",
      actor: 'a"b',
      action: "import",
      subject: "s",
      payload,
    };
    expect(hashEntry(FIRST_HASH, fields)).toBe(sha256Hex(FIRST_HASH + canonicalJson(fields)));
  });

  it("changes when any hashed field changes", () => {
    const fields = {
      seq: 1,
      at: FIRST.at,
      actor: FIRST.actor,
      action: FIRST.action,
      subject: FIRST.subject,
      payload: FIRST.payload,
    };
    const variants = [
      { ...fields, seq: 2 },
      { ...fields, at: "2025-01-01T00:00:00.001Z" },
      { ...fields, actor: "alice@example.orh" },
      { ...fields, action: "rollback" },
      { ...fields, subject: "claude-y" },
      { ...fields, payload: { decision: "approve", note: "cafe 😀" } },
    ];
    const hashes = new Set([
      hashEntry(GENESIS_HASH, fields),
      ...variants.map((v) => hashEntry(GENESIS_HASH, v)),
    ]);
    expect(hashes.size).toBe(7);
    expect(hashEntry("1".repeat(64), fields)).not.toBe(FIRST_HASH);
  });
});

describe("toStoredEntry", () => {
  it("replaces the payload by its canonical text", () => {
    const entry = appendEntry(null, { ...FIRST, payload: { b: 2, a: "é" } });
    const { payload: _payload, ...rest } = entry;
    expect(toStoredEntry(entry)).toEqual({ ...rest, payload_text: '{"a":"é","b":2}' });
  });
});

describe("action vocabulary", () => {
  it("lists the recorded actions", () => {
    expect(AUDIT_ACTIONS).toEqual([
      "import",
      "rollback",
      "determination.create",
      "attestation.create",
      "signoff",
      "policy.draft",
      "policy.publish",
      "policy.retire",
      "user.create",
      "user.role",
      "token.create",
      "token.revoke",
      "evaluation.record",
    ]);
  });

  it.each<[string, unknown, boolean]>([
    ["known action", "policy.publish", true],
    ["unknown action", "policy.delete", false],
    ["wrong case", "Signoff", false],
    ["empty", "", false],
  ])("zod enum: %s", (_label, value, ok) => {
    expect(AuditAction.safeParse(value).success).toBe(ok);
  });
});

describe("isCanonicalAt", () => {
  it.each<[string, string, boolean]>([
    ["toISOString output", "2024-02-29T23:59:59.999Z", true],
    ["not a leap year", "2025-02-29T00:00:00.000Z", false],
    ["hour 24", "2025-01-01T24:00:00.000Z", false],
    ["lower-case z", "2025-01-01T00:00:00.000z", false],
    ["microseconds", "2025-01-01T00:00:00.000000Z", false],
  ])("%s", (_label, at, ok) => {
    expect(isCanonicalAt(at)).toBe(ok);
  });
});
