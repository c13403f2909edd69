import { NextResponse } from "next/server";
import type { z } from "zod";
import { DomainError, HTTP_STATUS } from "@/lib/errors";
import type { ErrorIssue } from "@/lib/errors";

/** `{ error: { code, message, issues? } }` with the status the code maps to. */
export function errorResponse(e: unknown): NextResponse {
  if (e instanceof DomainError) {
    return NextResponse.json(
      { error: { code: e.code, message: e.message, ...(e.issues.length ? { issues: e.issues } : {}) } },
      { status: HTTP_STATUS[e.code] },
    );
  }
  // Internal causes are logged, not leaked.
  console.error(e);
  return NextResponse.json({ error: { code: "INTERNAL", message: "internal error" } }, { status: 500 });
}

export function zodIssues(issues: readonly z.core.$ZodIssue[]): ErrorIssue[] {
  return issues.flatMap((i) => {
    const at = i.path.map(String).join(".");
    // An unknown key is named by its own path, not its parent's, so a misspelt field reads as such.
    if (i.code === "unrecognized_keys")
      return i.keys.map((k) => ({ path: at ? `${at}.${k}` : k, message: "unknown field" }));
    return [{ path: at || "(body)", message: i.message }];
  });
}

/** Parses with zod or throws a VALIDATION DomainError naming each field. */
export function parseOr400<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new DomainError("VALIDATION", `invalid ${what}`, zodIssues(r.error.issues));
  return r.data;
}

/** Reads a JSON body without trusting it: malformed JSON is a 400, not a 500. */
export async function readJson(req: Request): Promise<unknown> {
  try {
    return await req.json();
  } catch {
    throw new DomainError("VALIDATION", "request body is not valid JSON");
  }
}

export function searchParams(req: Request): Record<string, string> {
  return Object.fromEntries(new URL(req.url).searchParams.entries());
}

/** Wraps a route handler so every thrown error becomes the error envelope. */
export function handler<A extends unknown[]>(fn: (...args: A) => Promise<Response> | Response) {
  return async (...args: A): Promise<Response> => {
    try {
      return await fn(...args);
    } catch (e) {
      return errorResponse(e);
    }
  };
}

/**
 * A 2xx JSON answer. The schema is the contract from lib/api/schemas.ts: the body is type-checked
 * against it here (not parsed at run time; the API tests validate real answers against the schemas).
 */
export function ok<S extends z.ZodType>(_schema: S, body: z.input<S>, status = 200): NextResponse {
  return NextResponse.json(body, { status });
}
