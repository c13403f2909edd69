import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { DomainError } from "@/lib/errors";
import { hashToken } from "@/lib/auth";
import { openTempDb } from "@/test/fixtures/db/helpers";
import type { TempDb } from "@/test/fixtures/db/helpers";
import { iterateAudit, verifyAuditLog } from "./audit";
import {
  authSecretFor,
  clearSignInFailures,
  createFirstAdmin,
  createToken,
  createUser,
  findUsableToken,
  hasUsers,
  listTokens,
  listUsers,
  recordSignInFailure,
  revokeToken,
  setUserRole,
  signInLockout,
} from "./users";

let t: TempDb;
afterEach(() => t?.dispose());

const PW = "correct horse battery staple";

function lastAudit(db: TempDb["db"]) {
  const e = [...iterateAudit(db)].at(-1)!;
  return {
    actor: e.actor,
    action: e.action,
    subject: e.subject,
    payload: JSON.parse(e.payload_text) as unknown,
  };
}

async function rejects(p: Promise<unknown> | (() => unknown), code: string) {
  const err = await (typeof p === "function" ? Promise.resolve().then(p) : p).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DomainError);
  expect((err as DomainError).code).toBe(code);
  return err as DomainError;
}

describe("users", () => {
  it("createUser stores the library's password hash (never the password) and audits user.create", async () => {
    t = openTempDb();
    expect(hasUsers(t.db)).toBe(false);
    const u = await createUser(
      t.db,
      { email: " Ann@Example.org ", name: "Ann", password: PW, role: "reviewer" },
      "cli:root",
    );
    expect(u).toMatchObject({ email: "ann@example.org", name: "Ann", role: "reviewer" });
    expect(hasUsers(t.db)).toBe(true);
    const acct = t.db.$client
      .prepare("SELECT provider_id, account_id, user_id, password FROM accounts")
      .get() as Record<string, string>;
    expect(acct).toMatchObject({ provider_id: "credential", account_id: u.id, user_id: u.id });
    expect(acct.password).toMatch(/^[0-9a-f]{32}:[0-9a-f]{128}$/);
    expect(readFileSync(t.file).includes(Buffer.from(PW))).toBe(false);
    expect(lastAudit(t.db)).toEqual({
      actor: "cli:root",
      action: "user.create",
      subject: "user:ann@example.org",
      payload: { email: "ann@example.org", name: "Ann", role: "reviewer" },
    });
  });

  it.each([
    ["a short password", { password: "short" }],
    ["a bad email", { email: "ann" }],
    ["an unknown role", { role: "root" }],
    ["an empty name", { name: " " }],
  ])("rejects %s without writing", async (_label, patch) => {
    t = openTempDb();
    const input = { email: "ann@example.org", name: "Ann", password: PW, role: "viewer", ...patch };
    await expect(createUser(t.db, input as never, "x")).rejects.toThrow();
    expect(listUsers(t.db)).toEqual([]);
    expect([...iterateAudit(t.db)]).toEqual([]);
  });

  it("a taken email (any case) is a CONFLICT and writes nothing", async () => {
    t = openTempDb();
    await createUser(t.db, { email: "ann@example.org", name: "Ann", password: PW, role: "viewer" }, "x");
    await rejects(
      createUser(t.db, { email: "ANN@example.org", name: "A2", password: PW, role: "admin" }, "x"),
      "CONFLICT",
    );
    expect(listUsers(t.db)).toHaveLength(1);
    expect([...iterateAudit(t.db)]).toHaveLength(1);
  });

  it("createFirstAdmin: an admin, audited as itself, and only while nobody exists", async () => {
    t = openTempDb();
    const u = await createFirstAdmin(t.db, { email: "root@example.org", name: "Root", password: PW });
    expect(u.role).toBe("admin");
    expect(lastAudit(t.db)).toMatchObject({ actor: "root@example.org", action: "user.create" });
    await rejects(
      createFirstAdmin(t.db, { email: "eve@example.org", name: "Eve", password: PW }),
      "CONFLICT",
    );
    expect(listUsers(t.db).map((x) => x.email)).toEqual(["root@example.org"]);
  });

  it("two racing first-admin forms: exactly one wins", async () => {
    t = openTempDb();
    const results = await Promise.allSettled(
      ["a", "b", "c"].map((n) =>
        createFirstAdmin(t.db, { email: `${n}@example.org`, name: n, password: PW }),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(listUsers(t.db)).toHaveLength(1);
  });

  it("setUserRole audits from → to; the same role is a no-op; the last admin cannot be demoted", async () => {
    t = openTempDb();
    await createUser(t.db, { email: "root@example.org", name: "Root", password: PW, role: "admin" }, "x");
    await createUser(t.db, { email: "bo@example.org", name: "Bo", password: PW, role: "viewer" }, "x");
    expect(setUserRole(t.db, "BO@example.org", "auditor", "root@example.org").role).toBe("auditor");
    expect(lastAudit(t.db)).toEqual({
      actor: "root@example.org",
      action: "user.role",
      subject: "user:bo@example.org",
      payload: { email: "bo@example.org", from: "viewer", to: "auditor" },
    });
    const n = [...iterateAudit(t.db)].length;
    setUserRole(t.db, "bo@example.org", "auditor", "x");
    expect([...iterateAudit(t.db)]).toHaveLength(n);
    const e = await rejects(() => setUserRole(t.db, "root@example.org", "viewer", "x"), "CONFLICT");
    expect(e.message).toMatch(/last admin/);
    setUserRole(t.db, "bo@example.org", "admin", "x");
    expect(setUserRole(t.db, "root@example.org", "viewer", "x").role).toBe("viewer");
    await rejects(() => setUserRole(t.db, "nobody@example.org", "viewer", "x"), "NOT_FOUND");
  });
});

describe("tokens", () => {
  it("only the sha256 is stored: the plaintext is nowhere in the database file or the log", async () => {
    t = openTempDb();
    const { token, summary } = createToken(
      t.db,
      { name: "ci-evals", role: "viewer", scopes: ["ingest", "ingest"], expiresAt: null },
      "root@example.org",
    );
    expect(summary).toMatchObject({
      name: "ci-evals",
      role: "viewer",
      scopes: ["ingest"],
      hint: token.slice(0, 7),
    });
    const row = t.db.$client.prepare("SELECT token_hash FROM api_tokens").get() as { token_hash: string };
    expect(row.token_hash).toBe(hashToken(token));
    t.db.$client.pragma("wal_checkpoint(TRUNCATE)");
    const bytes = readFileSync(t.file);
    expect(bytes.includes(Buffer.from(token))).toBe(false);
    expect(bytes.includes(Buffer.from(token.slice(3)))).toBe(false);
    expect(lastAudit(t.db)).toEqual({
      actor: "root@example.org",
      action: "token.create",
      subject: "token:ci-evals",
      payload: { id: summary.id, name: "ci-evals", role: "viewer", scopes: ["ingest"], expires_at: null },
    });
    expect(JSON.stringify([...iterateAudit(t.db)])).not.toContain(token.slice(3));
  });

  it("usable until it expires or is revoked; revocation is audited once", () => {
    t = openTempDb();
    const now = new Date("2030-01-01T00:00:00.000Z");
    const a = createToken(
      t.db,
      { name: "a", role: "reviewer", scopes: [], expiresAt: "2030-01-02T00:00:00Z" },
      "x",
    );
    expect(findUsableToken(t.db, hashToken(a.token), now)?.name).toBe("a");
    expect(findUsableToken(t.db, hashToken(a.token), new Date("2030-01-01T23:59:59.999Z"))?.name).toBe("a");
    expect(findUsableToken(t.db, hashToken(a.token), new Date("2030-01-02T00:00:00.000Z"))).toBeNull();
    const b = createToken(t.db, { name: "b", role: "reviewer", scopes: [], expiresAt: null }, "x");
    expect(findUsableToken(t.db, hashToken(b.token), now)?.name).toBe("b");
    expect(revokeToken(t.db, b.summary.id, "root@example.org").revokedBy).toBe("root@example.org");
    expect(lastAudit(t.db)).toMatchObject({
      action: "token.revoke",
      subject: "token:b",
      actor: "root@example.org",
    });
    expect(findUsableToken(t.db, hashToken(b.token), now)).toBeNull();
    expect(findUsableToken(t.db, hashToken("sg_unknown"), now)).toBeNull();
    expect(listTokens(t.db).map((x) => [x.name, x.revokedAt !== null])).toEqual([
      ["a", false],
      ["b", true],
    ]);
  });

  it("names are never reused; revoking twice or an unknown id is refused", async () => {
    t = openTempDb();
    const a = createToken(t.db, { name: "ci", role: "viewer", scopes: [], expiresAt: null }, "x");
    revokeToken(t.db, a.summary.id, "x");
    await rejects(
      () => createToken(t.db, { name: "ci", role: "viewer", scopes: [], expiresAt: null }, "x"),
      "CONFLICT",
    );
    await rejects(() => revokeToken(t.db, a.summary.id, "x"), "CONFLICT");
    await rejects(() => revokeToken(t.db, 999, "x"), "NOT_FOUND");
    expect(verifyAuditLog(t.db)).toMatchObject({ ok: true, count: 2 });
  });
});

describe("sign-in failures per account", () => {
  const limit = { max: 3, windowSeconds: 60 };
  const at = (s: number) => new Date(Date.UTC(2030, 0, 1, 0, 0, s));
  it("locks after max failures for the window after the last one; success clears", () => {
    t = openTempDb();
    for (const s of [0, 1]) recordSignInFailure(t.db, "Ann@example.org", limit, at(s));
    expect(signInLockout(t.db, "ann@example.org", limit, at(2))).toBe(0);
    recordSignInFailure(t.db, "ann@example.org", limit, at(2));
    expect(signInLockout(t.db, "ann@example.org", limit, at(3))).toBe(59);
    expect(signInLockout(t.db, "ann@example.org", limit, at(61))).toBe(1);
    expect(signInLockout(t.db, "ann@example.org", limit, at(62))).toBe(0);
    // after the window a failure starts a new count
    recordSignInFailure(t.db, "ann@example.org", limit, at(200));
    expect(signInLockout(t.db, "ann@example.org", limit, at(201))).toBe(0);
    expect(signInLockout(t.db, "bob@example.org", limit, at(201))).toBe(0);
    clearSignInFailures(t.db, "ann@example.org");
    expect(t.db.$client.prepare("SELECT count(*) AS n FROM sign_in_failures").get()).toEqual({ n: 0 });
  });
});

describe("authSecretFor", () => {
  it("BETTER_AUTH_SECRET wins; otherwise one secret is generated once and kept", () => {
    t = openTempDb();
    expect(authSecretFor(t.db, { BETTER_AUTH_SECRET: " configured " })).toBe("configured");
    const a = authSecretFor(t.db, {});
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(authSecretFor(t.db, {})).toBe(a);
  });
});
