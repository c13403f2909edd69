import { NextResponse } from "next/server";
import type { NextRequest } from "next/server";
import { getDb } from "@/db";
import { hasUsers } from "@/db/users";
import { resolveCredentials } from "@/app/_lib/auth";
import { safeNextPath } from "@/lib/auth";

/**
 * Every page needs a signed-in user (or an API token, for scripts such as the benchmark): anyone else is
 * sent to /login, and everyone to /setup while no account exists. /setup exists only until the first
 * account does. The API (including better-auth's /api/auth/*) answers 401 itself rather than
 * redirecting, and static assets are not matched. Roles are checked by pages and routes, not here.
 *
 * The redirects live here rather than in the pages because a page streams behind the root loading.tsx:
 * by the time it could call redirect() or notFound(), a 200 has been sent.
 */

// Accounts are never deleted, so once one exists the check is skipped for the life of the process.
let someoneExists = false;

function redirect(req: NextRequest, path: string): NextResponse {
  return NextResponse.redirect(new URL(path, req.url));
}

export async function proxy(req: NextRequest) {
  const { pathname, search } = req.nextUrl;
  const db = getDb();
  if (!someoneExists) someoneExists = hasUsers(db);
  if (!someoneExists) return pathname === "/setup" ? NextResponse.next() : redirect(req, "/setup");
  if (pathname === "/setup") return redirect(req, "/login");

  const { principal } = await resolveCredentials(req.headers, db);
  if (pathname === "/login")
    return principal
      ? redirect(req, safeNextPath(req.nextUrl.searchParams.get("next")))
      : NextResponse.next();
  if (principal) return NextResponse.next();
  const login = new URL("/login", req.url);
  if (pathname !== "/") login.searchParams.set("next", `${pathname}${search}`);
  return NextResponse.redirect(login);
}

export const config = {
  matcher: ["/((?!api/|_next/|favicon\\.ico$|robots\\.txt$).*)"],
};
