import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PolicyComparison } from "@/lib/api/policy-compare";
import { DomainError } from "@/lib/errors";
import { openTempDb } from "@/test/fixtures/db/helpers";
import type { TempDb } from "@/test/fixtures/db/helpers";
import { getPublishedPolicy } from "./policies";
import {
  comparePolicyRefs,
  compareVersions,
  evaluateBoth,
  listStoredVersions,
  resolveVersionRef,
} from "./policy-compare";
import { seedDemo } from "./seed";

let t: TempDb;
let retiredId: number;
let draftId: number;

const V22 = readFileSync("policies/anthropic-rsp-v2-2.yaml", "utf8");
// An earlier text of v2.2 that was replaced: the autonomy checkpoint at 180 minutes instead of 120.
const OLD_V22 = V22.replace(/(metric: metr\.p50_horizon_minutes\.v1-1\n\s+gte: )120/, "$1180");

function insertVersion(yaml: string, status: "retired" | "draft", publishedAt: string | null): number {
  return Number(
    t.db.$client
      .prepare(
        "INSERT INTO policy_versions (policy_id, version, yaml, sha256, author, status, published_at) VALUES (?, ?, ?, ?, 'test', ?, ?)",
      )
      .run(
        "anthropic-rsp-v2-2",
        "2.2",
        yaml,
        createHash("sha256").update(yaml).digest("hex"),
        status,
        publishedAt,
      ).lastInsertRowid,
  );
}

function failure(fn: () => unknown): { code: string; message: string; issues: unknown } {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return { code: e.code, message: e.message, issues: e.issues };
    throw e;
  }
  throw new Error("did not throw");
}

const audits = () => (t.db.$client.prepare("SELECT count(*) AS n FROM audit_log").get() as { n: number }).n;

beforeAll(() => {
  expect(OLD_V22).not.toBe(V22);
  t = openTempDb();
  seedDemo(t.db);
  retiredId = insertVersion(OLD_V22, "retired", "2025-06-01T00:00:00.000Z");
  draftId = insertVersion(V22.replace('version: "2.2"', 'version: "2.3"'), "draft", null);
}, 120_000);
afterAll(() => t.dispose());

describe("resolveVersionRef", () => {
  it("a policy id names its published version, a number names a stored row", () => {
    const published = resolveVersionRef(t.db, "anthropic-rsp-v2-2", "from");
    expect([published.row.status, published.policy.id]).toEqual(["published", "anthropic-rsp-v2-2"]);
    const retired = resolveVersionRef(t.db, String(retiredId), "from");
    expect([retired.row.id, retired.row.status]).toEqual([retiredId, "retired"]);
    expect(resolveVersionRef(t.db, String(draftId), "to").row.status).toBe("draft");
  });

  it.each([
    ["an unknown policy id", "no-such-policy", "to", "NOT_FOUND", 'to: no published policy "no-such-policy"'],
    ["an unknown version id", "99999", "from", "NOT_FOUND", "from: no stored policy version 99999"],
    ["version id 0", "0", "from", "NOT_FOUND", "from: no stored policy version 0"],
    ["a malformed ref", "RSP v2.2", "from", "VALIDATION", 'invalid from "RSP v2.2"'],
    ["an empty ref", "", "to", "VALIDATION", 'invalid to ""'],
  ] as const)("%s → %s naming it", (_label, ref, param, code, message) => {
    const e = failure(() => resolveVersionRef(t.db, ref, param));
    expect([e.code, e.message]).toEqual([code, message]);
    expect(e.issues).toEqual([{ path: param, message: expect.any(String) }]);
  });
});

