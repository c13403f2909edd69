import { readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { ACTIONS, can, ROLES } from "@/lib/auth";
import type { Action, Role } from "@/lib/auth";
import { ErrorResponse } from "@/lib/api/schemas";
import { BASE, authHeaders, call, tempDatabase } from "./_lib/test-kit";
import type { Caller } from "./_lib/test-kit";

const tmp = tempDatabase("auth");
const API_DIR = import.meta.dirname;
const WRITE_METHODS = ["POST", "PUT", "PATCH", "DELETE"] as const;

/**
 * What each route requires. Every mutating handler must be listed (the test below fails on one that is
 * not, so a new route is classified before it ships); GET handlers need `read` unless listed here.
 */
const MUTATING: Record<string, Action> = {
  "POST ingest": "ingest",
  "POST batches/[id]/rollback": "batch.rollback",
  "POST determinations": "determination.create",
  "POST attestations": "attestation.create",
  "POST decisions": "signoff",
  "POST gate": "gate",
  "POST policies/[id]/drafts": "policy.draft",
  "PUT policies/[id]/drafts/[draftId]": "policy.draft",
  "POST policies/[id]/drafts/[draftId]/publish": "policy.publish",
  "POST policies/[id]/drafts/[draftId]/discard": "policy.retire",
  "POST policies/[id]/retire": "policy.retire",
};
const READING: Record<string, Action | "public"> = {
  "GET openapi.json": "public",
  "GET audit": "audit.export",
  "GET audit/verify": "audit.verify",
  "GET audit/head": "audit.read",
};

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
interface Endpoint {
  key: string;
  method: string;
  url: string;
  handler: Handler;
}

function routeDirs(dir = API_DIR): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return routeDirs(full);
    return e.name === "route.ts" ? [path.relative(API_DIR, dir).split(path.sep).join("/")] : [];
  });
}

let db: Db;
let endpoints: Endpoint[];

beforeAll(async () => {
  db = (await import("@/db")).getDb();
  endpoints = [];
  for (const rel of routeDirs()) {
    const mod = (await import(/* @vite-ignore */ `./${rel}/route`)) as Record<string, unknown>;
    for (const method of ["GET", ...WRITE_METHODS])
      if (typeof mod[method] === "function")
        endpoints.push({
          key: `${method} ${rel}`,
          method,
          url: `/api/v1/${rel.replace(/\[(\w+)\]/g, "999")}`,
          handler: mod[method] as Handler,
        });
  }
});

afterAll(() => {
  db.$client.close();
  tmp.cleanup();
});

function requirement(e: Endpoint): Action | "public" | undefined {
  if (e.method === "GET") return READING[e.key] ?? "read";
  return MUTATING[e.key];
}

function send(e: Endpoint, as: Caller | undefined, headers: Record<string, string> = {}) {
  const init: RequestInit & { as?: typeof as } =
    e.method === "GET"
      ? { as, headers }
      : { method: e.method, as, headers: { "content-type": "application/json", ...headers }, body: "{}" };
  return call(e.handler, e.url, init, { id: "999" });
}

function audits(): number {
  return (db.$client.prepare("SELECT count(*) AS n FROM audit_log").get() as { n: number }).n;
}

describe("every /api/v1 handler is classified", () => {
  it("each mutating handler names its action here (and nothing here is stale)", () => {
    const writes = endpoints.filter((e) => e.method !== "GET").map((e) => e.key);
    expect(writes.sort()).toEqual(Object.keys(MUTATING).sort());
    for (const a of Object.values(MUTATING)) expect(ACTIONS).toContain(a);
  });
});

