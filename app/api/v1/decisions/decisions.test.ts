import { afterEach, describe, expect, it } from "vitest";
import { ErrorResponse } from "@/lib/api/schemas";
import { DecisionResponse, DecisionsResponse, SignoffResponse } from "@/lib/api/governance-schemas";
import { iterateAudit, verifyAuditLog } from "@/db/audit";
import { recordDecision } from "@/db/decisions";
import { ACTION, MODELS, POLICY, RAISE_ALLOW_CSV, sqlite3 } from "@/db/decisions.test-fixtures";
import { call, postJson } from "../_lib/test-kit";
import { POST as ingest } from "../ingest/route";
import { closeRouteDbs, countRows, routeDb } from "./test-db";
import { GET as list, POST as signoff } from "./route";
import { GET as detail } from "./[id]/route";

afterEach(closeRouteDbs);

const WHO = { role: "reviewer" as const, email: "alice@example.org" };
const SIGNOFF = {
  model: MODELS.conditional,
  policy: POLICY,
  action: ACTION,
  outcome: "approve_with_conditions",
  rationale: "Safeguards report found sufficient",
  conditions: "publish the system card",
};

describe("POST /api/v1/decisions (sign-off)", () => {
  it("201: the decision with its evaluation, and its audit entry", async () => {
    const t = routeDb();
    const a = await call(signoff, "/api/v1/decisions", { ...postJson(SIGNOFF), as: WHO });
    expect(a.status).toBe(201);
    const body = SignoffResponse.parse(a.body);
    expect(body.decision).toMatchObject({
      kind: "signoff",
      model: MODELS.conditional,
      outcome: "conditional",
      decided_by: "alice@example.org",
      signoff: {
        outcome: "approve_with_conditions",
        rationale: SIGNOFF.rationale,
        conditions: SIGNOFF.conditions,
      },
    });
    expect(a.headers.get("location")).toBe(`/api/v1/decisions/${body.decision.id}`);
    const entry = [...iterateAudit(t.db)].at(-1)!;
    expect(entry).toMatchObject({
      seq: body.audit.seq,
      hash: body.audit.hash,
      action: "signoff",
      actor: "alice@example.org",
    });
  });

  const bad = [
    {
      label: "empty rationale → 400",
      body: { ...SIGNOFF, rationale: "  " },
      as: WHO,
      issue: "rationale",
    },
    {
      label: "approve_with_conditions without conditions → 400",
      body: { ...SIGNOFF, conditions: undefined },
      as: WHO,
      issue: "conditions",
    },
    { label: "unknown outcome → 400", body: { ...SIGNOFF, outcome: "ok" }, as: WHO, issue: "outcome" },
    { label: "unknown field → 400", body: { ...SIGNOFF, by: "bob" }, as: WHO, issue: "by" },
    { label: "unknown action → 400", body: { ...SIGNOFF, action: "ship" }, as: WHO, issue: "action" },
  ];
  for (const row of bad) {
    it(row.label, async () => {
      const t = routeDb();
      const a = await call(signoff, "/api/v1/decisions", { ...postJson(row.body), as: row.as });
      expect(a.status).toBe(400);
      expect(ErrorResponse.parse(a.body).error.issues?.map((i) => i.path)).toContain(row.issue);
      expect(countRows(t, "decisions")).toBe(0);
    });
  }
});

describe("who may sign off", () => {
  const rows = [
    { label: "a reviewer's token → 201", as: "reviewer" as const, status: 201 },
    { label: "an admin → 201", as: "admin" as const, status: 201 },
    { label: "an auditor → 403", as: "auditor" as const, status: 403 },
    { label: "a policy author → 403", as: "policy_author" as const, status: 403 },
    {
      label: "a CI token with the gate scope → 403 (gate is not sign-off)",
      as: { role: "viewer" as const, token: "ci", scopes: ["gate" as const] },
      status: 403,
    },
    { label: "no credentials → 401", as: null, status: 401 },
  ];
  for (const row of rows) {
    it(row.label, async () => {
      const t = routeDb();
      const a = await call(signoff, "/api/v1/decisions", { ...postJson(SIGNOFF), as: row.as });
      expect(a.status).toBe(row.status);
      expect(countRows(t, "decisions")).toBe(row.status === 201 ? 1 : 0);
    });
  }

  it("reading decisions needs credentials, any role", async () => {
    routeDb();
    expect((await call(list, "/api/v1/decisions", { as: "viewer" })).status).toBe(200);
    expect((await call(list, "/api/v1/decisions", { as: null })).status).toBe(401);
  });
});

