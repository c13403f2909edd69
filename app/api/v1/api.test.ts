import { readdirSync } from "node:fs";
import { readFileSync } from "node:fs";
import path from "node:path";
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  AttestationResponse,
  AttestationsResponse,
  BatchesResponse,
  DeterminationResponse,
  DeterminationsResponse,
  ErrorResponse,
  Evaluation,
  EvaluationsResponse,
  ModelResponse,
  ModelsResponse,
  NewAttestation,
  NewDetermination,
  PoliciesResponse,
  PolicyResponse,
  RollbackResponse,
  ScoresResponse,
} from "@/lib/api/schemas";
import type { Db } from "@/db";
import { call, postJson, tempDatabase } from "./_lib/test-kit";
import type * as ModelsRoute from "./models/route";
import type * as ModelRoute from "./models/[id]/route";
import type * as ScoresRoute from "./models/[id]/scores/route";
import type * as EvaluationsRoute from "./evaluations/route";
import type * as DeterminationsRoute from "./determinations/route";
import type * as AttestationsRoute from "./attestations/route";
import type * as BatchesRoute from "./batches/route";
import type * as RollbackRoute from "./batches/[id]/rollback/route";
import type * as PoliciesRoute from "./policies/route";
import type * as PolicyRoute from "./policies/[id]/route";

/** The shipped policy ids, published at start: every evaluation list has one entry per model and policy. */
const SHIPPED = readdirSync("policies")
  .filter((f) => f.endsWith(".yaml"))
  .map((f) => f.replace(/\.yaml$/, ""))
  .sort();

const tmp = tempDatabase("api");

type Routes = {
  models: typeof ModelsRoute;
  model: typeof ModelRoute;
  scores: typeof ScoresRoute;
  evaluations: typeof EvaluationsRoute;
  determinations: typeof DeterminationsRoute;
  attestations: typeof AttestationsRoute;
  batches: typeof BatchesRoute;
  rollback: typeof RollbackRoute;
  policies: typeof PoliciesRoute;
  policy: typeof PolicyRoute;
};
let r: Routes;
let db: Db;
let scoresBatch: number;
let modelsBatch: number;

const MODELS_CSV = `model,family,developer,release_date,params_b,training_flop
Alpha-1,alpha,Acme Labs,2025-01-15,70,1e24
Zephyr Large,zephyr,Borealis AI,2025-03-01,400,5e25
`;
const SCORES_CSV = `model,metric,value,stderr,evaluated_at
Alpha-1,cybench.unguided,0.45,0.02,2025-02-01
Zephyr Large,cybench.unguided,0.2,0.01,2025-03-10
`;
const V2 = "openai-preparedness-v2";