describe("role × mutating endpoint", () => {
  const rows = Object.entries(MUTATING).flatMap(([key, action]) =>
    ROLES.map((role) => ({ key, action, role, allowed: can({ role }, action) })),
  );
  it.each(rows)("$key as $role → $allowed", async ({ key, role, allowed }) => {
    const e = endpoints.find((x) => x.key === key)!;
    const before = audits();
    const a = await send(e, role);
    if (allowed) {
      // allowed: past the gate, into validation (the empty body is a 400, an unknown id a 404)
      expect([401, 403]).not.toContain(a.status);
      expect(a.status).toBeLessThan(500);
    } else {
      expect(a.status).toBe(403);
      expect(ErrorResponse.parse(a.body).error.code).toBe("FORBIDDEN");
    }
    expect(audits()).toBe(before);
  });

  it.each(Object.keys(MUTATING))("%s without credentials → 401", async (key) => {
    const a = await send(
      endpoints.find((x) => x.key === key)!,
      null,
    );
    expect(a.status).toBe(401);
    expect(ErrorResponse.parse(a.body).error.code).toBe("UNAUTHENTICATED");
  });

  it("a forbidden request writes nothing even with a valid body; the allowed one writes", async () => {
    const ingest = endpoints.find((x) => x.key === "POST ingest")!;
    const csv = "model,metric,value\nauth-test-model,auth.metric,0.5\n";
    const post = (as: Caller | undefined) =>
      call(ingest.handler, "/api/v1/ingest?filename=auth.csv&accept_new_models=true", {
        method: "POST",
        headers: { "content-type": "text/csv" },
        body: csv,
        as,
      });
    const batches = () =>
      (db.$client.prepare("SELECT count(*) AS n FROM import_batches").get() as { n: number }).n;
    const before = { batches: batches(), audits: audits() };
    for (const role of ["viewer", "reviewer", "auditor", "policy_author"] as Role[]) {
      const refused = await post(role);
      expect(refused.status).toBe(403);
      expect(ErrorResponse.parse(refused.body).error.message).toBe(
        `token "test-${role}" (${role}) may not ingest; administrators and tokens with the "ingest" scope may`,
      );
      expect({ batches: batches(), audits: audits() }).toEqual(before);
    }
    const ok = await post({ role: "viewer", token: "pipeline", scopes: ["ingest"] });
    expect(ok.status).toBe(200);
    expect(batches()).toBe(before.batches + 1);
  });
});

describe("GET endpoints", () => {
  it("every GET needs credentials, except the OpenAPI document", async () => {
    for (const e of endpoints.filter((x) => x.method === "GET")) {
      const a = await send(e, null);
      if (requirement(e) === "public") expect(a.status, e.key).toBe(200);
      else expect(a.status, e.key).toBe(401);
    }
  });

  it("each role reads what its permissions allow", async () => {
    for (const e of endpoints.filter((x) => x.method === "GET" && requirement(x) !== "public"))
      for (const role of ROLES) {
        const a = await send(e, role);
        const allowed = can({ role }, requirement(e) as Action);
        if (allowed) expect([401, 403], `${e.key} ${role}`).not.toContain(a.status);
        else expect(a.status, `${e.key} ${role}`).toBe(403);
      }
  });
});

