import os from "node:os";
import path from "node:path";
import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { openDb } from "@/db";
import { iterateAudit, verifyAuditLog } from "@/db/audit";
import { findUsableToken } from "@/db/users";
import { hashToken } from "@/lib/auth";
import { cli, removeTemp, tempDir } from "@/test/fixtures/db/helpers";

const PW = "correct horse battery staple";
let dirs: string[] = [];
afterEach(() => {
  for (const d of dirs) removeTemp(d);
  dirs = [];
});

function dbFile(): string {
  const d = tempDir();
  dirs.push(d);
  return path.join(d, "scalegate.db");
}

function audit(file: string) {
  const db = openDb(file);
  try {
    return [...iterateAudit(db)].map((e) => ({ actor: e.actor, action: e.action, subject: e.subject }));
  } finally {
    db.$client.close();
  }
}

const me = `cli:${os.userInfo().username}`;

async function admin(file: string) {
  const r = await cli([
    "--db",
    file,
    "users",
    "create",
    "--email",
    "root@example.org",
    "--name",
    "Root",
    "--role",
    "admin",
    "--password",
    PW,
  ]);
  expect(r.code, r.stderr).toBe(0);
}

describe("users", () => {
  it("create (an admin, from the shell), list, role: each change audited under the OS user", async () => {
    const file = dbFile();
    await admin(file);
    const r = await cli([
      "--db",
      file,
      "users",
      "create",
      "--email",
      "Ann@Example.org",
      "--name",
      "Ann",
      "--role",
      "viewer",
      "--password",
      PW,
      "--json",
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).user).toMatchObject({ email: "ann@example.org", role: "viewer" });
    const role = await cli([
      "--db",
      file,
      "users",
      "role",
      "ann@example.org",
      "reviewer",
      "--as",
      "root@example.org",
    ]);
    expect(role.code, role.stderr).toBe(0);
    expect(role.stdout).toBe("ann@example.org is now reviewer\n");
    const list = await cli(["--db", file, "users", "list", "--json"]);
    expect(
      JSON.parse(list.stdout).users.map((u: { email: string; role: string }) => [u.email, u.role]),
    ).toEqual([
      ["ann@example.org", "reviewer"],
      ["root@example.org", "admin"],
    ]);
    expect(audit(file)).toEqual([
      { actor: me, action: "user.create", subject: "user:root@example.org" },
      { actor: me, action: "user.create", subject: "user:ann@example.org" },
      { actor: "root@example.org", action: "user.role", subject: "user:ann@example.org" },
    ]);
    expect(readFileSync(file).includes(Buffer.from(PW))).toBe(false);
  });

  it("--password-env keeps the password off the command line", async () => {
    const file = dbFile();
    process.env.SG_TEST_PW = PW;
    try {
      const r = await cli([
        "--db",
        file,
        "users",
        "create",
        "--email",
        "e@example.org",
        "--name",
        "E",
        "--role",
        "auditor",
        "--password-env",
        "SG_TEST_PW",
      ]);
      expect(r.code, r.stderr).toBe(0);
    } finally {
      delete process.env.SG_TEST_PW;
    }
    const missing = await cli([
      "--db",
      file,
      "users",
      "create",
      "--email",
      "f@example.org",
      "--name",
      "F",
      "--role",
      "auditor",
      "--password-env",
      "SG_NOT_SET",
    ]);
    expect(missing.code).toBe(2);
  });

  it.each([
    ["no role", ["users", "create", "--email", "a@example.org", "--name", "A", "--password", PW], 2, /usage/],
    [
      "an unknown role",
      ["users", "create", "--email", "a@example.org", "--name", "A", "--role", "root", "--password", PW],
      2,
      /role: one of admin/,
    ],
    [
      "a short password",
      [
        "users",
        "create",
        "--email",
        "a@example.org",
        "--name",
        "A",
        "--role",
        "viewer",
        "--password",
        "short",
      ],
      1,
      /password: at least 12/,
    ],
    [
      "a bad email",
      ["users", "create", "--email", "nope", "--name", "A", "--role", "viewer", "--password", PW],
      1,
      /email: not an email/,
    ],
    ["role for nobody", ["users", "role", "nobody@example.org", "viewer"], 1, /no user with the email/],
    ["demoting the last admin", ["users", "role", "root@example.org", "viewer"], 1, /last admin/],
    ["role with a bad role", ["users", "role", "root@example.org", "god"], 2, /role: one of/],
  ])("refuses %s and writes nothing", async (_label, argv, code, message) => {
    const file = dbFile();
    await admin(file);
    const r = await cli(["--db", file, ...(argv as string[])]);
    expect(r.code).toBe(code);
    expect(r.stderr).toMatch(message as RegExp);
    expect(audit(file)).toHaveLength(1);
  });
});