describe("comparePolicyRefs: RSP v2.2 → v3.4 on the demo data", () => {
  let c: PolicyComparison;
  beforeAll(() => {
    c = comparePolicyRefs(t.db, { from: "anthropic-rsp-v2-2", to: "anthropic-rsp-v3-4" });
  }, 60_000);

  it("answers the shared contract", () => {
    expect(PolicyComparison.safeParse(c).success).toBe(true);
    expect(c.from).toMatchObject({
      policy_id: "anthropic-rsp-v2-2",
      version: "2.2",
      status: "published",
      title: "Anthropic Responsible Scaling Policy",
    });
    expect(c.to).toMatchObject({ policy_id: "anthropic-rsp-v3-4", version: "3.4", status: "published" });
    expect(c.from.sha256).toBe(createHash("sha256").update(V22).digest("hex"));
  });

  it("the thresholds: continued, removed, reworded under a new id", () => {
    expect(c.diff.thresholds.continued.map((x) => [x.id, x.into, x.relation])).toEqual([
      ["ai-rd-5", ["t4-automated-rd"], "merge"],
    ]);
    expect(c.diff.thresholds.removed.map((x) => x.id).sort()).toEqual([
      "autonomy-checkpoint",
      "cyber-operations",
    ]);
    const cbrn3 = c.diff.thresholds.changed.find((x) => x.from_id === "cbrn-3");
    expect(cbrn3?.id).toBe("t1-non-novel-chem-bio");
    expect(cbrn3?.reworded).toBe(true);
    expect(cbrn3?.definition_from).toMatch(/^"The ability to significantly help individuals/);
    expect(cbrn3?.definition).toMatch(/^"AI systems with the ability to significantly help/);
  });

  it("the gates: v2.2's actions are replaced by v3.4's procedural ones", () => {
    expect(c.diff.gates.removed).toEqual(["deploy", "keep-deployed", "store-weights", "continue-training"]);
    expect(c.diff.gates.added).toEqual([
      "deploy-public",
      "deploy-internal",
      "continue-development",
      "risk-report",
    ]);
  });

  it("every model was evaluated under both, and Claude Opus 4 moves from ASL-3 required to beyond ASL-3", () => {
    const n = (t.db.$client.prepare("SELECT count(*) AS n FROM models").get() as { n: number }).n;
    expect(c.models.evaluated).toBe(n);
    expect(c.models.as_of).toBe(new Date().toISOString().slice(0, 10));
    const opus = c.models.changes.find((m) => m.model === "claude-opus-4-20250514");
    expect(opus?.level).toEqual({ pre: ["asl-3", "beyond-asl-3"], post: ["asl-3", "beyond-asl-3"] });
    expect(opus?.gates).toContainEqual({ action: "deploy", from: "block", to: null });
  });

  it("the snapshot shortcut gives exactly what evaluating both versions gives", () => {
    const a = getPublishedPolicy(t.db, "anthropic-rsp-v2-2").policy;
    const b = getPublishedPolicy(t.db, "anthropic-rsp-v3-4").policy;
    expect(c.models.changes).toEqual(evaluateBoth(t.db, a, b, c.models.as_of).changes);
  });

  it("reads only: nothing is written", () => {
    const before = audits();
    comparePolicyRefs(t.db, { from: "anthropic-rsp-v2-2", to: "anthropic-rsp-v3-4", as_of: "2026-01-01" });
    expect(audits()).toBe(before);
  });
});

describe("comparePolicyRefs: other pairs", () => {
  it("from left out is what `to` supersedes", () => {
    const c = comparePolicyRefs(t.db, { to: "openai-preparedness-v2", as_of: "2026-01-01" });
    expect([c.from.policy_id, c.to.policy_id]).toEqual([
      "openai-preparedness-beta",
      "openai-preparedness-v2",
    ]);
  });

  it("from left out and `to` supersedes nothing: VALIDATION naming from", () => {
    const e = failure(() => comparePolicyRefs(t.db, { to: "anthropic-rsp-v2-2" }));
    expect(e).toMatchObject({
      code: "VALIDATION",
      message: "from: anthropic-rsp-v2-2 supersedes no policy: name a version to compare with",
    });
  });

  it("a retired version against the published one: the number that changed", () => {
    const c = comparePolicyRefs(t.db, {
      from: String(retiredId),
      to: "anthropic-rsp-v2-2",
      as_of: "2026-01-01",
    });
    expect(c.from).toMatchObject({ policy_version_id: retiredId, status: "retired" });
    expect(c.diff.thresholds.changed.map((x) => [x.id, x.numbers])).toEqual([
      [
        "autonomy-checkpoint",
        [
          {
            metric: "metr.p50_horizon_minutes.v1-1",
            op: "gte",
            from: 180,
            to: 120,
            calibration: { from: "illustrative", to: "illustrative" },
          },
        ],
      ],
    ]);
    expect(c.models.as_of).toBe("2026-01-01");
  });

  it("a version against itself is empty and no model changes", () => {
    const c = comparePolicyRefs(t.db, {
      from: "deepmind-fsf-v3",
      to: "deepmind-fsf-v3",
      as_of: "2026-01-01",
    });
    expect(c.diff.empty).toBe(true);
    expect(c.models.changes).toEqual([]);
  });

  it("backwards (v3.4 → v2.2) pairs the same thresholds through v3.4's lineage", () => {
    const c = comparePolicyRefs(t.db, {
      from: "anthropic-rsp-v3-4",
      to: "anthropic-rsp-v2-2",
      as_of: "2026-01-01",
    });
    const pairs = c.diff.thresholds.changed.map((x) => [x.from_id, x.id]);
    expect(pairs).toEqual(
      expect.arrayContaining([
        ["t1-non-novel-chem-bio", "cbrn-3"],
        ["t2-novel-chem-bio", "cbrn-4"],
        ["t4-automated-rd", "ai-rd-4"],
      ]),
    );
    expect(c.diff.thresholds.added.map((x) => x.id)).not.toContain("cbrn-3");
  });

  it.each([
    ["not a date", "yesterday"],
    ["not a real day", "2025-02-30"],
  ])("as_of %s → VALIDATION on as_of", (_label, asOf) => {
    const from = getPublishedPolicy(t.db, "deepmind-fsf-v3");
    const e = failure(() => compareVersions(t.db, from, from, asOf));
    expect(e.code).toBe("VALIDATION");
    expect(e.issues).toEqual([{ path: "as_of", message: expect.any(String) }]);
  });
});

describe("listStoredVersions", () => {
  it("lists the published and the retired versions, not drafts", () => {
    const list = listStoredVersions(t.db);
    const rsp = list.filter((v) => v.policy_id === "anthropic-rsp-v2-2");
    expect(rsp.map((v) => [v.ref, v.status])).toEqual([
      ["anthropic-rsp-v2-2", "published"],
      [String(retiredId), "retired"],
    ]);
    expect(list.some((v) => v.policy_version_id === draftId)).toBe(false);
    expect(new Set(list.map((v) => v.policy_id)).size).toBe(6);
    expect(list.find((v) => v.policy_id === "anthropic-rsp-v3-4")).toMatchObject({
      supersedes: "anthropic-rsp-v2-2",
      effective: "2026-07-08",
      published: "2026-07-08",
    });
  });
});
