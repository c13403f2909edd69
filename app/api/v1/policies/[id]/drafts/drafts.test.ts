import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ErrorResponse, PolicyResponse } from "@/lib/api/schemas";
import { PolicyComparison } from "@/lib/api/policy-compare";
import {
  issueLocation,
  PolicyDraftResponse,
  PolicyVersionsResponse,
  PublishResponse,
  RetireResponse,
} from "@/lib/api/policy-draft-schemas";
import { iterateAudit, verifyAuditLog } from "@/db/audit";
import { MODELS, POLICY } from "@/db/decisions.test-fixtures";
import type { TempDb } from "@/test/fixtures/db/helpers";
import { call, postJson } from "../../../_lib/test-kit";
import type { Caller } from "../../../_lib/test-kit";
import { closeRouteDbs, countRows, routeDb } from "../../../decisions/test-db";
import { GET as getPolicy } from "../route";
import { GET as versions } from "../versions/route";
import { POST as retire } from "../retire/route";
import { POST as create } from "./route";
import { GET as getDraft, PUT as update } from "./[draftId]/route";
import { GET as review } from "./[draftId]/review/route";
import { POST as publish } from "./[draftId]/publish/route";
import { POST as discard } from "./[draftId]/discard/route";

afterEach(closeRouteDbs);

const SHIPPED = readFileSync(path.join("policies", `${POLICY}.yaml`), "utf8");
const CYBER_LEAF = /(metric: cybench\.unguided\n\s+gte: )0\.5/;
function variant(version: string, cyberGte = "0.5"): string {
  return SHIPPED.replace('version: "2"\n', `version: "${version}"\n`).replace(CYBER_LEAF, `$1${cyberGte}`);
}

const AUTHOR = { role: "policy_author" as const, email: "author@example.org" };
const BASE = `/api/v1/policies/${POLICY}`;
const putJson = (body: unknown) => ({ ...postJson(body), method: "PUT" });
const post = { method: "POST" };

async function newDraft(yaml: string, as: Caller = AUTHOR, policyId = POLICY) {
  const a = await call(
    create,
    `/api/v1/policies/${policyId}/drafts`,
    { ...postJson({ yaml }), as },
    { id: policyId },
  );
  expect(a.status, JSON.stringify(a.body)).toBe(201);
  return PolicyDraftResponse.parse(a.body).draft;
}

function params(draftId: number | string, id = POLICY) {
  return { id, draftId: String(draftId) };
}

function lastEntry(t: TempDb) {
  const e = [...iterateAudit(t.db)].at(-1)!;
  return { ...e, payload: JSON.parse(e.payload_text) as Record<string, unknown> };
}