describe("tokens", () => {
  it("create prints the token once (only its hash is kept), list shows it, revoke stops it; all audited", async () => {
    const file = dbFile();
    await admin(file);
    const r = await cli([
      "--db",
      file,
      "tokens",
      "create",
      "--name",
      "ci-evals",
      "--role",
      "viewer",
      "--scope",
      "ingest",
      "--expires",
      "2999-01-01",
      "--as",
      "root@example.org",
    ]);
    expect(r.code, r.stderr).toBe(0);
    const token = r.stdout.trim();
    expect(token).toMatch(/^sg_[A-Za-z0-9_-]{43}$/);
    expect(r.stderr).toMatch(/Shown once/);
    const db = openDb(file);
    try {
      expect(findUsableToken(db, hashToken(token))).toMatchObject({
        name: "ci-evals",
        role: "viewer",
        scopes: ["ingest"],
      });
      db.$client.pragma("wal_checkpoint(TRUNCATE)");
    } finally {
      db.$client.close();
    }
    expect(readFileSync(file).includes(Buffer.from(token))).toBe(false);

    const list = await cli(["--db", file, "tokens", "list"]);
    expect(list.stdout).toMatch(
      new RegExp(
        `1\\s+ci-evals\\s+viewer\\s+ingest\\s+${token.slice(0, 7)}…\\s+2999-01-01\\s+active\\s+root@example.org`,
      ),
    );
    expect(list.stdout).not.toContain(token);

    const rv = await cli(["--db", file, "tokens", "revoke", "1", "--as", "root@example.org"]);
    expect(rv.code, rv.stderr).toBe(0);
    const db2 = openDb(file);
    try {
      expect(findUsableToken(db2, hashToken(token))).toBeNull();
      expect(verifyAuditLog(db2)).toMatchObject({ ok: true, count: 3 });
    } finally {
      db2.$client.close();
    }
    expect(audit(file).slice(1)).toEqual([
      { actor: "root@example.org", action: "token.create", subject: "token:ci-evals" },
      { actor: "root@example.org", action: "token.revoke", subject: "token:ci-evals" },
    ]);
    expect((await cli(["--db", file, "tokens", "revoke", "1"])).code).toBe(1);
  });

  it.each([
    ["no --as", ["--name", "t", "--role", "viewer"], 2, /usage/],
    [
      "--as a non-admin",
      ["--name", "t", "--role", "viewer", "--as", "ann@example.org"],
      1,
      /only an admin may issue/,
    ],
    [
      "--as nobody",
      ["--name", "t", "--role", "viewer", "--as", "x@example.org"],
      1,
      /no user with the email/,
    ],
    [
      "an unknown scope",
      ["--name", "t", "--role", "viewer", "--scope", "admin", "--as", "root@example.org"],
      2,
      /scope: one of ingest, gate/,
    ],
    [
      "a past expiry",
      ["--name", "t", "--role", "viewer", "--expires", "2020-01-01", "--as", "root@example.org"],
      1,
      /--expires/,
    ],
    ["a bad name", ["--name", "has space", "--role", "viewer", "--as", "root@example.org"], 1, /name/],
  ])("create refuses %s", async (_label, argv, code, message) => {
    const file = dbFile();
    await admin(file);
    await cli([
      "--db",
      file,
      "users",
      "create",
      "--email",
      "ann@example.org",
      "--name",
      "Ann",
      "--role",
      "reviewer",
      "--password",
      PW,
    ]);
    const r = await cli(["--db", file, "tokens", "create", ...(argv as string[])]);
    expect(r.code).toBe(code);
    expect(r.stderr).toMatch(message as RegExp);
    expect(audit(file).filter((e) => e.action.startsWith("token."))).toEqual([]);
  });
});
