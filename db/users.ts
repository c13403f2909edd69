import { randomBytes, randomUUID } from "node:crypto";
import { asc, eq, sql } from "drizzle-orm";
import { hashPassword } from "better-auth/crypto";
import { DomainError } from "@/lib/errors";
import { FirstAdmin, generateToken, NewToken, NewUser } from "@/lib/auth";
import type { Limit, Role, TokenScope } from "@/lib/auth";
import type { Db } from "./index";
import { transaction } from "./index";
import { recordAudit } from "./audit";
import { apiTokens, accounts, authSecret, signInFailures, users } from "./schema";

/**
 * Accounts and API tokens. Every change of a user, a role or a token is one audit entry written in the
 * same transaction. Passwords are hashed by better-auth's own scrypt (the hash its sign-in verifies)
 * before the transaction opens: the hash is async, a better-sqlite3 transaction is not.
 */

export type UserRow = typeof users.$inferSelect;
export type TokenRow = typeof apiTokens.$inferSelect;

export interface UserSummary {
  id: string;
  email: string;
  name: string;
  role: Role;
  createdAt: string;
}

function summary(u: UserRow): UserSummary {
  return { id: u.id, email: u.email, name: u.name, role: u.role, createdAt: u.createdAt };
}

export function hasUsers(db: Db): boolean {
  return db.select({ id: users.id }).from(users).limit(1).get() !== undefined;
}

export function listUsers(db: Db): UserSummary[] {
  return db.select().from(users).orderBy(asc(users.email)).all().map(summary);
}

export function getUserByEmail(db: Db, email: string): UserSummary | null {
  const u = db.select().from(users).where(eq(users.email, email.trim().toLowerCase())).get();
  return u ? summary(u) : null;
}

export function getUserById(db: Db, id: string): UserSummary | null {
  const u = db.select().from(users).where(eq(users.id, id)).get();
  return u ? summary(u) : null;
}

function insertUser(db: Db, u: Omit<NewUser, "password">, passwordHash: string, actor: string): UserSummary {
  if (db.select({ id: users.id }).from(users).where(eq(users.email, u.email)).get())
    throw new DomainError("CONFLICT", `a user with the email ${u.email} already exists`, [
      { path: "email", message: "already taken" },
    ]);
  const id = randomUUID();
  const at = new Date().toISOString();
  const row = db
    .insert(users)
    .values({
      id,
      email: u.email,
      name: u.name,
      role: u.role,
      emailVerified: false,
      createdAt: at,
      updatedAt: at,
    })
    .returning()
    .get();
  // better-auth's email + password credential: provider "credential", account id = user id.
  db.insert(accounts)
    .values({
      id: randomUUID(),
      accountId: id,
      providerId: "credential",
      userId: id,
      password: passwordHash,
      createdAt: at,
      updatedAt: at,
    })
    .run();
  recordAudit(
    db,
    {
      actor,
      action: "user.create",
      subject: `user:${u.email}`,
      payload: { email: u.email, name: u.name, role: u.role },
    },
    at,
  );
  return summary(row);
}

/** Creates a user with a role (CLI `users create`, admins). Throws CONFLICT when the email is taken. */
export async function createUser(db: Db, input: NewUser, actor: string): Promise<UserSummary> {
  const u = NewUser.parse(input);
  const hash = await hashPassword(u.password);
  return transaction(db, (tx) => insertUser(tx, u, hash, actor));
}

/**
 * The first account, from /setup: an admin, and only while no user exists. The emptiness check and the
 * insert share one write transaction, so two racing setup forms cannot both succeed.
 */
export async function createFirstAdmin(db: Db, input: FirstAdmin): Promise<UserSummary> {
  const u = FirstAdmin.parse(input);
  const hash = await hashPassword(u.password);
  return transaction(db, (tx) => {
    if (hasUsers(tx)) throw new DomainError("CONFLICT", "Scalegate is already set up: sign in instead");
    return insertUser(tx, { ...u, role: "admin" }, hash, u.email);
  });
}

/** Changes a user's role. Refuses to demote the last admin (nobody could manage accounts any more). */
export function setUserRole(db: Db, email: string, role: Role, actor: string): UserSummary {
  return transaction(db, (tx) => {
    const u = tx.select().from(users).where(eq(users.email, email.trim().toLowerCase())).get();
    if (!u) throw new DomainError("NOT_FOUND", `no user with the email ${email}`);
    if (u.role === role) return summary(u);
    if (u.role === "admin") {
      const admins = tx
        .select({ n: sql<number>`count(*)` })
        .from(users)
        .where(eq(users.role, "admin"))
        .get()!.n;
      if (admins <= 1)
        throw new DomainError("CONFLICT", `${u.email} is the last admin; make someone else admin first`);
    }
    const at = new Date().toISOString();
    const row = tx.update(users).set({ role, updatedAt: at }).where(eq(users.id, u.id)).returning().get()!;
    recordAudit(
      tx,
      {
        actor,
        action: "user.role",
        subject: `user:${u.email}`,
        payload: { email: u.email, from: u.role, to: role },
      },
      at,
    );
    return summary(row);
  });
}

// ---------------------------------------------------------------------------------------------
// API tokens

export interface TokenSummary {
  id: number;
  name: string;
  role: Role;
  scopes: TokenScope[];
  hint: string;
  createdBy: string;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  revokedBy: string | null;
}

