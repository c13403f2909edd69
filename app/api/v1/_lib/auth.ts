import { getDb } from "@/db";
import type { Principal } from "@/app/_lib/auth";
import { resolveCredentials } from "@/app/_lib/auth";
import { can, checkSameOrigin, isMutation, scopesFor, whoMay } from "@/lib/auth";
import type { Action } from "@/lib/auth";
import { DomainError } from "@/lib/errors";

export type { Principal } from "@/app/_lib/auth";

function trustedOrigins(env: Record<string, string | undefined> = process.env): string[] {
  return [env.BETTER_AUTH_URL, ...(env.BETTER_AUTH_TRUSTED_ORIGINS ?? "").split(",")]
    .map((o) => o?.trim() ?? "")
    .filter((o) => o !== "");
}

/**
 * The one gate of every /api/v1 route: who is calling (session cookie or `Authorization: Bearer sg_…`)
 * and may they do `action`. Throws UNAUTHENTICATED (401) without valid credentials and FORBIDDEN (403)
 * when the role does not allow it, or when a cookie-authenticated change does not come from our own
 * origin (CSRF). Call it first, before reading the body.
 */
export async function authorize(req: Request, action: Action): Promise<Principal> {
  const creds = await resolveCredentials(req.headers, getDb());
  if (!creds.principal)
    throw new DomainError(
      "UNAUTHENTICATED",
      creds.problem ?? "sign in, or send Authorization: Bearer <token> (`scalegate tokens create`)",
    );
  const p = creds.principal;
  if (p.kind === "user" && isMutation(req.method)) {
    const verdict = checkSameOrigin({
      origin: req.headers.get("origin"),
      secFetchSite: req.headers.get("sec-fetch-site"),
      host: req.headers.get("x-forwarded-host") ?? req.headers.get("host") ?? new URL(req.url).host,
      trusted: trustedOrigins(),
    });
    if (!verdict.ok) throw new DomainError("FORBIDDEN", verdict.reason);
  }
  if (!can(p, action)) {
    const scopes = scopesFor(action).map((s) => `tokens with the "${s}" scope`);
    throw new DomainError(
      "FORBIDDEN",
      `${p.kind === "token" ? `token "${p.name}"` : p.email} (${p.role}) may not ${action}; ` +
        `${[whoMay(action).toLowerCase(), ...scopes].join(" and ")} may`,
    );
  }
  return p;
}
