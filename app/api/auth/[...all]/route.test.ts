import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { BASE, tempDatabase } from "@/app/api/v1/_lib/test-kit";
import type * as AuthRoute from "./route";

const tmp = tempDatabase("auth-route");
const PW = "correct horse battery staple";

let db: Db;
let route: typeof AuthRoute;

beforeAll(async () => {
  db = (await import("@/db")).getDb();
  route = await import("./route");
  const { createUser } = await import("@/db/users");
  await createUser(db, { email: "rev@example.org", name: "Rev", password: PW, role: "reviewer" }, "test");
  await createUser(db, { email: "view@example.org", name: "View", password: PW, role: "viewer" }, "test");
});

afterAll(() => {
  db.$client.close();
  tmp.cleanup();
});

beforeEach(() => {
  db.$client.exec("DELETE FROM rate_limits; DELETE FROM sign_in_failures;");
});

function signIn(email: string, password: string, headers: Record<string, string> = {}) {
  return route.POST(
    new Request(`${BASE}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify({ email, password }),
    }),
  );
}

function sessionCookie(res: Response): string {
  const set = res.headers.get("set-cookie") ?? "";
  const m = /better-auth\.session_token=([^;]+)/.exec(set);
  if (!m) throw new Error(`no session cookie in ${set}`);
  return `better-auth.session_token=${m[1]}`;
}

describe("sign-in", () => {
  it("sets an httpOnly SameSite=Lax session cookie that authorizes API calls", async () => {
    const res = await signIn("Rev@Example.org", PW);
    expect(res.status).toBe(200);
    const set = res.headers.get("set-cookie")!;
    expect(set).toMatch(/HttpOnly/i);
    expect(set).toMatch(/SameSite=Lax/i);
    const { authorize } = await import("@/app/api/v1/_lib/auth");
    const p = await authorize(
      new Request(`${BASE}/api/v1/models`, { headers: { cookie: sessionCookie(res) } }),
      "read",
    );
    expect(p).toMatchObject({ kind: "user", actor: "rev@example.org", role: "reviewer" });
  });

  it.each([
    ["a wrong password", "rev@example.org", "wrong horse battery staple"],
    ["an unknown email", "nobody@example.org", PW],
  ])("%s → 401, and the same message for both (no account probing)", async (_label, email, password) => {
    const res = await signIn(email, password);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ code: "INVALID_EMAIL_OR_PASSWORD" });
  });

  it("a role change applies to a live session at once", async () => {
    const res = await signIn("view@example.org", PW);
    const cookie = sessionCookie(res);
    const { authorize } = await import("@/app/api/v1/_lib/auth");
    const { setUserRole } = await import("@/db/users");
    const req = () =>
      new Request(`${BASE}/api/v1/determinations`, { method: "POST", headers: { cookie, origin: BASE } });
    await expect(authorize(req(), "determination.create")).rejects.toMatchObject({ code: "FORBIDDEN" });
    setUserRole(db, "view@example.org", "reviewer", "test");
    await expect(authorize(req(), "determination.create")).resolves.toMatchObject({ role: "reviewer" });
    setUserRole(db, "view@example.org", "viewer", "test");
  });

  it("sign-out ends the session: the old cookie no longer authorizes", async () => {
    const cookie = sessionCookie(await signIn("rev@example.org", PW));
    const out = await route.POST(
      new Request(`${BASE}/api/auth/sign-out`, {
        method: "POST",
        headers: { cookie, origin: BASE, "content-type": "application/json" },
        body: "{}",
      }),
    );
    expect(out.status).toBe(200);
    const { authorize } = await import("@/app/api/v1/_lib/auth");
    await expect(
      authorize(new Request(`${BASE}/api/v1/models`, { headers: { cookie } }), "read"),
    ).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
  });

  it("better-auth refuses a cross-site sign-out carrying the cookie (its own CSRF check)", async () => {
    const cookie = sessionCookie(await signIn("rev@example.org", PW));
    const out = await route.POST(
      new Request(`${BASE}/api/auth/sign-out`, {
        method: "POST",
        headers: { cookie, origin: "https://evil.example", "content-type": "application/json" },
        body: "{}",
      }),
    );
    expect(out.status).toBe(403);
  });

  it("a sign-in posted from another site is refused (login CSRF)", async () => {
    expect((await signIn("rev@example.org", PW, { origin: "https://evil.example" })).status).toBe(403);
    expect((await signIn("rev@example.org", PW, { origin: BASE })).status).toBe(200);
  });
});

describe("rate limits", () => {
  it("per client IP: 429 after 5 attempts a minute, with Retry-After", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await signIn(`probe${i}@example.org`, "wrong password!!")).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    const res = await signIn("rev@example.org", PW);
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("per account: 10 failures lock that account's sign-in (whatever the client IP claims)", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      // A forged X-Forwarded-For per attempt defeats the per-IP limit; the per-account one holds.
      const res = await signIn("rev@example.org", "wrong password!!", {
        "x-forwarded-for": `203.0.113.${i}`,
      });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([...Array(10).fill(401), 429]);
    const right = await signIn("rev@example.org", PW, { "x-forwarded-for": "203.0.113.99" });
    expect(right.status).toBe(429);
    expect(await right.json()).toMatchObject({ code: "RATE_LIMITED" });
    // another account is unaffected
    expect((await signIn("view@example.org", PW, { "x-forwarded-for": "203.0.113.98" })).status).toBe(200);
  });

  it("a success clears the account's failures", async () => {
    for (let i = 0; i < 3; i++)
      await signIn("view@example.org", "wrong password!!", { "x-forwarded-for": `198.51.100.${i}` });
    expect(
      db.$client.prepare("SELECT count FROM sign_in_failures WHERE email = 'view@example.org'").get(),
    ).toEqual({
      count: 3,
    });
    expect((await signIn("view@example.org", PW, { "x-forwarded-for": "198.51.100.9" })).status).toBe(200);
    expect(db.$client.prepare("SELECT count(*) AS n FROM sign_in_failures").get()).toEqual({ n: 0 });
  });
});

describe("exposed endpoints", () => {
  it.each([
    ["POST", "/sign-up/email"],
    ["POST", "/update-user"],
    ["POST", "/change-password"],
    ["POST", "/change-email"],
    ["POST", "/delete-user"],
    ["GET", "/list-sessions"],
  ])("%s %s → 404 (off: it would change accounts outside the audit log)", async (method, p) => {
    const handler = method === "GET" ? route.GET : route.POST;
    const res = await handler(
      new Request(`${BASE}/api/auth${p}`, {
        method,
        ...(method === "POST"
          ? {
              headers: { "content-type": "application/json" },
              body: JSON.stringify({ email: "x@example.org", password: PW, name: "x" }),
            }
          : {}),
      }),
    );
    expect(res.status).toBe(404);
    expect(db.$client.prepare("SELECT count(*) AS n FROM users").get()).toEqual({ n: 2 });
  });

  it("GET /get-session answers null without a cookie", async () => {
    const res = await route.GET(new Request(`${BASE}/api/auth/get-session`));
    expect(res.status).toBe(200);
    expect(await res.json()).toBeNull();
  });
});
