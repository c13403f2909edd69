import { createHash, randomBytes } from "node:crypto";

/** API tokens are `sg_` + 43 base64url characters (32 random bytes). */
export const TOKEN_PREFIX = "sg_";
const TOKEN_SHAPE = /^sg_[A-Za-z0-9_-]{43}$/;

/** Only this hash is stored: a database leak does not leak usable tokens. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export function isTokenShape(value: string): boolean {
  return TOKEN_SHAPE.test(value);
}

/** A new token; `hint` (prefix + 4 characters) is what lists show to tell tokens apart. */
export function generateToken(): { token: string; hash: string; hint: string } {
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  return { token, hash: hashToken(token), hint: token.slice(0, TOKEN_PREFIX.length + 4) };
}

/** `Authorization: Bearer <token>` → the token; null when there is no Authorization header. */
export function bearerToken(authorization: string | null): { token: string } | { malformed: true } | null {
  if (authorization === null) return null;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization.trim());
  if (!m || !isTokenShape(m[1]!)) return { malformed: true };
  return { token: m[1]! };
}