describe("GET /api/v1/decisions and /api/v1/decisions/[id]", () => {
  it("lists newest first, filters, and adds status on request", async () => {
    const t = routeDb();
    for (const m of [MODELS.allow, MODELS.block])
      recordDecision(t.db, { modelId: m, policyId: POLICY, action: ACTION, actor: "t" });
    const rows = [
      { label: "all", url: "/api/v1/decisions", models: [MODELS.block, MODELS.allow] },
      { label: "by model", url: `/api/v1/decisions?model=${MODELS.allow}`, models: [MODELS.allow] },
      { label: "by other policy", url: "/api/v1/decisions?policy=deepmind-fsf-v3", models: [] },
      { label: "limit", url: "/api/v1/decisions?limit=1", models: [MODELS.block] },
    ];
    for (const row of rows) {
      const a = await call(list, row.url);
      expect(a.status, row.label).toBe(200);
      expect(
        DecisionsResponse.parse(a.body).decisions.map((d) => d.model),
        row.label,
      ).toEqual(row.models);
    }
    const withStatus = DecisionsResponse.parse((await call(list, "/api/v1/decisions?status=true")).body);
    expect(withStatus.decisions.map((d) => d.status?.status)).toEqual(["current", "current"]);
    expect((await call(list, "/api/v1/decisions?limit=0")).status).toBe(400);
    expect((await call(list, "/api/v1/decisions?modle=x")).status).toBe(400);
  });

  it("detail: current and replaying; stale after an import; replay names a tampered result", async () => {
    const t = routeDb();
    const { decision } = recordDecision(t.db, {
      modelId: MODELS.allow,
      policyId: POLICY,
      action: ACTION,
      actor: "t",
    });
    const url = `/api/v1/decisions/${decision.id}`;
    const get = async () => {
      const a = await call(detail, url, {}, { id: String(decision.id) });
      expect(a.status).toBe(200);
      return DecisionResponse.parse(a.body);
    };
    const fresh = await get();
    expect(fresh.decision).toEqual(decision);
    expect(fresh.status.status).toBe("current");
    expect(fresh.replay).toMatchObject({
      ok: true,
      input_hash_ok: true,
      result_hash_ok: true,
      recomputed_outcome: "allow",
    });

    const up = await call(ingest, "/api/v1/ingest?filename=raise.csv", {
      method: "POST",
      headers: { "content-type": "text/csv" },
      body: RAISE_ALLOW_CSV,
    });
    expect(up.status).toBe(200);
    const stale = await get();
    expect(stale.status).toMatchObject({
      status: "stale",
      changed: { result: true, outcome: true },
      current: { outcome: "block" },
    });
    expect(stale.replay.ok).toBe(true);

    sqlite3(
      t.file,
      `UPDATE decisions SET result = replace(result, '"allow"', '"Allow"') WHERE id = ${decision.id}`,
    );
    const tampered = await get();
    expect(tampered.replay).toMatchObject({
      ok: false,
      result_hash_ok: false,
      input_hash_ok: true,
      mismatches: ["result_hash"],
    });
  });

  const bad = [
    { label: "not a number → 400", id: "abc", status: 400 },
    { label: "no such decision → 404", id: "999", status: 404 },
  ];
  for (const row of bad) {
    it(row.label, async () => {
      routeDb();
      const a = await call(detail, `/api/v1/decisions/${row.id}`, {}, { id: row.id });
      expect(a.status).toBe(row.status);
    });
  }
});

describe("50 requests at once: 40 sign-offs and 10 imports through the route handlers", () => {
  it("all are recorded, each decision has its audit entry, and the chain verifies", async () => {
    const t = routeDb();
    const before = countRows(t, "audit_log");
    const models = Object.values(MODELS);
    const signoffs = Array.from({ length: 40 }, (_, i) =>
      call(signoff, "/api/v1/decisions", {
        ...postJson({
          model: models[i % 3],
          policy: POLICY,
          action: ACTION,
          outcome: "block",
          rationale: `review ${i}`,
        }),
        as: { role: "reviewer", token: `reviewer-${i % 4}` },
      }),
    );
    const imports = Array.from({ length: 10 }, (_, i) =>
      call(ingest, `/api/v1/ingest?filename=parallel-${i}.csv`, {
        method: "POST",
        headers: { "content-type": "text/csv" },
        as: "admin",
        body: `model,metric,value,evaluated_at\nfixture-allow,demo.parallel_${i},0.${i},2026-06-01\n`,
      }),
    );
    const answers = await Promise.all([...signoffs, ...imports]);
    expect(answers.map((a) => a.status)).toEqual([...Array(40).fill(201), ...Array(10).fill(200)]);
    expect(countRows(t, "decisions")).toBe(40);
    expect(countRows(t, "audit_log")).toBe(before + 50);
    expect(verifyAuditLog(t.db)).toMatchObject({ ok: true, count: before + 50 });
    const subjects = [...iterateAudit(t.db)]
      .filter((e) => e.action === "signoff")
      .map((e) => e.subject)
      .sort();
    const ids = answers
      .slice(0, 40)
      .map((a) => `decision:${SignoffResponse.parse(a.body).decision.id}`)
      .sort();
    expect(subjects).toEqual(ids);
  });
});