describe("credentials", () => {
  const determinations = () => endpoints.find((x) => x.key === "POST determinations")!;

  async function token(spec: { name: string; expiresAt?: string | null; revoke?: boolean }): Promise<string> {
    const { createToken, revokeToken } = await import("@/db/users");
    const t = createToken(
      db,
      { name: spec.name, role: "reviewer", scopes: [], expiresAt: spec.expiresAt ?? null },
      "test",
    );
    if (spec.revoke) revokeToken(db, t.summary.id, "test");
    return t.token;
  }

  it.each([
    ["an expired token", { name: "expired", expiresAt: "2020-01-01T00:00:00Z" }],
    ["a revoked token", { name: "revoked", revoke: true }],
  ])("%s → 401, on reads and writes", async (_label, spec) => {
    const auth = { authorization: `Bearer ${await token(spec)}` };
    for (const key of ["POST determinations", "GET models"]) {
      const a = await send(
        endpoints.find((x) => x.key === key)!,
        undefined,
        auth,
      );
      expect(a.status, key).toBe(401);
      expect(ErrorResponse.parse(a.body).error.message).toMatch(/unknown, expired or revoked/);
    }
  });

  it("a live token with the same role passes (the expired/revoked rows are the difference)", async () => {
    const auth = {
      authorization: `Bearer ${await token({ name: "live", expiresAt: "2999-01-01T00:00:00Z" })}`,
    };
    expect((await send(determinations(), undefined, auth)).status).toBe(400);
  });

  it.each([
    ["not our token format", "Bearer abc"],
    ["a well-formed but unknown token", `Bearer sg_${"x".repeat(43)}`],
    ["another scheme", "Basic YTpi"],
  ])("%s → 401", async (_label, authorization) => {
    expect((await send(determinations(), undefined, { authorization })).status).toBe(401);
  });

  it("a bad bearer token is not rescued by a valid session cookie", async () => {
    const cookie = (await authHeaders({ role: "reviewer", email: "cookie@example.org" })).cookie!;
    const a = await send(determinations(), undefined, { cookie, origin: BASE, authorization: "Bearer nope" });
    expect(a.status).toBe(401);
  });

  it("a forged or unknown session cookie → 401", async () => {
    const a = await send(
      endpoints.find((x) => x.key === "GET models")!,
      undefined,
      {
        cookie: "better-auth.session_token=abc.def",
      },
    );
    expect(a.status).toBe(401);
  });

  it("the actor header proves nothing", async () => {
    const a = await send(determinations(), null, { "x-scalegate-actor": "admin@example.org" });
    expect(a.status).toBe(401);
  });
});

describe("CSRF: cookie-authenticated changes must come from our own origin", () => {
  const reviewer = { role: "reviewer" as Role, email: "rev@example.org" };
  const viewer = { role: "viewer" as Role, email: "view@example.org" };

  async function post(who: { role: Role; email: string }, headers: Record<string, string>) {
    const { cookie } = await authHeaders(who);
    const e = endpoints.find((x) => x.key === "POST determinations")!;
    return e.handler(
      new Request(`${BASE}${e.url}`, {
        method: "POST",
        headers: { cookie: cookie!, "content-type": "application/json", ...headers },
        body: "{}",
      }),
      { params: Promise.resolve({}) },
    );
  }

  it.each<[string, Record<string, string>, number]>([
    ["same Origin → past the gate (400 for the empty body)", { origin: BASE }, 400],
    ["Sec-Fetch-Site: same-origin → past the gate", { "sec-fetch-site": "same-origin" }, 400],
    ["cross-site Origin → 403", { origin: "https://evil.example" }, 403],
    ["Sec-Fetch-Site: cross-site → 403", { "sec-fetch-site": "cross-site", origin: BASE }, 403],
    ["Sec-Fetch-Site: same-site → 403", { "sec-fetch-site": "same-site" }, 403],
    ["neither header → 403 (fail closed)", {}, 403],
  ])("reviewer session, %s", async (_label, headers, status) => {
    const res = await post(reviewer, headers);
    expect(res.status).toBe(status);
    if (status === 403)
      expect(ErrorResponse.parse(await res.json()).error.message).toMatch(/cross-site|Origin/);
  });

  it("a same-origin viewer is still refused by role", async () => {
    const res = await post(viewer, { origin: BASE });
    expect(res.status).toBe(403);
    expect(ErrorResponse.parse(await res.json()).error.message).toMatch(
      /\(viewer\) may not determination\.create/,
    );
  });

  it("reads need no origin proof", async () => {
    const { cookie } = await authHeaders(viewer);
    const e = endpoints.find((x) => x.key === "GET models")!;
    const res = await e.handler(new Request(`${BASE}${e.url}`, { headers: { cookie: cookie! } }), {
      params: Promise.resolve({}),
    });
    expect(res.status).toBe(200);
  });

  it("bearer tokens need no origin proof (a browser never attaches them on its own)", async () => {
    const a = await send(
      endpoints.find((x) => x.key === "POST determinations")!,
      "reviewer",
      {
        origin: "https://evil.example",
      },
    );
    expect(a.status).toBe(400);
  });
});
