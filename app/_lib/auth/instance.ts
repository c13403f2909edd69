import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { nextCookies } from "better-auth/next-js";
import type { Db } from "@/db";
import { authSecretFor } from "@/db/users";
import { accounts, rateLimits, sessions, users, verifications } from "@/db/schema";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, ROLES, signInLimit } from "@/lib/auth";

/**
 * better-auth on the app's SQLite database. Email + password only, no self-service sign-up (accounts
 * come from /setup and `users create`), sessions in httpOnly SameSite=Lax cookies stored in `sessions`,
 * sign-in attempts rate limited per client IP in the database. Its own routes check Origin against
 * BETTER_AUTH_URL (or the request's own origin) for cookie-carrying POSTs.
 */
export function createAuth(db: Db, env: Record<string, string | undefined> = process.env) {
  const limit = signInLimit(env);
  return betterAuth({
    appName: "Scalegate",
    ...(env.BETTER_AUTH_URL?.trim() ? { baseURL: env.BETTER_AUTH_URL.trim() } : {}),
    secret: authSecretFor(db, env),
    database: drizzleAdapter(db, {
      provider: "sqlite",
      schema: {
        user: users,
        session: sessions,
        account: accounts,
        verification: verifications,
        rateLimit: rateLimits,
      },
    }),
    emailAndPassword: {
      enabled: true,
      disableSignUp: true,
      minPasswordLength: MIN_PASSWORD_LENGTH,
      maxPasswordLength: MAX_PASSWORD_LENGTH,
    },
    user: {
      additionalFields: {
        // input: false — no request may set its own role; roles change only through `users role`.
        role: { type: [...ROLES], required: false, defaultValue: "viewer", input: false },
      },
    },
    session: { expiresIn: 60 * 60 * 24 * 7, updateAge: 60 * 60 * 24 },
    rateLimit: {
      enabled: true,
      storage: "database",
      window: 60,
      max: 100,
      customRules: { "/sign-in/email": { window: limit.windowSeconds, max: limit.max } },
    },
    // Explicit: the library skips its Origin check when NODE_ENV=test; ours must hold everywhere.
    advanced: { disableOriginCheck: false },
    telemetry: { enabled: false },
    // Last: lets server actions (the /setup form) set the session cookie through next/headers.
    plugins: [nextCookies()],
  });
}

export type Auth = ReturnType<typeof createAuth>;

const byDb = new WeakMap<Db, Auth>();

/** One better-auth instance per database handle. */
export function getAuth(db: Db): Auth {
  let auth = byDb.get(db);
  if (!auth) {
    auth = createAuth(db);
    byDb.set(db, auth);
  }
  return auth;
}
