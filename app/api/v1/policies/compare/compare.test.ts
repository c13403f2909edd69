import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { PolicyComparison } from "@/lib/api/policy-compare";
import { ErrorResponse } from "@/lib/api/schemas";
import { COMPONENT_SCHEMAS, openApiDocument } from "@/lib/api/openapi";
import { call, tempDatabase } from "../../_lib/test-kit";
import type { Caller } from "../../_lib/test-kit";
import type * as CompareRoute from "./route";

const tmp = tempDatabase("policy-compare");
let db: Db;
let route: typeof CompareRoute;

const MODELS_CSV = `model,family,developer,release_date,params_b,training_flop
Alpha-1,alpha,Acme Labs,2025-01-15,70,1e24
`;
const SCORES_CSV = `model,metric,value,stderr,evaluated_at
Alpha-1,cybench.unguided,0.45,0.02,2025-02-01
`;

const audits = () => (db.$client.prepare("SELECT count(*) AS n FROM audit_log").get() as { n: number }).n;
const get = (query: string, as?: Caller) =>
  call(route.GET, `/api/v1/policies/compare${query}`, as === undefined ? {} : { as });

beforeAll(async () => {
  db = (await import("@/db")).getDb();
  const { syncShippedPolicies } = await import("@/db/policies");
  const { importFile } = await import("@/db/ingest");
  syncShippedPolicies(db);
  const enc = new TextEncoder();
  importFile(db, { name: "models.csv", bytes: enc.encode(MODELS_CSV) }, { actor: "test" });
  importFile(db, { name: "scores.csv", bytes: enc.encode(SCORES_CSV) }, { actor: "test" });
  route = await import("./route");
});

afterAll(() => {
  db.$client.close();
  tmp.cleanup();
});

describe("GET /api/v1/policies/compare", () => {
  it("RSP v2.2 → v3.4: the contract, by policy id", async () => {
    const before = audits();
    const a = await get("?from=anthropic-rsp-v2-2&to=anthropic-rsp-v3-4&as_of=2026-08-01");
    expect(a.status).toBe(200);
    const c = PolicyComparison.parse(a.body);
    expect(COMPONENT_SCHEMAS.PolicyComparison.safeParse(a.body).success).toBe(true);
    expect([c.from.policy_id, c.from.version, c.to.policy_id, c.to.version]).toEqual([
      "anthropic-rsp-v2-2",
      "2.2",
      "anthropic-rsp-v3-4",
      "3.4",
    ]);
    expect(c.diff.thresholds.continued.map((x) => x.id)).toEqual(["ai-rd-5"]);
    expect(c.models).toMatchObject({ evaluated: 1, as_of: "2026-08-01" });
    expect(c.models.changes.map((m) => m.model)).toEqual(["alpha-1"]);
    expect(audits()).toBe(before);
  });

  it("by numeric version id, and a viewer may read it", async () => {
    const ids = db.$client
      .prepare(
        "SELECT id FROM policy_versions WHERE policy_id IN ('openai-preparedness-beta','openai-preparedness-v2') ORDER BY policy_id",
      )
      .pluck()
      .all() as number[];
    const a = await get(`?from=${ids[0]}&to=${ids[1]}&as_of=2026-01-01`, "viewer");
    expect(a.status).toBe(200);
    const c = PolicyComparison.parse(a.body);
    expect([c.from.policy_version_id, c.to.policy_version_id]).toEqual(ids);
    expect([c.from.policy_id, c.to.policy_id]).toEqual([
      "openai-preparedness-beta",
      "openai-preparedness-v2",
    ]);
  });

  it.each([
    [
      "an unknown parameter",
      "?from=anthropic-rsp-v2-2&to=anthropic-rsp-v3-4&colour=red",
      "colour",
      "unknown field",
    ],
    ["to missing", "?from=anthropic-rsp-v2-2", "to", expect.any(String)],
    ["from missing", "?to=anthropic-rsp-v3-4", "from", expect.any(String)],
    [
      "as_of not a real day",
      "?from=anthropic-rsp-v2-2&to=anthropic-rsp-v3-4&as_of=2025-02-30",
      "as_of",
      "is not a real calendar date",
    ],
    ["a malformed ref", "?from=RSP%20v2.2&to=anthropic-rsp-v3-4", "from", expect.stringMatching(/policy id/)],
  ])("%s → 400 naming it", async (_label, query, path, message) => {
    const a = await get(query);
    expect(a.status).toBe(400);
    const e = ErrorResponse.parse(a.body).error;
    expect(e.code).toBe("VALIDATION");
    expect(e.issues).toContainEqual({ path, message });
  });

  it.each([
    [
      "an unknown policy id",
      "?from=anthropic-rsp-v9&to=anthropic-rsp-v3-4",
      'from: no published policy "anthropic-rsp-v9"',
    ],
    ["an unknown version id", "?from=anthropic-rsp-v2-2&to=4242", "to: no stored policy version 4242"],
  ])("%s → 404 naming it", async (_label, query, message) => {
    const a = await get(query);
    expect(a.status).toBe(404);
    const e = ErrorResponse.parse(a.body).error;
    expect([e.code, e.message]).toEqual(["NOT_FOUND", message]);
  });

  it("without credentials → 401", async () => {
    const a = await get("?from=anthropic-rsp-v2-2&to=anthropic-rsp-v3-4", null);
    expect(a.status).toBe(401);
  });

  it("is in the OpenAPI document with its three parameters", () => {
    const op = openApiDocument().paths["/api/v1/policies/compare"]?.get;
    expect(op?.operationId).toBe("comparePolicies");
    expect(op?.parameters?.map((p) => ("name" in p ? [p.name, p.required] : p))).toEqual([
      ["from", true],
      ["to", true],
      ["as_of", false],
    ]);
  });
});
