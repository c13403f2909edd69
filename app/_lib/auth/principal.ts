import type { Db } from "@/db";
import { findUsableToken } from "@/db/users";
import { bearerToken, hashToken, Role } from "@/lib/auth";
import type { TokenScope } from "@/lib/auth";
import { getAuth } from "./instance";

/** Who is calling: a signed-in user (session cookie) or an API token. */
export type Principal =
  | {
      kind: "user";
      actor: string;
      role: Role;
      scopes: readonly TokenScope[];
      userId: string;
      email: string;
      name: string;
    }
  | {
      kind: "token";
      actor: string;
      role: Role;
      scopes: readonly TokenScope[];
      tokenId: number;
      name: string;
    };

export type Credentials =
  | { principal: Principal }
  /** credentials were sent but are not valid (bad, expired or revoked token; stale session) */
  | { principal: null; problem: string }
  /** nothing was sent */
  | { principal: null; problem: null };

/**
 * An `Authorization: Bearer sg_…` header wins over a cookie and is never silently ignored: a wrong
 * token is an error even when a valid session cookie rides along.
 */
export async function resolveCredentials(headers: Headers, db: Db): Promise<Credentials> {
  const bearer = bearerToken(headers.get("authorization"));
  if (bearer) {
    if ("malformed" in bearer)
      return {
        principal: null,
        problem: "the Authorization header must be `Bearer sg_…` with a Scalegate API token",
      };
    const t = findUsableToken(db, hashToken(bearer.token));
    if (!t) return { principal: null, problem: "the API token is unknown, expired or revoked" };
    return {
      principal: {
        kind: "token",
        actor: `token:${t.name}`,
        role: t.role,
        scopes: t.scopes,
        tokenId: t.id,
        name: t.name,
      },
    };
  }
  if (!headers.has("cookie")) return { principal: null, problem: null };
  const session = await getAuth(db).api.getSession({ headers });
  if (!session) return { principal: null, problem: null };
  const role = Role.safeParse(session.user.role);
  // A role this build does not know grants nothing (fail closed).
  if (!role.success) return { principal: null, problem: `unknown role "${String(session.user.role)}"` };
  return {
    principal: {
      kind: "user",
      actor: session.user.email,
      role: role.data,
      scopes: [],
      userId: session.user.id,
      email: session.user.email,
      name: session.user.name,
    },
  };
}
