import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { bearerToken, generateToken, hashToken, isTokenShape } from "./tokens";
import { parseExpiry } from "./accounts";
import { signInLimit } from "./limits";

describe("tokens", () => {
  it("a new token is sg_ + 43 base64url characters, its hash is its sha256, and its hint its start", () => {
    const { token, hash, hint } = generateToken();
    expect(token).toMatch(/^sg_[A-Za-z0-9_-]{43}$/);
    expect(hash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(hashToken(token)).toBe(hash);
    expect(hint).toBe(token.slice(0, 7));
    expect(generateToken().token).not.toBe(token);
  });

  it.each<[string, boolean]>([
    [`sg_${"a".repeat(43)}`, true],
    [`sg_${"a".repeat(42)}`, false],
    [`sg_${"a".repeat(44)}`, false],
    [`xx_${"a".repeat(43)}`, false],
    [`sg_${"a".repeat(42)}=`, false],
    ["", false],
  ])("shape %s → %s", (value, ok) => {
    expect(isTokenShape(value)).toBe(ok);
  });

  const good = `sg_${"b".repeat(43)}`;
  it.each<[string, string | null, unknown]>([
    ["no header", null, null],
    ["a bearer token", `Bearer ${good}`, { token: good }],
    ["scheme is case-insensitive", `bearer ${good}`, { token: good }],
    ["basic auth", "Basic dXNlcjpwYXNz", { malformed: true }],
    ["not our token", "Bearer abc", { malformed: true }],
    ["empty", "", { malformed: true }],
    ["two tokens", `Bearer ${good} ${good}`, { malformed: true }],
  ])("bearerToken: %s", (_label, header, out) => {
    expect(bearerToken(header)).toEqual(out);
  });
});

describe("parseExpiry", () => {
  const now = new Date("2026-03-10T12:00:00.000Z");
  it.each<[string, string | null]>([
    ["2026-03-11", "2026-03-11T00:00:00.000Z"],
    ["2026-03-10T12:00:01Z", "2026-03-10T12:00:01.000Z"],
    ["2026-03-10T14:00:00+02:00", null],
    ["2026-03-10T12:00:00Z", null],
    ["2026-03-10", null],
    ["2025-12-31", null],
    ["2026-02-31", null],
    ["2027-02-29", null],
    ["2028-02-29", "2028-02-29T00:00:00.000Z"],
    ["next week", null],
    ["", null],
  ])("%s → %s", (text, out) => {
    expect(parseExpiry(text, now)).toBe(out);
  });
});

describe("signInLimit", () => {
  it.each<[string | undefined, unknown]>([
    [undefined, { max: 5, windowSeconds: 60 }],
    ["", { max: 5, windowSeconds: 60 }],
    ["10/30", { max: 10, windowSeconds: 30 }],
  ])("%s → %o", (raw, out) => {
    expect(signInLimit({ SCALEGATE_SIGNIN_LIMIT: raw })).toEqual(out);
  });
  it.each(["0/60", "5/0", "5", "five/60", "-1/60"])("%s fails loudly", (raw) => {
    expect(() => signInLimit({ SCALEGATE_SIGNIN_LIMIT: raw })).toThrow(/SCALEGATE_SIGNIN_LIMIT/);
  });
});
