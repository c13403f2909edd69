import { afterEach, describe, expect, it } from "vitest";
import { ErrorResponse } from "@/lib/api/schemas";
import { GateResponse } from "@/lib/api/governance-schemas";
import { ACTION, MODELS, POLICY } from "@/db/decisions.test-fixtures";
import { call, postJson } from "../_lib/test-kit";
import { closeRouteDbs, countRows, routeDb } from "../decisions/test-db";
import { POST } from "./route";

afterEach(closeRouteDbs);

describe("POST /api/v1/gate", () => {
  const rows = [
    { label: "allow", model: MODELS.allow, action: ACTION, outcome: "allow" },
    { label: "conditional", model: MODELS.conditional, action: ACTION, outcome: "conditional" },
    { label: "block", model: MODELS.block, action: ACTION, outcome: "block" },
    { label: "pause", model: MODELS.block, action: "continue-development", outcome: "pause" },
  ];
  for (const row of rows) {
    it(`${row.label}: 201 with the outcome, reasons, policy version and decision id`, async () => {
      const t = routeDb();
      const a = await call(POST, "/api/v1/gate", {
        ...postJson({ model: row.model, policy: POLICY, action: row.action }),
        as: "reviewer",
      });
      expect(a.status).toBe(201);
      const body = GateResponse.parse(a.body);
      expect(body.outcome).toBe(row.outcome);
      expect(body.reasons.length).toBeGreaterThan(0);
      expect(body.policy_version).toMatchObject({ policy: POLICY, version: "2" });
      expect(a.headers.get("location")).toBe(`/api/v1/decisions/${body.decision_id}`);
      const d = t.db.$client
        .prepare("SELECT outcome, decided_by, signoff FROM decisions WHERE id = ?")
        .get(body.decision_id);
      expect(d).toEqual({ outcome: row.outcome, decided_by: "token:test-reviewer", signoff: null });
    });
  }

  const callers = [
    {
      label: "a CI token (viewer with the gate scope) → 201, audited as the token",
      as: { role: "viewer" as const, token: "ci-release", scopes: ["gate" as const] },
      status: 201,
      actor: "token:ci-release",
    },
    {
      label: "a signed-in reviewer → 201, audited by email",
      as: { role: "reviewer" as const, email: "rev@example.org" },
      status: 201,
      actor: "rev@example.org",
    },
    { label: "a viewer without the gate scope → 403", as: "viewer" as const, status: 403 },
    { label: "an auditor → 403", as: "auditor" as const, status: 403 },
    { label: "no credentials → 401", as: null, status: 401 },
  ];
  for (const row of callers) {
    it(row.label, async () => {
      const t = routeDb();
      const a = await call(POST, "/api/v1/gate", {
        ...postJson({ model: MODELS.allow, policy: POLICY, action: ACTION }),
        as: row.as,
      });
      expect(a.status).toBe(row.status);
      if (row.actor)
        expect(t.db.$client.prepare("SELECT actor FROM audit_log ORDER BY seq DESC LIMIT 1").get()).toEqual({
          actor: row.actor,
        });
      else expect(countRows(t, "decisions")).toBe(0);
    });
  }

  const bad = [
    {
      label: "unknown action → 400 naming the actions",
      body: { model: MODELS.allow, policy: POLICY, action: "ship" },
      status: 400,
      code: "VALIDATION",
      issue: {
        path: "action",
        message: "one of: deploy-external, deploy-internal-large-scale, continue-development",
      },
    },
    {
      label: "unknown model → 404",
      body: { model: "nope", policy: POLICY, action: ACTION },
      status: 404,
      code: "NOT_FOUND",
    },
    {
      label: "unknown policy → 404",
      body: { model: MODELS.allow, policy: "nope", action: ACTION },
      status: 404,
      code: "NOT_FOUND",
    },
    {
      label: "missing action → 400",
      body: { model: MODELS.allow, policy: POLICY },
      status: 400,
      code: "VALIDATION",
      issue: { path: "action", message: expect.any(String) },
    },
    {
      label: "unknown field → 400",
      body: { model: MODELS.allow, policy: POLICY, action: ACTION, force: true },
      status: 400,
      code: "VALIDATION",
      issue: { path: "force", message: "unknown field" },
    },
    { label: "malformed JSON → 400", body: "{", status: 400, code: "VALIDATION" },
  ];
  for (const row of bad) {
    it(row.label, async () => {
      const t = routeDb();
      const a = await call(POST, "/api/v1/gate", postJson(row.body));
      expect(a.status).toBe(row.status);
      const e = ErrorResponse.parse(a.body).error;
      expect(e.code).toBe(row.code);
      if (row.issue) expect(e.issues).toContainEqual(row.issue);
      expect(countRows(t, "decisions")).toBe(0);
    });
  }
});