function error(a: { body: unknown }) {
  return ErrorResponse.parse(a.body).error;
}
function count(table: string): number {
  return (db.$client.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}

beforeAll(async () => {
  const dbm = await import("@/db");
  const { importFile, addAlias } = await import("@/db/ingest");
  const { syncShippedPolicies } = await import("@/db/policies");
  db = dbm.getDb();
  syncShippedPolicies(db);
  const enc = new TextEncoder();
  modelsBatch = importFile(
    db,
    { name: "models.csv", bytes: enc.encode(MODELS_CSV) },
    { actor: "test" },
  ).batch_id!;
  scoresBatch = importFile(
    db,
    { name: "scores.csv", bytes: enc.encode(SCORES_CSV) },
    { actor: "test" },
  ).batch_id!;
  addAlias(db, "Alpha One (preview)", "alpha-1", "test");
  r = {
    models: await import("./models/route"),
    model: await import("./models/[id]/route"),
    scores: await import("./models/[id]/scores/route"),
    evaluations: await import("./evaluations/route"),
    determinations: await import("./determinations/route"),
    attestations: await import("./attestations/route"),
    batches: await import("./batches/route"),
    rollback: await import("./batches/[id]/rollback/route"),
    policies: await import("./policies/route"),
    policy: await import("./policies/[id]/route"),
  };
});

afterAll(() => {
  db.$client.close();
  tmp.cleanup();
});

describe("route config", () => {
  it("every route runs on Node and is never statically cached", async () => {
    for (const mod of Object.values(r)) {
      expect(mod.runtime).toBe("nodejs");
      expect(mod.dynamic).toBe("force-dynamic");
    }
  });
});

describe("GET /api/v1/models", () => {
  it("lists every model with its metadata and provenance", async () => {
    const a = await call(r.models.GET, "/api/v1/models");
    expect(a.status).toBe(200);
    const { models } = ModelsResponse.parse(a.body);
    expect(models.map((m) => m.id)).toEqual(["alpha-1", "zephyr-large"]);
    expect(models[0]).toEqual({
      id: "alpha-1",
      name: "Alpha-1",
      family: "alpha",
      developer: "Acme Labs",
      release_date: "2025-01-15",
      params_b: 70,
      active_params_b: null,
      training_tokens: null,
      training_flop: 1e24,
      effective_compute: null,
      synthetic: false,
      metadata_sources: {
        family: "models.csv:1",
        developer: "models.csv:1",
        release_date: "models.csv:1",
        params_b: "models.csv:1",
        training_flop: "models.csv:1",
      },
    });
  });

  it.each([
    ["developer, case-insensitive", "?developer=acme%20labs", ["alpha-1"]],
    ["family", "?family=ZEPHYR", ["zephyr-large"]],
    ["q on the name", "?q=large", ["zephyr-large"]],
    ["q on a raw alias", "?q=preview", ["alpha-1"]],
    ["filters combine", "?q=alpha&developer=Borealis%20AI", []],
    ["no match", "?q=gpt", []],
  ])("filters: %s", async (_label, qs, ids) => {
    const a = await call(r.models.GET, `/api/v1/models${qs}`);
    expect(a.status).toBe(200);
    expect(ModelsResponse.parse(a.body).models.map((m) => m.id)).toEqual(ids);
  });

  it("400 names a misspelt filter instead of returning everything", async () => {
    const a = await call(r.models.GET, "/api/v1/models?developr=Acme");
    expect(a.status).toBe(400);
    expect(error(a)).toEqual({
      code: "VALIDATION",
      message: "invalid query",
      issues: [{ path: "developr", message: "unknown field" }],
    });
  });
});

describe("GET /api/v1/models/[id]", () => {
  it("returns the model and the raw names mapped to it", async () => {
    const a = await call(r.model.GET, "/api/v1/models/alpha-1", {}, { id: "alpha-1" });
    expect(a.status).toBe(200);
    const body = ModelResponse.parse(a.body);
    expect(body.model.developer).toBe("Acme Labs");
    expect(body.aliases).toEqual([
      { alias: "alpha-one-preview", raw: "Alpha One (preview)", source: "alias by test" },
    ]);
  });

  it("404 for an unknown model", async () => {
    const a = await call(r.model.GET, "/api/v1/models/nope", {}, { id: "nope" });
    expect(a.status).toBe(404);
    expect(error(a)).toEqual({ code: "NOT_FOUND", message: 'no model "nope"' });
  });
});

describe("GET /api/v1/models/[id]/scores", () => {
  it("returns each score with its source, batch and settings", async () => {
    const a = await call(r.scores.GET, "/api/v1/models/alpha-1/scores", {}, { id: "alpha-1" });
    expect(a.status).toBe(200);
    const { scores } = ScoresResponse.parse(a.body);
    expect(scores).toHaveLength(1);
    expect(scores[0]).toMatchObject({
      model: "alpha-1",
      metric: "cybench.unguided",
      value: 0.45,
      stderr: 0.02,
      mitigation: "pre",
      elicitation: null,
      evaluated_at: "2025-02-01",
      source: { file: "scores.csv", row: 1, url: null },
      batch_id: scoresBatch,
    });
    expect(scores[0]!.content_hash).toMatch(/^[0-9a-f]{32}$/);
  });

  it("404 for an unknown model, not an empty list", async () => {
    const a = await call(r.scores.GET, "/api/v1/models/nope/scores", {}, { id: "nope" });
    expect(a.status).toBe(404);
    expect(error(a).code).toBe("NOT_FOUND");
  });
});

describe("GET /api/v1/evaluations", () => {
  it("evaluates one model under one policy on a given date", async () => {
    const a = await call(
      r.evaluations.GET,
      `/api/v1/evaluations?policy=${V2}&model=alpha-1&as_of=2025-06-01`,
    );
    expect(a.status).toBe(200);
    const { evaluations } = EvaluationsResponse.parse(a.body);
    expect(evaluations).toHaveLength(1);
    const e = evaluations[0]!;
    expect(e.policy.id).toBe(V2);
    expect(e.model).toBe("alpha-1");
    expect(e.as_of).toBe("2025-06-01");
    const { policies } = PoliciesResponse.parse((await call(r.policies.GET, "/api/v1/policies")).body);
    expect(e.policy_version_id).toBe(policies.find((p) => p.id === V2)!.policy_version_id);
    // 0.45 ± 1.96·0.02 stays below 0.5 but within the 0.1 early-warning margin.
    const cyber = e.domains.flatMap((d) => d.thresholds).find((t) => t.id === "cyber-high")!;
    expect(cyber.status).toBe("early_warning");
    expect(cyber.evidence[0]).toMatchObject({ kind: "metric", metric: "cybench.unguided", value: 0.45 });
    // The schema describes every field the engine emits: parsing strips nothing.
    expect(Evaluation.parse(a.body && (a.body as { evaluations: unknown[] }).evaluations[0])).toEqual(
      (a.body as { evaluations: unknown[] }).evaluations[0],
    );
  });

  it.each([
    ["a model under every published policy", "?model=zephyr-large", 1 * SHIPPED.length],
    ["a policy for every model", `?policy=${V2}`, 2 * 1],
    ["everything", "", 2 * SHIPPED.length],
  ])("%s", async (_label, qs, n) => {
    const a = await call(r.evaluations.GET, `/api/v1/evaluations${qs}`);
    expect(a.status).toBe(200);
    expect(EvaluationsResponse.parse(a.body).evaluations).toHaveLength(n);
  });

  it.each([
    ["not a date", "?as_of=yesterday", "as_of"],
    ["not a calendar date", "?as_of=2025-02-30", "as_of"],
    ["an empty filter", "?policy=", "policy"],
  ])("400 for %s", async (_label, qs, field) => {
    const a = await call(r.evaluations.GET, `/api/v1/evaluations${qs}`);
    expect(a.status).toBe(400);
    expect(new Set(error(a).issues?.map((i) => i.path))).toEqual(new Set([field]));
  });

  it.each([
    ["an unknown policy", "?policy=nope", 'no published policy "nope"'],
    ["an unknown model", "?model=nope", 'no model "nope"'],
  ])("404 for %s", async (_label, qs, message) => {
    const a = await call(r.evaluations.GET, `/api/v1/evaluations${qs}`);
    expect(a.status).toBe(404);
    expect(error(a)).toEqual({ code: "NOT_FOUND", message });
  });
});

describe("determinations", () => {
  const valid = {
    model: "alpha-1",
    policy: V2,
    threshold: "cyber-high",
    outcome: "not_reached",
    rationale: "Red-team ranges show no uplift beyond public tools.",
    at: "2025-05-01",
  };

  it("POST records it (201), audited under the signed-in user, and the engine uses it", async () => {
    const auditBefore = count("audit_log");
    const a = await call(r.determinations.POST, "/api/v1/determinations", {
      ...postJson(valid),
      as: { role: "reviewer", email: "alice@example.org" },
    });
    expect(a.status).toBe(201);
    const { determination } = DeterminationResponse.parse(a.body);
    expect(determination).toMatchObject({
      model: "alpha-1",
      policy: V2,
      threshold: "cyber-high",
      outcome: "not_reached",
      by: "alice@example.org",
      created_by: "alice@example.org",
      at: "2025-05-01",
      source_kind: "internal",
      evidence: [],
    });
    expect(count("audit_log")).toBe(auditBefore + 1);
    const last = db.$client
      .prepare("SELECT actor, action, subject FROM audit_log ORDER BY seq DESC LIMIT 1")
      .get();
    expect(last).toEqual({
      actor: "alice@example.org",
      action: "determination.create",
      subject: "model:alpha-1",
    });

    const ev = await call(
      r.evaluations.GET,
      `/api/v1/evaluations?policy=${V2}&model=alpha-1&as_of=2025-06-01`,
    );
    const cyber = EvaluationsResponse.parse(ev.body)
      .evaluations[0]!.domains.flatMap((d) => d.thresholds)
      .find((t) => t.id === "cyber-high")!;
    expect(cyber.status).toBe("determined_not_reached");
    expect(cyber.indicated).toBe("early_warning");
  });

  it("without credentials: 401 and nothing recorded; an actor header proves nothing", async () => {
    const auditBefore = count("audit_log");
    const a = await call(r.determinations.POST, "/api/v1/determinations", {
      ...postJson({ ...valid, model: "zephyr-large" }, { "x-scalegate-actor": "alice@example.org" }),
      as: null,
    });
    expect(a.status).toBe(401);
    expect(error(a).code).toBe("UNAUTHENTICATED");
    expect(count("audit_log")).toBe(auditBefore);
    const b = await call(r.determinations.POST, "/api/v1/determinations", {
      ...postJson({ ...valid, model: "zephyr-large" }),
      as: { role: "reviewer", token: "ci-review" },
    });
    expect(b.status).toBe(201);
    expect(DeterminationResponse.parse(b.body).determination.created_by).toBe("token:ci-review");
  });

  it("GET filters by model and policy", async () => {
    const all = DeterminationsResponse.parse(
      (await call(r.determinations.GET, "/api/v1/determinations")).body,
    );
    expect(all.determinations.map((d) => d.model)).toEqual(["alpha-1", "zephyr-large"]);
    const one = await call(r.determinations.GET, `/api/v1/determinations?model=alpha-1&policy=${V2}`);
    expect(DeterminationsResponse.parse(one.body).determinations.map((d) => d.by)).toEqual([
      "alice@example.org",
    ]);
    const other = await call(r.determinations.GET, "/api/v1/determinations?policy=deepmind-fsf-v3");
    expect(DeterminationsResponse.parse(other.body).determinations).toEqual([]);
  });

  it.each([
    ["malformed JSON", "{", [], "request body is not valid JSON"],
    ["a missing rationale", { ...valid, rationale: undefined }, ["rationale"], "invalid determination"],
    ["a blank rationale", { ...valid, rationale: "   " }, ["rationale"], "invalid determination"],
    ["a bad outcome enum", { ...valid, outcome: "maybe" }, ["outcome"], "invalid determination"],
    [
      "several bad fields at once",
      { ...valid, outcome: "maybe", at: "soon", rationale: "" },
      ["outcome", "rationale", "at"],
      "invalid determination",
    ],
    ["an unknown field", { ...valid, severity: "high" }, ["severity"], "invalid determination"],
    ["a body that is not an object", [valid], ["(body)"], "invalid determination"],
    [
      "a threshold the policy does not have",
      { ...valid, threshold: "cyber-hihg" },
      ["threshold"],
      `policy ${V2} has no threshold "cyber-hihg"`,
    ],
  ])("400 for %s, naming each field", async (_label, body, fields, message) => {
    const before = count("determinations");
    const a = await call(r.determinations.POST, "/api/v1/determinations", postJson(body));
    expect(a.status).toBe(400);
    const e = error(a);
    expect(e.code).toBe("VALIDATION");
    expect(e.message).toBe(message);
    expect([...new Set((e.issues ?? []).map((i) => i.path))].sort()).toEqual([...fields].sort());
    expect(count("determinations")).toBe(before);
  });

  it("404 for an unknown model or policy", async () => {
    const m = await call(
      r.determinations.POST,
      "/api/v1/determinations",
      postJson({ ...valid, model: "nope" }),
    );
    expect(m.status).toBe(404);
    expect(error(m).message).toBe('no model "nope"');
    const p = await call(
      r.determinations.POST,
      "/api/v1/determinations",
      postJson({ ...valid, policy: "nope" }),
    );
    expect(p.status).toBe(404);
    expect(error(p).message).toBe('no published policy "nope"');
  });
});

describe("attestations", () => {
  const valid = {
    model: "alpha-1",
    policy: V2,
    safeguard: "security-controls-high",
    status: "implemented",
    evidence: "https://example.org/security-review",
    at: "2025-04-01",
    expires_at: "2026-04-01",
  };

  it("POST records it (201) and GET lists it", async () => {
    const a = await call(r.attestations.POST, "/api/v1/attestations", {
      ...postJson(valid),
      as: { role: "reviewer", token: "bob" },
    });
    expect(a.status).toBe(201);
    const { attestation } = AttestationResponse.parse(a.body);
    expect(attestation).toMatchObject({
      model: "alpha-1",
      policy: V2,
      safeguard: "security-controls-high",
      status: "implemented",
      by: "token:bob",
      at: "2025-04-01",
      expires_at: "2026-04-01",
      created_by: "token:bob",
    });
    const list = await call(r.attestations.GET, `/api/v1/attestations?model=alpha-1&policy=${V2}`);
    expect(AttestationsResponse.parse(list.body).attestations.map((x) => x.id)).toEqual([attestation.id]);
    const none = await call(r.attestations.GET, "/api/v1/attestations?model=zephyr-large");
    expect(AttestationsResponse.parse(none.body).attestations).toEqual([]);
  });

  it.each([
    ["an expiry before the date", { ...valid, expires_at: "2025-01-01" }, ["expires_at"]],
    ["a bad status enum", { ...valid, status: "done" }, ["status"]],
    ["a missing safeguard", { ...valid, safeguard: undefined }, ["safeguard"]],
    ["a safeguard the policy does not have", { ...valid, safeguard: "moat" }, ["safeguard"]],
  ])("400 for %s", async (_label, body, fields) => {
    const a = await call(r.attestations.POST, "/api/v1/attestations", postJson(body));
    expect(a.status).toBe(400);
    expect(error(a).issues?.map((i) => i.path)).toEqual(fields);
  });

  it("404 for an unknown model", async () => {
    const a = await call(r.attestations.POST, "/api/v1/attestations", postJson({ ...valid, model: "nope" }));
    expect(a.status).toBe(404);
  });
});

describe("batches", () => {
  it("GET lists the batches, newest first", async () => {
    const a = await call(r.batches.GET, "/api/v1/batches");
    expect(a.status).toBe(200);
    const { batches } = BatchesResponse.parse(a.body);
    expect(batches.map((b) => [b.id, b.file_name, b.format, b.inserted, b.status, b.created_by])).toEqual([
      [scoresBatch, "scores.csv", "generic-csv", 2, "active", "test"],
      [modelsBatch, "models.csv", "model-metadata-csv", 0, "active", "test"],
    ]);
  });

  it("POST rollback removes the batch's scores once; a second time is a 409", async () => {
    const url = `/api/v1/batches/${scoresBatch}/rollback`;
    const a = await call(
      r.rollback.POST,
      url,
      { method: "POST", as: { role: "admin", email: "carol@example.org" } },
      { id: String(scoresBatch) },
    );
    expect(a.status).toBe(200);
    expect(RollbackResponse.parse(a.body)).toEqual({ batch_id: scoresBatch, removed: 2 });
    const scores = await call(r.scores.GET, "/api/v1/models/alpha-1/scores", {}, { id: "alpha-1" });
    expect(ScoresResponse.parse(scores.body).scores).toEqual([]);
    const listed = BatchesResponse.parse((await call(r.batches.GET, "/api/v1/batches")).body).batches[0]!;
    expect([listed.status, listed.rolled_back_by]).toEqual(["rolled_back", "carol@example.org"]);

    const again = await call(r.rollback.POST, url, { method: "POST" }, { id: String(scoresBatch) });
    expect(again.status).toBe(409);
    expect(error(again).code).toBe("CONFLICT");
    expect(error(again).message).toMatch(new RegExp(`^batch ${scoresBatch} was already rolled back on `));
  });

  it.each([
    ["an unknown batch", "999", 404, "NOT_FOUND"],
    ["a non-numeric id", "abc", 400, "VALIDATION"],
    ["a negative id", "-1", 400, "VALIDATION"],
  ])("%s", async (_label, id, status, code) => {
    const a = await call(r.rollback.POST, `/api/v1/batches/${id}/rollback`, { method: "POST" }, { id });
    expect(a.status).toBe(status);
    expect(error(a).code).toBe(code);
  });
});

describe("policies", () => {
  const sha = (id: string) =>
    createHash("sha256")
      .update(readFileSync(path.join(process.cwd(), "policies", `${id}.yaml`), "utf8"))
      .digest("hex");

  it("GET lists the published versions with their hashes", async () => {
    const a = await call(r.policies.GET, "/api/v1/policies");
    expect(a.status).toBe(200);
    const { policies } = PoliciesResponse.parse(a.body);
    expect(policies.map((p) => p.id)).toEqual([...SHIPPED]);
    const v2 = policies.find((p) => p.id === V2)!;
    expect(v2).toMatchObject({ title: "OpenAI Preparedness Framework", version: "2", publisher: "OpenAI" });
    expect(v2.sha256).toBe(sha(V2));
  });

  it("GET [id] returns the parsed policy and its exact text", async () => {
    const a = await call(r.policy.GET, `/api/v1/policies/${V2}`, {}, { id: V2 });
    expect(a.status).toBe(200);
    const body = PolicyResponse.parse(a.body);
    expect(body.policy.id).toBe(V2);
    expect(body.policy.levels.length).toBeGreaterThan(1);
    expect(createHash("sha256").update(body.yaml).digest("hex")).toBe(body.sha256);
    expect(body.sha256).toBe(sha(V2));
  });

  it("404 for an unknown policy", async () => {
    const a = await call(r.policy.GET, "/api/v1/policies/nope", {}, { id: "nope" });
    expect(a.status).toBe(404);
    expect(error(a)).toEqual({ code: "NOT_FOUND", message: 'no published policy "nope"' });
  });
});

describe("record schemas", () => {
  it("db/records stores with the very schemas the API validates with", async () => {
    const records = await import("@/db/records");
    expect(records.NewDetermination).toBe(NewDetermination);
    expect(records.NewAttestation).toBe(NewAttestation);
  });

  it.each([
    ["determination ok", "d", { model: "m", threshold: "t", outcome: "reached", rationale: "r" }, true],
    [
      "determination on 30 February",
      "d",
      { model: "m", threshold: "t", outcome: "reached", rationale: "r", at: "2025-02-30" },
      false,
    ],
    [
      "determination on 29 February of a leap year",
      "d",
      { model: "m", threshold: "t", outcome: "reached", rationale: "r", at: "2024-02-29" },
      true,
    ],
    ["attestation ok", "a", { model: "m", safeguard: "s", status: "verified" }, true],
    [
      "attestation expiry before date",
      "a",
      { model: "m", safeguard: "s", status: "verified", at: "2025-02-01", expires_at: "2025-01-01" },
      false,
    ],
    ["attestation bad date", "a", { model: "m", safeguard: "s", status: "verified", at: "later" }, false],
  ])("%s", (_label, kind, value, ok) => {
    expect((kind === "d" ? NewDetermination : NewAttestation).safeParse(value).success).toBe(ok);
  });
});