function tokenSummary(t: TokenRow): TokenSummary {
  return {
    id: t.id,
    name: t.name,
    role: t.role,
    scopes: t.scopes,
    hint: t.hint,
    createdBy: t.createdBy,
    createdAt: t.createdAt,
    expiresAt: t.expiresAt,
    revokedAt: t.revokedAt,
    revokedBy: t.revokedBy,
  };
}

/**
 * Mints a token. The plaintext is returned once and never stored: only its sha256 is. The audit
 * entry names the token, its role, scopes and expiry, never the token.
 */
export function createToken(
  db: Db,
  input: NewToken,
  actor: string,
): { token: string; summary: TokenSummary } {
  const t = NewToken.parse(input);
  const { token, hash, hint } = generateToken();
  return transaction(db, (tx) => {
    if (tx.select({ id: apiTokens.id }).from(apiTokens).where(eq(apiTokens.name, t.name)).get())
      throw new DomainError("CONFLICT", `a token named "${t.name}" already exists (names are never reused)`, [
        { path: "name", message: "already taken" },
      ]);
    const at = new Date().toISOString();
    const row = tx
      .insert(apiTokens)
      .values({
        name: t.name,
        role: t.role,
        scopes: [...new Set(t.scopes)].sort(),
        tokenHash: hash,
        hint,
        createdBy: actor,
        createdAt: at,
        expiresAt: t.expiresAt ? new Date(t.expiresAt).toISOString() : null,
      })
      .returning()
      .get();
    recordAudit(
      tx,
      {
        actor,
        action: "token.create",
        subject: `token:${row.name}`,
        payload: {
          id: row.id,
          name: row.name,
          role: row.role,
          scopes: row.scopes,
          expires_at: row.expiresAt,
        },
      },
      at,
    );
    return { token, summary: tokenSummary(row) };
  });
}

export function revokeToken(db: Db, id: number, actor: string): TokenSummary {
  return transaction(db, (tx) => {
    const t = tx.select().from(apiTokens).where(eq(apiTokens.id, id)).get();
    if (!t) throw new DomainError("NOT_FOUND", `no token ${id}`);
    if (t.revokedAt)
      throw new DomainError("CONFLICT", `token ${id} (${t.name}) was already revoked at ${t.revokedAt}`);
    const at = new Date().toISOString();
    const row = tx
      .update(apiTokens)
      .set({ revokedAt: at, revokedBy: actor })
      .where(eq(apiTokens.id, id))
      .returning()
      .get()!;
    recordAudit(
      tx,
      { actor, action: "token.revoke", subject: `token:${t.name}`, payload: { id: t.id, name: t.name } },
      at,
    );
    return tokenSummary(row);
  });
}

export function listTokens(db: Db): TokenSummary[] {
  return db.select().from(apiTokens).orderBy(asc(apiTokens.id)).all().map(tokenSummary);
}

/** The token with this hash when it is usable now: not revoked, not expired. */
export function findUsableToken(db: Db, tokenHash: string, now = new Date()): TokenSummary | null {
  const t = db.select().from(apiTokens).where(eq(apiTokens.tokenHash, tokenHash)).get();
  if (!t || t.revokedAt) return null;
  if (t.expiresAt && Date.parse(t.expiresAt) <= now.getTime()) return null;
  return tokenSummary(t);
}

// ---------------------------------------------------------------------------------------------
// Failed sign-ins per account

/** Seconds until the account may try again, or 0 when it is not locked. */
export function signInLockout(db: Db, email: string, limit: Limit, now = new Date()): number {
  const row = db
    .select()
    .from(signInFailures)
    .where(eq(signInFailures.email, email.trim().toLowerCase()))
    .get();
  if (!row || row.count < limit.max) return 0;
  const until = Date.parse(row.lastFailureAt) + limit.windowSeconds * 1000;
  return until > now.getTime() ? Math.ceil((until - now.getTime()) / 1000) : 0;
}

export function recordSignInFailure(db: Db, email: string, limit: Limit, now = new Date()): void {
  const key = email.trim().toLowerCase();
  transaction(db, (tx) => {
    const row = tx.select().from(signInFailures).where(eq(signInFailures.email, key)).get();
    const fresh = !row || Date.parse(row.lastFailureAt) + limit.windowSeconds * 1000 <= now.getTime();
    const count = fresh ? 1 : row.count + 1;
    tx.insert(signInFailures)
      .values({ email: key, count, lastFailureAt: now.toISOString() })
      .onConflictDoUpdate({ target: signInFailures.email, set: { count, lastFailureAt: now.toISOString() } })
      .run();
  });
}

export function clearSignInFailures(db: Db, email: string): void {
  db.delete(signInFailures).where(eq(signInFailures.email, email.trim().toLowerCase())).run();
}

// ---------------------------------------------------------------------------------------------

/** The cookie-signing secret: BETTER_AUTH_SECRET when set, else one generated once and kept here. */
export function authSecretFor(db: Db, env: Record<string, string | undefined> = process.env): string {
  const configured = env.BETTER_AUTH_SECRET?.trim();
  if (configured) return configured;
  return transaction(db, (tx) => {
    const row = tx.select().from(authSecret).where(eq(authSecret.id, 1)).get();
    if (row) return row.secret;
    const secret = randomBytes(32).toString("base64url");
    tx.insert(authSecret).values({ id: 1, secret }).run();
    return secret;
  });
}
