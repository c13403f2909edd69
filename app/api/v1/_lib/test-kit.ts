import os from "node:os";
import path from "node:path";
import { mkdtempSync, rmSync } from "node:fs";

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

/** Calls a handler with a Request and (for dynamic routes) its params; reads the JSON answer. */
export async function call<P = Record<string, never>>(
  handler: Handler<P>,
  url: string,
  init: RequestInit & { duplex?: "half" } = {},
  params?: P,
): Promise<Answer> {
  const res = await handler(new Request(`${BASE}${url}`, init), {
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