describe("POST /api/v1/policies/{id}/drafts", () => {
  it("201: the draft, its Location, and a policy.draft entry by the signed-in author", async () => {
    const t = routeDb();
    const draft = await newDraft(variant("2.1"));
    expect(draft).toMatchObject({
      policy_id: POLICY,
      version: "2.1",
      status: "draft",
      author: AUTHOR.email,
      published_at: null,
      superseded_by: null,
      yaml: variant("2.1"),
    });
    expect(lastEntry(t)).toMatchObject({
      actor: AUTHOR.email,
      action: "policy.draft",
      payload: { draft_id: draft.policy_version_id, policy_id: POLICY },
    });
    const again = await call(
      create,
      `${BASE}/drafts`,
      { ...postJson({ yaml: variant("2.2") }), as: "policy_author" },
      { id: POLICY },
    );
    expect(again.headers.get("location")).toBe(
      `${BASE}/drafts/${PolicyDraftResponse.parse(again.body).draft.policy_version_id}`,
    );
  });

  it("invalid YAML → 400 with issues naming line and column; nothing stored, nothing logged", async () => {
    const t = routeDb();
    const before = { versions: countRows(t, "policy_versions"), audit: countRows(t, "audit_log") };
    const yaml = variant("2.1").replace(CYBER_LEAF, "$1lots");
    const a = await call(create, `${BASE}/drafts`, { ...postJson({ yaml }), as: AUTHOR }, { id: POLICY });
    expect(a.status).toBe(400);
    const err = ErrorResponse.parse(a.body).error;
    expect(err.code).toBe("VALIDATION");
    expect(err.issues?.length).toBeGreaterThan(0);
    for (const i of err.issues!) expect(issueLocation(i.path), i.path).not.toBeNull();
    expect(err.issues!.some((i) => /gte/.test(i.message))).toBe(true);
    expect({ versions: countRows(t, "policy_versions"), audit: countRows(t, "audit_log") }).toEqual(before);
  });

  const badBodies = [
    { label: "no yaml", body: {}, issue: "yaml" },
    { label: "yaml not a string", body: { yaml: 3 }, issue: "yaml" },
    { label: "an unknown field", body: { yaml: SHIPPED, status: "published" }, issue: "status" },
    { label: "not JSON", body: "{nope", issue: undefined },
  ];
  for (const row of badBodies) {
    it(`${row.label} → 400`, async () => {
      const t = routeDb();
      const before = countRows(t, "policy_versions");
      const a = await call(create, `${BASE}/drafts`, { ...postJson(row.body), as: AUTHOR }, { id: POLICY });
      expect(a.status).toBe(400);
      const err = ErrorResponse.parse(a.body).error;
      if (row.issue) expect(err.issues?.map((i) => i.path)).toContain(row.issue);
      expect(countRows(t, "policy_versions")).toBe(before);
    });
  }

  it("the YAML of another policy id → 400 on line 20 (the id)", async () => {
    routeDb();
    const yaml = SHIPPED.replace(`id: ${POLICY}\n`, "id: deepmind-fsf-v3\n");
    const a = await call(create, `${BASE}/drafts`, { ...postJson({ yaml }), as: AUTHOR }, { id: POLICY });
    expect(a.status).toBe(400);
    const issue = ErrorResponse.parse(a.body).error.issues![0]!;
    expect(issueLocation(issue.path)?.line).toBe(20);
    expect(issue.message).toMatch(/must be "openai-preparedness-v2"/);
  });

  it("the same text as another draft → 409", async () => {
    routeDb();
    const first = await newDraft(variant("2.1"));
    const a = await call(
      create,
      `${BASE}/drafts`,
      { ...postJson({ yaml: variant("2.1") }), as: AUTHOR },
      { id: POLICY },
    );
    expect(a.status).toBe(409);
    expect(ErrorResponse.parse(a.body).error.message).toContain(`draft ${first.policy_version_id}`);
  });

  const callers: { label: string; as: Caller; status: number }[] = [
    { label: "a policy author's token → 201", as: "policy_author", status: 201 },
    { label: "an admin → 403 (drafting stays with authors)", as: "admin", status: 403 },
    { label: "a reviewer → 403", as: "reviewer", status: 403 },
    { label: "no credentials → 401", as: null, status: 401 },
  ];
  for (const row of callers) {
    it(row.label, async () => {
      const t = routeDb();
      const a = await call(
        create,
        `${BASE}/drafts`,
        { ...postJson({ yaml: variant("2.1") }), as: row.as },
        { id: POLICY },
      );
      expect(a.status).toBe(row.status);
      expect(countRows(t, "policy_versions WHERE status = 'draft'")).toBe(row.status === 201 ? 1 : 0);
    });
  }
});

