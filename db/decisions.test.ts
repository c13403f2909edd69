import { afterEach, describe, expect, it } from "vitest";
import { canonicalJson, sha256Hex } from "@/lib/audit";
import { DomainError } from "@/lib/errors";
import { openTempDb } from "@/test/fixtures/db/helpers";
import type { TempDb } from "@/test/fixtures/db/helpers";
import { iterateAudit, verifyAuditLog } from "./audit";
import {
  decisionStatus,
  exportAuditChunks,
  getDecision,
  listDecisions,
  listAuditPage,
  listDecisionsWithStatus,
  recordDecision,
  replayDecision,
} from "./decisions";
import type { RecordDecisionInput } from "./decisions";
import {
  ACTION,
  importCsv,
  MODELS,
  POLICY,
  RAISE_ALLOW_CSV,
  seedGateFixtures,
  sqlite3,
  UNRELATED_CSV,
} from "./decisions.test-fixtures";

let open: TempDb[] = [];
afterEach(() => {
  for (const t of open) t.dispose();
  open = [];
});

function fixtureDb(): TempDb {
  const t = openTempDb();
  open.push(t);
  seedGateFixtures(t.db);
  return t;
}

function count(t: TempDb, table: string): number {
  return (t.db.$client.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}

function base(over: Partial<RecordDecisionInput> = {}): RecordDecisionInput {
  return { modelId: MODELS.allow, policyId: POLICY, action: ACTION, actor: "test:reviewer", ...over };
}

describe("recordDecision stores the evaluation, its hashes and the audit entry together", () => {
  const rows = [
    { label: "allow, bare evaluation", model: MODELS.allow, signoff: undefined, outcome: "allow" },
    {
      label: "conditional, approved with conditions",
      model: MODELS.conditional,
      outcome: "conditional",
      signoff: {
        outcome: "approve_with_conditions",
        rationale: "SAG report sufficient",
        conditions: "publish the card",
      },
    },
    {
      label: "block, blocked",
      model: MODELS.block,
      outcome: "block",
      signoff: { outcome: "block", rationale: "no security controls" },
    },
  ] as const;
  for (const row of rows) {
    it(row.label, () => {
      const t = fixtureDb();
      const auditBefore = count(t, "audit_log");
      const r = recordDecision(
        t.db,
        base({ modelId: row.model, asOf: "2026-07-01", ...(row.signoff ? { signoff: row.signoff } : {}) }),
      );
      const d = r.decision;
      expect(d.outcome).toBe(row.outcome);
      expect(r.gate.outcome).toBe(row.outcome);
      expect(d.kind).toBe(row.signoff ? "signoff" : "evaluation");
      expect(d.signoff?.outcome ?? null).toBe(row.signoff?.outcome ?? null);
      expect(d.as_of).toBe("2026-07-01");

      // Stored bytes are canonical and hash to what the row says.
      const stored = t.db.$client.prepare("SELECT input, result FROM decisions WHERE id = ?").get(d.id) as {
        input: string;
        result: string;
      };
      expect(canonicalJson(JSON.parse(stored.input))).toBe(stored.input);
      expect(sha256Hex(stored.input)).toBe(d.input_hash);
      expect(sha256Hex(stored.result)).toBe(d.result_hash);
      expect(JSON.parse(stored.result).as_of).toBe("2026-07-01");

      // One audit entry, in the same commit, naming the decision and its hashes.
      expect(count(t, "audit_log")).toBe(auditBefore + 1);
      const entry = [...iterateAudit(t.db)].at(-1)!;
      expect(entry.seq).toBe(r.audit.seq);
      expect(entry.action).toBe(row.signoff ? "signoff" : "evaluation.record");
      expect(entry.subject).toBe(`decision:${d.id}`);
      expect(entry.actor).toBe("test:reviewer");
      expect(JSON.parse(entry.payload_text)).toEqual({
        decision_id: d.id,
        model: row.model,
        policy: POLICY,
        policy_version_id: d.policy_version.id,
        action: ACTION,
        outcome: row.outcome,
        signoff: row.signoff
          ? {
              outcome: row.signoff.outcome,
              rationale: row.signoff.rationale,
              conditions: "conditions" in row.signoff ? row.signoff.conditions : null,
            }
          : null,
        input_hash: d.input_hash,
        result_hash: d.result_hash,
      });
      expect(verifyAuditLog(t.db)).toMatchObject({
        ok: true,
        head: { seq: r.audit.seq, hash: r.audit.hash },
      });

      // And it replays.
      expect(replayDecision(t.db, d.id)).toMatchObject({
        ok: true,
        decision_id: d.id,
        input_hash_ok: true,
        result_hash_ok: true,
        recomputed_outcome: row.outcome,
        mismatches: [],
      });
      expect(getDecision(t.db, d.id)).toEqual(d);
    });
  }
});

describe("recordDecision refuses bad requests and writes nothing", () => {
  const rows: {
    label: string;
    req: Partial<RecordDecisionInput>;
    code: string;
    match: RegExp;
    issue?: RegExp;
  }[] = [
    {
      label: "unknown action names the policy's actions",
      req: { action: "deploy-everywhere" },
      code: "VALIDATION",
      match: /has no action "deploy-everywhere"/,
      issue: /deploy-external, deploy-internal-large-scale, continue-development/,
    },
    { label: "unknown model", req: { modelId: "no-such-model" }, code: "NOT_FOUND", match: /no model/ },
    {
      label: "unknown policy",
      req: { policyId: "no-such-policy" },
      code: "NOT_FOUND",
      match: /no published policy/,
    },
    {
      label: "empty rationale",
      req: { signoff: { outcome: "approve", rationale: "   " } },
      code: "VALIDATION",
      match: /invalid decision/,
      issue: /rationale is required/,
    },
    {
      label: "conditions missing",
      req: { signoff: { outcome: "approve_with_conditions", rationale: "ok" } },
      code: "VALIDATION",
      match: /invalid decision/,
      issue: /needs the conditions/,
    },
    {
      label: "unknown sign-off outcome",
      req: { signoff: { outcome: "maybe" as "approve", rationale: "ok" } },
      code: "VALIDATION",
      match: /invalid decision/,
      issue: /must be one of/,
    },
    {
      label: "date that does not exist",
      req: { asOf: "2026-02-30" },
      code: "VALIDATION",
      match: /invalid decision/,
    },
    { label: "no actor", req: { actor: " " }, code: "VALIDATION", match: /invalid decision/ },
  ];
  for (const row of rows) {
    it(row.label, () => {
      const t = fixtureDb();
      const before = { decisions: count(t, "decisions"), audit: count(t, "audit_log") };
      let err: unknown;
      try {
        recordDecision(t.db, base(row.req));
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(DomainError);
      const e = err as DomainError;
      expect(e.code).toBe(row.code);
      expect(e.message).toMatch(row.match);
      if (row.issue) expect(e.issues.map((i) => i.message).join("\n")).toMatch(row.issue);
      expect({ decisions: count(t, "decisions"), audit: count(t, "audit_log") }).toEqual(before);
    });
  }

  it("a failing audit write rolls the decision back", () => {
    const t = fixtureDb();
    const before = { decisions: count(t, "decisions"), audit: count(t, "audit_log") };
    t.db.$client.exec(
      "CREATE TRIGGER no_audit BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'audit disk full'); END",
    );
    expect(() => recordDecision(t.db, base())).toThrow(/audit disk full/);
    expect({ decisions: count(t, "decisions"), audit: count(t, "audit_log") }).toEqual(before);
  });
});

describe("replay names the part that was tampered with", () => {
  const rows: { label: string; sql: (id: number, seq: number) => string; mismatches: string[] }[] = [
    {
      label: "one byte of the stored result",
      sql: (id) =>
        `UPDATE decisions SET result = replace(result, '"outcome":"allow"', '"outcome":"allOw"') WHERE id = ${id}`,
      mismatches: ["result_hash"],
    },
    {
      label: "the stored input (a score value)",
      sql: (id) =>
        `UPDATE decisions SET input = replace(input, '"value":0.2}', '"value":0.7}') WHERE id = ${id}`,
      mismatches: ["input_hash", "result_hash", "outcome"],
    },
    {
      label: "the outcome column",
      sql: (id) => `UPDATE decisions SET outcome = 'block' WHERE id = ${id}`,
      mismatches: ["outcome", "audit_entry"],
    },
    {
      label: "result and result_hash rewritten consistently",
      sql: (id) => `UPDATE decisions SET result = '{}', result_hash = '${sha256Hex("{}")}' WHERE id = ${id}`,
      mismatches: ["result_hash", "audit_entry"],
    },
    {
      label: "the policy version's YAML",
      sql: (id) =>
        `UPDATE policy_versions SET yaml = yaml || ' ' WHERE id = (SELECT policy_version_id FROM decisions WHERE id = ${id})`,
      mismatches: ["policy_hash"],
    },
    {
      label: "the decision's audit entry deleted",
      sql: (_id, seq) => `DELETE FROM audit_log WHERE seq = ${seq}`,
      mismatches: ["audit_entry"],
    },
  ];
  for (const row of rows) {
    it(row.label, () => {
      const t = fixtureDb();
      const r = recordDecision(t.db, base({ asOf: "2026-07-01" }));
      expect(replayDecision(t.db, r.decision.id).ok).toBe(true);
      sqlite3(t.file, row.sql(r.decision.id, r.audit.seq));
      const replay = replayDecision(t.db, r.decision.id);
      expect(replay.ok).toBe(false);
      expect([...replay.mismatches].sort()).toEqual([...row.mismatches].sort());
      expect(replay.input_hash_ok).toBe(!row.mismatches.includes("input_hash"));
      expect(replay.result_hash_ok).toBe(!row.mismatches.includes("result_hash"));
      expect(replay.details.length).toBeGreaterThan(0);
    });
  }
});

describe("decisionStatus: current until the same question gets a different answer", () => {
  it("current right after recording; the calendar moving on alone does not make it stale", () => {
    const t = fixtureDb();
    const d = recordDecision(t.db, base({ asOf: "2026-07-01" })).decision;
    const s = decisionStatus(t.db, d.id, "2026-07-02");
    expect(s).toMatchObject({
      status: "current",
      reasons: [],
      changed: { result: false, policy_version: false },
    });
  });

  it("an import that changes the result makes it stale and says the outcome changed", () => {
    const t = fixtureDb();
    const d = recordDecision(t.db, base({ asOf: "2026-07-01" })).decision;
    expect(importCsv(t.db, "raise.csv", RAISE_ALLOW_CSV).status).toBe("imported");
    const s = decisionStatus(t.db, d.id, "2026-07-01");
    expect(s.status).toBe("stale");
    expect(s.changed).toEqual({ policy_version: false, input: true, result: true, outcome: true });
    expect(s.reasons.join("\n")).toMatch(/deploy-external is now block \(was allow\)/);
    expect(s.current?.outcome).toBe("block");
    // The stored decision itself is untouched and still replays.
    expect(replayDecision(t.db, d.id).ok).toBe(true);
  });

  it("an import the policy does not read changes the input, not the result: still current", () => {
    const t = fixtureDb();
    const d = recordDecision(t.db, base({ asOf: "2026-07-01" })).decision;
    expect(importCsv(t.db, "unrelated.csv", UNRELATED_CSV).status).toBe("imported");
    const s = decisionStatus(t.db, d.id, "2026-07-01");
    expect(s.status).toBe("current");
    expect(s.changed).toEqual({ policy_version: false, input: true, result: false, outcome: false });
    expect(s.reasons).toEqual(["the evidence changed, but not the evaluation result"]);
  });

  it("a newly published policy version makes it stale and names both versions", () => {
    const t = fixtureDb();
    const d = recordDecision(t.db, base({ asOf: "2026-07-01" })).decision;
    const old = t.db.$client
      .prepare("SELECT * FROM policy_versions WHERE id = ?")
      .get(d.policy_version.id) as { yaml: string };
    const yaml = old.yaml.replace(/^version: "2"$/m, 'version: "2.1"');
    expect(yaml).not.toBe(old.yaml);
    t.db.$client.transaction(() => {
      t.db.$client
        .prepare("UPDATE policy_versions SET status = 'retired' WHERE id = ?")
        .run(d.policy_version.id);
      t.db.$client
        .prepare(
          "INSERT INTO policy_versions (policy_id, version, yaml, sha256, author, status) VALUES (?, '2.1', ?, ?, 'test', 'published')",
        )
        .run(POLICY, yaml, sha256Hex(yaml));
    })();
    const s = decisionStatus(t.db, d.id, "2026-07-01");
    expect(s.status).toBe("stale");
    expect(s.changed.policy_version).toBe(true);
    expect(s.changed.outcome).toBe(false);
    expect(s.reasons.join("\n")).toMatch(/v2 \(version \d+\) was replaced by v2\.1/);
    // Replay still uses the version the decision was made under.
    expect(replayDecision(t.db, d.id).ok).toBe(true);
  });
});

describe("listDecisions", () => {
  it("newest first, filtered by model and policy, with status on request", () => {
    const t = fixtureDb();
    const ids = [MODELS.allow, MODELS.block, MODELS.allow].map(
      (m) => recordDecision(t.db, base({ modelId: m })).decision.id,
    );
    const rows = [
      { label: "all", filter: {}, expect: [...ids].reverse() },
      { label: "by model", filter: { modelId: MODELS.allow }, expect: [ids[2], ids[0]] },
      { label: "by policy", filter: { policyId: POLICY }, expect: [...ids].reverse() },
      { label: "other policy", filter: { policyId: "anthropic-rsp-v2-2" }, expect: [] },
      { label: "limit", filter: { limit: 1 }, expect: [ids[2]] },
    ];
    for (const row of rows)
      expect(
        listDecisions(t.db, row.filter).map((d) => d.id),
        row.label,
      ).toEqual(row.expect);
    expect(listDecisionsWithStatus(t.db).map((d) => d.status.status)).toEqual([
      "current",
      "current",
      "current",
    ]);
  });
});

describe("listAuditPage and exportAuditChunks", () => {
  it("newest first, counted, paged and filtered like the export", () => {
    const t = fixtureDb();
    for (const m of Object.values(MODELS)) recordDecision(t.db, base({ modelId: m }));
    const total = count(t, "audit_log");
    // the shipped policies' policy.publish entries come first, then the fixture import
    const shipped = count(t, "audit_log WHERE action = 'policy.publish'");
    expect(shipped).toBeGreaterThan(0);
    const rows = [
      {
        label: "first page",
        filter: {},
        page: { limit: 4 },
        seqs: [total, total - 1, total - 2, total - 3],
        total,
      },
      {
        label: "second page",
        filter: {},
        page: { offset: 4, limit: 4 },
        seqs: [total - 4, total - 5, total - 6, total - 7],
        total,
      },
      { label: "past the end", filter: {}, page: { offset: total, limit: 4 }, seqs: [], total },
      {
        label: "by action",
        filter: { action: "import" as const },
        page: {},
        seqs: [shipped + 1],
        total: 1,
      },
      {
        label: "by actor",
        filter: { actor: "test:reviewer" },
        page: {},
        seqs: [total, total - 1, total - 2],
        total: 3,
      },
      { label: "by subject", filter: { subject: "batch:1" }, page: {}, seqs: [shipped + 1], total: 1 },
      { label: "before everything", filter: { to: "2000-01-01" }, page: {}, seqs: [], total: 0 },
    ];
    for (const row of rows) {
      const p = listAuditPage(t.db, row.filter, row.page);
      expect(
        p.entries.map((e) => e.seq),
        row.label,
      ).toEqual(row.seqs);
      expect(p.total, row.label).toBe(row.total);
      const exported = [...exportAuditChunks(t.db, row.filter, "jsonl")].join("");
      expect(exported.split("\n").filter(Boolean).length, `${row.label} (export)`).toBe(row.total);
    }
  });
});
