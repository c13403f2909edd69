/**
 * Sign-in limits. Per client IP (better-auth's limiter, `SCALEGATE_SIGNIN_LIMIT`, default 5 attempts a
 * minute) and per account (ours, failures only): the client IP comes from X-Forwarded-For, which a
 * client can forge when no proxy overwrites it, so the per-account limit is what stops password guessing
 * against one user in every deployment.
 */
export interface Limit {
  max: number;
  windowSeconds: number;
}

export const DEFAULT_SIGNIN_LIMIT: Limit = { max: 5, windowSeconds: 60 };
export const ACCOUNT_FAILURE_LIMIT: Limit = { max: 10, windowSeconds: 15 * 60 };

/** `SCALEGATE_SIGNIN_LIMIT=<max>/<seconds>`; a malformed value fails loudly rather than disabling the limit. */
export function signInLimit(env: Record<string, string | undefined>): Limit {
  const raw = env.SCALEGATE_SIGNIN_LIMIT?.trim();
  if (!raw) return DEFAULT_SIGNIN_LIMIT;
  const m = /^(\d{1,6})\/(\d{1,6})$/.exec(raw);
  if (!m || Number(m[1]) < 1 || Number(m[2]) < 1)
    throw new Error(
      `SCALEGATE_SIGNIN_LIMIT must be <max attempts>/<window seconds>, e.g. 5/60; got "${raw}"`,
    );
  return { max: Number(m[1]), windowSeconds: Number(m[2]) };
}