describe("GET versions and drafts, PUT a draft", () => {
  it("versions: every row newest first; an unknown policy → 404", async () => {
    routeDb();
    const d = await newDraft(variant("2.1"));
    const a = await call(versions, `${BASE}/versions`, { as: "viewer" }, { id: POLICY });
    expect(a.status).toBe(200);
    const body = PolicyVersionsResponse.parse(a.body);
    expect(body.versions.map((v) => [v.policy_version_id, v.status])).toEqual([
      [d.policy_version_id, "draft"],
      [expect.any(Number), "published"],
    ]);
    expect(body.versions[1]!.published_at).not.toBeNull();
    const none = await call(versions, "/api/v1/policies/nope/versions", { as: "viewer" }, { id: "nope" });
    expect(none.status).toBe(404);
  });

  it("GET a draft: 200 for any reader; under another policy id or not a number → 404", async () => {
    routeDb();
    const d = await newDraft(variant("2.1"));
    const a = await call(
      getDraft,
      `${BASE}/drafts/${d.policy_version_id}`,
      { as: "viewer" },
      params(d.policy_version_id),
    );
    expect(a.status).toBe(200);
    expect(PolicyDraftResponse.parse(a.body).draft.yaml).toBe(variant("2.1"));
    for (const p of [params(d.policy_version_id, "deepmind-fsf-v3"), params("abc"), params(99999)]) {
      const r = await call(getDraft, `/api/v1/policies/${p.id}/drafts/${p.draftId}`, { as: "viewer" }, p);
      expect(r.status, JSON.stringify(p)).toBe(404);
      expect(ErrorResponse.parse(r.body).error.code).toBe("NOT_FOUND");
    }
  });

  it("PUT: 200 with the new text, audited; invalid → 400 and unchanged; a published row → 409", async () => {
    const t = routeDb();
    const d = await newDraft(variant("2.1"));
    const url = `${BASE}/drafts/${d.policy_version_id}`;
    const ok = await call(
      update,
      url,
      { ...putJson({ yaml: variant("2.2", "0.4") }), as: AUTHOR },
      params(d.policy_version_id),
    );
    expect(ok.status).toBe(200);
    expect(PolicyDraftResponse.parse(ok.body).draft).toMatchObject({ version: "2.2", status: "draft" });
    expect(lastEntry(t)).toMatchObject({ action: "policy.draft", payload: { previous_sha256: d.sha256 } });

    const audit = countRows(t, "audit_log");
    const bad = await call(
      update,
      url,
      { ...putJson({ yaml: "schema: x\n" }), as: AUTHOR },
      params(d.policy_version_id),
    );
    expect(bad.status).toBe(400);
    expect(issueLocation(ErrorResponse.parse(bad.body).error.issues![0]!.path)).not.toBeNull();
    expect(countRows(t, "audit_log")).toBe(audit);

    const pv = PolicyResponse.parse((await call(getPolicy, BASE, {}, { id: POLICY })).body).policy_version_id;
    const conflict = await call(
      update,
      `${BASE}/drafts/${pv}`,
      { ...putJson({ yaml: variant("9") }), as: AUTHOR },
      params(pv),
    );
    expect(conflict.status).toBe(409);
    const other = await call(
      update,
      `/api/v1/policies/deepmind-fsf-v3/drafts/${d.policy_version_id}`,
      { ...putJson({ yaml: variant("2.3") }), as: AUTHOR },
      params(d.policy_version_id, "deepmind-fsf-v3"),
    );
    expect(other.status).toBe(404);
  });
});

