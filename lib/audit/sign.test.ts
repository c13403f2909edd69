import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { DomainError } from "@/lib/errors";
import { generateSigningKeys, headMessage, keyId, signHead, verifyHead, type SignedHead } from "./sign";
import { makeChain } from "./test-chain";
import { verifyChain } from "./verify";

// RFC 8032 §7.1 test 1 secret key, so the signature below is a fixed known answer. Cross-checked with:
//   openssl pkeyutl -sign -inkey key.pem -rawin -in message.txt | base64
const RFC8032_KEY = `-----BEGIN PRIVATE KEY-----
MC4CAQAwBQYDK2VwBCIEIJ1hsZ3v/VpguoRK9JLsLMREScVpezJpGXA7rAMcrn9g
-----END PRIVATE KEY-----
`;
const RFC8032_KEY_ID = "06e3fd8fda29bb60";
const HEAD = {
  seq: 2,
  hash: "dcec347047da74d486c2e47f35cf7aa9f9a0f3e04324a0bd464d4be537766dea",
  at: "2025-01-02T00:00:00.000Z",
};
const HEAD_SIGNATURE =
  "TkOW+eYZ4Q0oT3GFuiKiTZ79VlHGjDPqbEyBj7bnBcqCyr2vmkwvEHSqgap85EHXtQDX9066+6XpsGgnJUG4BA==";

const KEYS = generateSigningKeys();
const OTHER = generateSigningKeys();

function flipHex(hex: string, index: number): string {
  return hex.slice(0, index) + (hex[index] === "0" ? "1" : "0") + hex.slice(index + 1);
}

describe("signHead", () => {
  it("signs the documented message (known answer)", () => {
    expect(headMessage(HEAD).toString("utf8")).toBe(
      `{"at":"2025-01-02T00:00:00.000Z","hash":"${HEAD.hash}","seq":2,"type":"scalegate.audit-head.v1"}`,
    );
    expect(signHead(HEAD, RFC8032_KEY)).toEqual({
      ...HEAD,
      signature: HEAD_SIGNATURE,
      alg: "Ed25519",
      key_id: RFC8032_KEY_ID,
    });
  });

  it("derives key_id from the public key, from either half of the pair", () => {
    expect(KEYS.key_id).toMatch(/^[0-9a-f]{16}$/);
    expect([keyId(KEYS.publicKeyPem), keyId(KEYS.privateKeyPem)]).toEqual([KEYS.key_id, KEYS.key_id]);
    expect(keyId(RFC8032_KEY)).toBe(RFC8032_KEY_ID);
  });

  it("signs the head of a verified chain and verifies with the public key", () => {
    const result = verifyChain(makeChain(20));
    if (!result.ok || result.head === null) throw new Error("chain should verify");
    const signed = signHead(result.head, KEYS.privateKeyPem);
    expect(verifyHead(signed, KEYS.publicKeyPem)).toEqual({ ok: true, key_id: KEYS.key_id });
  });

  it.each<[string, Partial<typeof HEAD>, string]>([
    ["seq 0", { seq: 0 }, "seq"],
    ["short hash", { hash: "abc" }, "hash"],
    ["non-canonical at", { at: "2025-01-02" }, "at"],
  ])("rejects a head with %s", (_label, override, path) => {
    let caught: unknown;
    try {
      signHead({ ...HEAD, ...override }, KEYS.privateKeyPem);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DomainError);
    expect((caught as DomainError).issues.map((i) => i.path)).toEqual([path]);
  });

  it.each<[string, string, string]>([
    ["not a key", "hello", "private key is not a readable PEM key"],
    [
      "an RSA key",
      generateKeyPairSync("rsa", { modulusLength: 1024 })
        .privateKey.export({ type: "pkcs8", format: "pem" })
        .toString(),
      "private key is a rsa key, not Ed25519",
    ],
  ])("rejects %s as the private key", (_label, pem, message) => {
    expect(() => signHead(HEAD, pem)).toThrow(new DomainError("VALIDATION", message));
  });
});

describe("verifyHead", () => {
  const signed = signHead(HEAD, KEYS.privateKeyPem);

  it.each<[string, (s: SignedHead) => SignedHead, string | null]>([
    ["untouched", (s) => s, null],
    ["one hex char of the hash changed", (s) => ({ ...s, hash: flipHex(s.hash, 10) }), "bad_signature"],
    ["last hex char of the hash changed", (s) => ({ ...s, hash: flipHex(s.hash, 63) }), "bad_signature"],
    ["seq moved back", (s) => ({ ...s, seq: s.seq - 1 }), "bad_signature"],
    ["at changed", (s) => ({ ...s, at: "2025-01-02T00:00:00.001Z" }), "bad_signature"],
    [
      "signature byte changed",
      (s) => ({ ...s, signature: (s.signature[0] === "A" ? "B" : "A") + s.signature.slice(1) }),
      "bad_signature",
    ],
    ["key_id changed", (s) => ({ ...s, key_id: "0000000000000000" }), "key_id_mismatch"],
    ["hash upper-cased", (s) => ({ ...s, hash: s.hash.toUpperCase() }), "malformed"],
    ["signature truncated", (s) => ({ ...s, signature: s.signature.slice(4) }), "malformed"],
    ["alg changed", (s) => ({ ...s, alg: "RS256" }) as unknown as SignedHead, "malformed"],
    ["extra field", (s) => ({ ...s, note: "x" }) as SignedHead, "malformed"],
  ])("%s", (_label, edit, reason) => {
    const outcome = verifyHead(edit(signed), KEYS.publicKeyPem);
    expect(outcome.ok ? null : outcome.reason).toBe(reason);
  });

  it("fails with another key pair's public key", () => {
    expect(verifyHead(signed, OTHER.publicKeyPem)).toMatchObject({ ok: false, reason: "key_id_mismatch" });
  });

  it("fails when a forged key_id names the other key", () => {
    expect(verifyHead({ ...signed, key_id: OTHER.key_id }, OTHER.publicKeyPem)).toMatchObject({
      ok: false,
      reason: "bad_signature",
    });
  });

  it("throws on an unusable public key (a caller error)", () => {
    expect(() => verifyHead(signed, "nope")).toThrow(
      new DomainError("VALIDATION", "public key is not a readable PEM key"),
    );
  });
});
