import { getDb } from "@/db";
import { clearSignInFailures, recordSignInFailure, signInLockout } from "@/db/users";
import { getAuth } from "@/app/_lib/auth";
import { ACCOUNT_FAILURE_LIMIT } from "@/lib/auth";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const BASE = "/api/auth";

/**
 * The better-auth endpoints the app uses, and only those: sign-up is off (accounts come from /setup
 * and the CLI), and profile, email and password changes would bypass the audit log.
 */
const ALLOWED: Record<string, readonly string[]> = {
  "/sign-in/email": ["POST"],
  "/sign-out": ["POST"],
  "/get-session": ["GET"],
  "/ok": ["GET"],
};

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers });
}

async function emailOf(req: Request): Promise<string | null> {
  try {
    const body: unknown = await req.clone().json();
    if (typeof body === "object" && body !== null && "email" in body && typeof body.email === "string")
      return body.email.trim().toLowerCase();
  } catch {
    // better-auth answers the malformed body itself
  }
  return null;
}

async function signIn(req: Request): Promise<Response> {
  const db = getDb();
  const email = await emailOf(req);
  if (email) {
    const wait = signInLockout(db, email, ACCOUNT_FAILURE_LIMIT);
    if (wait > 0)
      return json(
        429,
        {
          code: "RATE_LIMITED",
          message: `Too many failed sign-ins for this account. Try again in ${wait} s.`,
        },
        { "Retry-After": String(wait), "X-Retry-After": String(wait) },
      );
  }
  const res = await getAuth(db).handler(req);
  if (email && res.status === 401) recordSignInFailure(db, email, ACCOUNT_FAILURE_LIMIT);
  if (email && res.ok) clearSignInFailures(db, email);
  // better-auth names the wait only in X-Retry-After; the standard header helps every client.
  if (res.status === 429 && !res.headers.has("retry-after") && res.headers.has("x-retry-after")) {
    const headers = new Headers(res.headers);
    headers.set("Retry-After", res.headers.get("x-retry-after")!);
    return new Response(res.body, { status: 429, headers });
  }
  return res;
}

async function route(req: Request): Promise<Response> {
  const path = new URL(req.url).pathname.slice(BASE.length).replace(/\/+$/, "");
  const methods = ALLOWED[path];
  if (!methods) return json(404, { code: "NOT_FOUND", message: "not found" });
  if (!methods.includes(req.method))
    return json(405, { code: "METHOD_NOT_ALLOWED", message: "method not allowed" });
  if (path === "/sign-in/email") return signIn(req);
  return getAuth(getDb()).handler(req);
}

export const GET = route;
export const POST = route;