describe("review, publish, discard, retire", () => {
  it("review: 200 PolicyComparison of the draft against the published version; bad as_of → 400", async () => {
    routeDb();
    const d = await newDraft(variant("2.1", "0.25"));
    const url = `${BASE}/drafts/${d.policy_version_id}/review`;
    const a = await call(review, `${url}?as_of=2026-07-01`, { as: "viewer" }, params(d.policy_version_id));
    expect(a.status).toBe(200);
    const c = PolicyComparison.parse(a.body);
    expect(c.to).toMatchObject({ policy_version_id: d.policy_version_id, status: "draft" });
    expect(c.from).toMatchObject({ status: "published", version: "2" });
    expect(c.models.as_of).toBe("2026-07-01");
    expect(c.models.changes.map((m) => m.model)).toContain(MODELS.conditional);
    for (const q of ["?as_of=2026-13-01", "?asof=2026-01-01"]) {
      const r = await call(review, `${url}${q}`, { as: "viewer" }, params(d.policy_version_id));
      expect(r.status, q).toBe(400);
    }
  });

  it("publish (an admin may): 200, the policy now answers the new version; 409 for the stale draft", async () => {
    const t = routeDb();
    const old = PolicyResponse.parse(
      (await call(getPolicy, BASE, {}, { id: POLICY })).body,
    ).policy_version_id;
    const stale = await newDraft(variant("2.1"));
    const d = await newDraft(variant("2.2", "0.4"));
    const a = await call(
      publish,
      `${BASE}/drafts/${d.policy_version_id}/publish`,
      { ...post, as: "admin" },
      params(d.policy_version_id),
    );
    expect(a.status, JSON.stringify(a.body)).toBe(200);
    const body = PublishResponse.parse(a.body);
    expect(body).toMatchObject({
      policy: { policy_id: POLICY, policy_version_id: d.policy_version_id, version: "2.2", sha256: d.sha256 },
      replaced: old,
    });
    expect(lastEntry(t)).toMatchObject({ actor: "token:test-admin", action: "policy.publish" });
    const now = PolicyResponse.parse((await call(getPolicy, BASE, {}, { id: POLICY })).body);
    expect(now.policy_version_id).toBe(d.policy_version_id);
    expect(now.policy.version).toBe("2.2");

    const staleView = await call(
      getDraft,
      `${BASE}/drafts/${stale.policy_version_id}`,
      {},
      params(stale.policy_version_id),
    );
    expect(PolicyDraftResponse.parse(staleView.body).draft.superseded_by).toMatchObject({
      policy_version_id: d.policy_version_id,
      version: "2.2",
    });
    const audit = countRows(t, "audit_log");
    const c = await call(
      publish,
      `${BASE}/drafts/${stale.policy_version_id}/publish`,
      { ...post, as: AUTHOR },
      params(stale.policy_version_id),
    );
    expect(c.status).toBe(409);
    expect(ErrorResponse.parse(c.body).error.message).toMatch(/version 2\.2 .* was published on/);
    expect(countRows(t, "audit_log")).toBe(audit);
    expect(verifyAuditLog(t.db).ok).toBe(true);
  });

  it("publish a reused version label → 400 naming it; a reviewer → 403", async () => {
    const t = routeDb();
    const d = await newDraft(variant("2", "0.4"));
    const url = `${BASE}/drafts/${d.policy_version_id}/publish`;
    const forbidden = await call(publish, url, { ...post, as: "reviewer" }, params(d.policy_version_id));
    expect(forbidden.status).toBe(403);
    const a = await call(publish, url, { ...post, as: AUTHOR }, params(d.policy_version_id));
    expect(a.status).toBe(400);
    const err = ErrorResponse.parse(a.body).error;
    expect(err.message).toMatch(
      /^version 2 was already published on \d{4}-\d{2}-\d{2}; give the draft a new version$/,
    );
    expect(err.issues?.[0]?.path).toBe("version");
    expect(countRows(t, "policy_versions WHERE status = 'draft'")).toBe(1);
  });

  it("discard: 200 with the draft retired and never published; again → 409; an admin → 403", async () => {
    const t = routeDb();
    const d = await newDraft(variant("2.1"));
    const url = `${BASE}/drafts/${d.policy_version_id}/discard`;
    expect((await call(discard, url, { ...post, as: "admin" }, params(d.policy_version_id))).status).toBe(
      403,
    );
    const a = await call(discard, url, { ...post, as: AUTHOR }, params(d.policy_version_id));
    expect(a.status).toBe(200);
    expect(PolicyDraftResponse.parse(a.body).draft).toMatchObject({ status: "retired", published_at: null });
    expect(lastEntry(t)).toMatchObject({ action: "policy.retire", payload: { discarded: true } });
    expect((await call(discard, url, { ...post, as: AUTHOR }, params(d.policy_version_id))).status).toBe(409);
  });

  it("retire: 200 naming the retired version; the policy is gone from the published list; again → 404", async () => {
    const t = routeDb();
    const old = PolicyResponse.parse(
      (await call(getPolicy, BASE, {}, { id: POLICY })).body,
    ).policy_version_id;
    const a = await call(retire, `${BASE}/retire`, { ...post, as: AUTHOR }, { id: POLICY });
    expect(a.status).toBe(200);
    expect(RetireResponse.parse(a.body)).toEqual({ policy_version_id: old });
    expect(lastEntry(t)).toMatchObject({ action: "policy.retire", payload: { discarded: false } });
    expect((await call(getPolicy, BASE, {}, { id: POLICY })).status).toBe(404);
    expect((await call(retire, `${BASE}/retire`, { ...post, as: AUTHOR }, { id: POLICY })).status).toBe(404);
  });
});
