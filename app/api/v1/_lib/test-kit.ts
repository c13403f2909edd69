import os from "node:os";
import path from "node:path";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import type { Db } from "@/db";
import type { Role, TokenScope } from "@/lib/auth";

/**
 * For the API tests only: a fresh database file per test file, set before anything imports db/,
 * and a way to call a route handler as Next would.
 */
export function tempDatabase(label: string): { file: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), `scalegate-${label}-`));
  const file = path.join(dir, "test.db");
  process.env.DATABASE_URL = file;
  return { file, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export const BASE = "http://localhost";

type Handler<P> = (req: Request, ctx: { params: Promise<P> }) => Promise<Response>;

export interface Answer {
  status: number;
  body: unknown;
  headers: Headers;
}

/**
 * Who a test request is from. A role: an API token `test-<role>`, audited as `token:test-<role>`.
 * `{ role, email }`: that user signed in (a session cookie, plus `Origin` on changes as a browser sends).
 * `{ role, token, scopes }`: a named token. `null`: no credentials at all.
 */
export type Caller =
  Role | { role: Role; email: string } | { role: Role; token: string; scopes?: TokenScope[] } | null;

/** Requests without `as` are an admin's: the tests written before accounts existed keep their meaning. */
export const DEFAULT_CALLER: Caller = "admin";

const minted = new WeakMap<Db, Map<string, Record<string, string>>>();

async function currentDb(): Promise<Db> {
  const { getDb } = await import("@/db");
  return getDb();
}

/**
 * Credentials for the database the route handlers use now (`DATABASE_URL`). Written straight into the
 * tables, not through `createToken`/`createUser`: a fixture, so it adds no audit entries that tests
 * counting the log would see.
 */
export async function authHeaders(
  as: Caller = DEFAULT_CALLER,
  method = "GET",
): Promise<Record<string, string>> {
  if (as === null) return {};
  const db = await currentDb();
  const key = JSON.stringify(as);
  let cache = minted.get(db);
  if (!cache) minted.set(db, (cache = new Map()));
  let headers = cache.get(key);
  if (!headers) {
    headers = typeof as === "object" && "email" in as ? await signedInUser(db, as) : bearer(db, as);
    cache.set(key, headers);
  }
  const mutating = !["GET", "HEAD"].includes(method.toUpperCase());
  return "cookie" in headers && mutating ? { ...headers, origin: BASE } : { ...headers };
}

function bearer(
  db: Db,
  as: Role | { role: Role; token: string; scopes?: TokenScope[] },
): Record<string, string> {
  const spec = typeof as === "string" ? { role: as, token: `test-${as}`, scopes: [] } : as;
  const token = `sg_${randomBytes(32).toString("base64url")}`;
  db.$client
    .prepare(
      "INSERT INTO api_tokens (name, role, scopes, token_hash, hint, created_by) VALUES (?, ?, ?, ?, ?, 'test-kit')",
    )
    .run(
      spec.token,
      spec.role,
      JSON.stringify(spec.scopes ?? []),
      createHash("sha256").update(token).digest("hex"),
      token.slice(0, 7),
    );
  return { authorization: `Bearer ${token}` };
}

async function signedInUser(db: Db, as: { role: Role; email: string }): Promise<Record<string, string>> {
  const { makeSignature } = await import("better-auth/crypto");
  const { authSecretFor } = await import("@/db/users");
  const userId = randomUUID();
  db.$client
    .prepare("INSERT INTO users (id, name, email, role) VALUES (?, ?, ?, ?)")
    .run(userId, as.email, as.email.toLowerCase(), as.role);
  const token = randomBytes(24).toString("base64url");
  const expires = new Date(Date.now() + 3600_000).toISOString();
  db.$client
    .prepare("INSERT INTO sessions (id, token, expires_at, user_id) VALUES (?, ?, ?, ?)")
    .run(randomUUID(), token, expires, userId);
  // better-call's signed cookie: `<token>.<base64 HMAC-SHA256>`, URI-encoded.
  const signature = await makeSignature(token, authSecretFor(db));
  return { cookie: `better-auth.session_token=${encodeURIComponent(`${token}.${signature}`)}` };
}

/** Calls a handler with a Request and (for dynamic routes) its params; reads the JSON answer. */
export async function call<P = Record<string, never>>(
  handler: Handler<P>,
  url: string,
  init: RequestInit & { duplex?: "half"; as?: Caller } = {},
  params?: P,
): Promise<Answer> {
  const { as, ...rest } = init;
  const headers = new Headers(rest.headers);
  const hasOwn = headers.has("authorization") || headers.has("cookie");
  if (!hasOwn)
    for (const [k, v] of Object.entries(
      await authHeaders(as === undefined ? DEFAULT_CALLER : as, rest.method),
    ))
      if (!headers.has(k)) headers.set(k, v);
  const res = await handler(new Request(`${BASE}${url}`, { ...rest, headers }), {
    params: Promise.resolve(params ?? ({} as P)),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
}

export function postJson(body: unknown, headers: Record<string, string> = {}): RequestInit {
  return {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  };
}
