import { readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { OpenApiDocument } from "@/lib/api/openapi";
import type { Db } from "@/db";
import { call, postJson, tempDatabase } from "../_lib/test-kit";

const tmp = tempDatabase("openapi");
const API_DIR = path.resolve(import.meta.dirname, "..");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

/** app/api/v1/models/[id]/scores/route.ts → /api/v1/models/{id}/scores */
function routeFiles(dir = API_DIR): { file: string; path: string }[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return routeFiles(full);
    if (e.name !== "route.ts") return [];
    const rel = path.relative(API_DIR, dir).split(path.sep).filter(Boolean);
    const segs = rel.map((s) => s.replace(/^\[(\w+)\]$/, "{$1}"));
    return [{ file: full, path: ["/api/v1", ...segs].join("/") }];
  });
}

let doc: OpenApiDocument;
let db: Db;

/** A validator built from the document's own JSON Schema (not from the zod source). */
function validator(component: string): z.ZodType {
  const defs = JSON.parse(
    JSON.stringify(doc.components.schemas).replaceAll("#/components/schemas/", "#/$defs/"),
  ) as Record<string, z.core.JSONSchema.JSONSchema>;
  return z.fromJSONSchema({
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $defs: defs,
    $ref: `#/$defs/${component}`,
  });
}

function expectValid(component: string, body: unknown) {
  const r = validator(component).safeParse(body);
  expect(r.success, `${component}: ${JSON.stringify(r.error?.issues.slice(0, 3))}`).toBe(true);
}

beforeAll(async () => {
  const { getDb } = await import("@/db");
  const { seedDemo } = await import("@/db/seed");
  db = getDb();
  seedDemo(db);
  const route = await import("./route");
  const a = await call(route.GET, "/api/v1/openapi.json");
  expect(a.status).toBe(200);
  doc = a.body as OpenApiDocument;
});

afterAll(() => {
  db.$client.close();
  tmp.cleanup();
});

describe("GET /api/v1/openapi.json", () => {
  it("serves OpenAPI 3.1", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.info.title).toBe("Scalegate API");
  });

  it("lists every route file under app/api/v1 with each method it exports, and nothing else", async () => {
    const files = routeFiles();
    expect(files.length).toBeGreaterThanOrEqual(12);
    const fromFiles: string[] = [];
    for (const f of files) {
      const mod = (await import(/* @vite-ignore */ f.file)) as Record<string, unknown>;
      for (const m of METHODS)
        if (typeof mod[m] === "function") fromFiles.push(`${m.toLowerCase()} ${f.path}`);
    }
    const documented = Object.entries(doc.paths).flatMap(([p, item]) =>
      Object.keys(item).map((m) => `${m} ${p}`),
    );
    expect(documented.sort()).toEqual(fromFiles.sort());
  });
});

describe("the document's component schemas validate real answers (demo data)", () => {
  it.each([
    ["ModelsResponse", "models/route", "/api/v1/models", undefined],
    ["ModelResponse", "models/[id]/route", "/api/v1/models/gpt-4o-2024-05-13", { id: "gpt-4o-2024-05-13" }],
    [
      "ScoresResponse",
      "models/[id]/scores/route",
      "/api/v1/models/gpt-4o-2024-05-13/scores",
      { id: "gpt-4o-2024-05-13" },
    ],
    ["EvaluationsResponse", "evaluations/route", "/api/v1/evaluations?model=gpt-4o-2024-05-13", undefined],
    ["EvaluationsResponse", "evaluations/route", "/api/v1/evaluations?policy=anthropic-rsp-v2-2", undefined],
    ["DeterminationsResponse", "determinations/route", "/api/v1/determinations", undefined],
    ["BatchesResponse", "batches/route", "/api/v1/batches", undefined],
    ["PoliciesResponse", "policies/route", "/api/v1/policies", undefined],
    ["PolicyResponse", "policies/[id]/route", "/api/v1/policies/deepmind-fsf-v3", { id: "deepmind-fsf-v3" }],
    ["ErrorResponse", "models/[id]/route", "/api/v1/models/nope", { id: "nope" }],
    ["ErrorResponse", "evaluations/route", "/api/v1/evaluations?as_of=x&colour=red", undefined],
  ])("%s ← GET %s", async (component, route, url, params) => {
    const mod = (await import(/* @vite-ignore */ `./../${route}`)) as {
      GET: (req: Request, ctx: { params: Promise<unknown> }) => Promise<Response>;
    };
    const a = await call(mod.GET, url, {}, params);
    expect(a.status).toBe(component === "ErrorResponse" ? (params ? 404 : 400) : 200);
    expectValid(component, a.body);
  });

  it("a non-empty model list, and the validators can fail", async () => {
    const mod = await import("../models/route");
    const { body } = await call(mod.GET, "/api/v1/models");
    const models = (body as { models: Record<string, unknown>[] }).models;
    expect(models.length).toBeGreaterThan(100);
    const broken = { models: [{ ...models[0], release_date: 20250101 }] };
    expect(validator("ModelsResponse").safeParse(broken).success).toBe(false);
    const { id: _dropped, ...missing } = models[0]!;
    expect(validator("ModelsResponse").safeParse({ models: [missing] }).success).toBe(false);
  });

  it("POST answers: determination, attestation, ingest (200 and 422), rollback", async () => {
    const det = await import("../determinations/route");
    const d = await call(
      det.POST,
      "/api/v1/determinations",
      postJson({
        model: "gpt-4o-2024-05-13",
        policy: "openai-preparedness-v2",
        threshold: "cyber-high",
        outcome: "cannot_rule_out",
        rationale: "pending red-team results",
      }),
    );
    expect(d.status).toBe(201);
    expectValid("DeterminationResponse", d.body);

    const att = await import("../attestations/route");
    const t = await call(
      att.POST,
      "/api/v1/attestations",
      postJson({ model: "gpt-4o-2024-05-13", safeguard: "security-controls-high", status: "planned" }),
    );
    expect(t.status).toBe(201);
    expectValid("AttestationResponse", t.body);
    expectValid("AttestationsResponse", (await call(att.GET, "/api/v1/attestations")).body);

    const ing = await import("../ingest/route");
    const ok = await call(ing.POST, "/api/v1/ingest?filename=x.csv", {
      method: "POST",
      headers: { "content-type": "text/csv" },
      body: "model,metric,value\nQuasar-9,cybench.unguided,0.3\n",
    });
    expect(ok.status).toBe(200);
    expectValid("IngestResponse", ok.body);
    const bad = await call(ing.POST, "/api/v1/ingest?filename=y.csv", {
      method: "POST",
      headers: { "content-type": "text/csv" },
      body: "model,metric,value\nQuasar-9,cybench.unguided,1.7\n",
    });
    expect(bad.status).toBe(422);
    expectValid("IngestRejectedResponse", bad.body);

    const rb = await import("../batches/[id]/rollback/route");
    const id = (ok.body as { batches: { batch_id: number }[] }).batches[0]!.batch_id;
    const r = await call(rb.POST, `/api/v1/batches/${id}/rollback`, { method: "POST" }, { id: String(id) });
    expect(r.body).toEqual({ batch_id: id, removed: 1 });
    expectValid("RollbackResponse", r.body);
  });
});
