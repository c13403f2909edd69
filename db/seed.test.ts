import { readFileSync } from "node:fs";
import path from "node:path";
import { parse as parseCsv } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { count, fingerprint, openTempDb } from "@/test/fixtures/db/helpers";
import type { TempDb } from "@/test/fixtures/db/helpers";
import { verifyAuditLog } from "./audit";
import { getModel, listAliases, listDeterminations, listScores } from "./queries";
import { SEED_ACTOR, SEED_FILES, seedDemo } from "./seed";
import type { SeedReport } from "./seed";

let t: TempDb;
let report: SeedReport;

beforeAll(() => {
  t = openTempDb();
  report = seedDemo(t.db);
});
afterAll(() => t.dispose());

describe("seedDemo on a fresh database", () => {
  it.each([
    { file: "epoch/gpqa_diamond.csv", inserted: 157, rejected: 0 },
    { file: "epoch/cybench_external.csv", inserted: 58, rejected: 0 },
    { file: "epoch/swe_bench_verified.csv", inserted: 25, rejected: 0 },
    // two rows of the Terminal-Bench export name no model (empty "Model version")
    { file: "epoch/terminalbench_external.csv", inserted: 149, rejected: 2 },
    { file: "epoch/posttrainbench_external.csv", inserted: 22, rejected: 0 },
    { file: "metr/benchmark_results_1_1.yaml", inserted: 51, rejected: 0 },
    { file: "obsscaling/base_llm_benchmark_eval.csv", inserted: 1144, rejected: 0 },
    { file: "obsscaling/base_llm_emergent_capability_eval.csv", inserted: 613, rejected: 0 },
    { file: "safetywashing/benchmarks_chat_models.csv", inserted: 4622, rejected: 0 },
    { file: "safetywashing/benchmarks_base_models.csv", inserted: 4751, rejected: 0 },
  ])("imports $file: $inserted scores", ({ file, inserted, rejected }) => {
    const b = report.batches.find((x) => x.file === `db/seed/${file}`);
    expect(b).toMatchObject({ status: "imported", inserted });
    expect(b?.rejected).toHaveLength(rejected);
    const row = t.db.$client
      .prepare("SELECT inserted, rejected_count, created_by, status FROM import_batches WHERE file_name = ?")
      .get(`db/seed/${file}`);
    expect(row).toEqual({ inserted, rejected_count: rejected, created_by: SEED_ACTOR, status: "active" });
  });

  it("imports the ten files in order, as ten audited batches", () => {
    expect(report.seeded).toBe(true);
    expect(report.batches.map((b) => b.file)).toEqual(SEED_FILES.map((f) => `db/seed/${f}`));
    expect(count(t.db, "SELECT count(*) AS n FROM scores")).toBe(11592);
    expect(report.batches.find((b) => b.file.endsWith("terminalbench_external.csv"))?.rejected).toEqual([
      { row: 27, field: "Model version", message: "Model version is empty; the row names no model" },
      { row: 105, field: "Model version", message: "Model version is empty; the row names no model" },
    ]);
  });

  it("records 60 determinations from 59 published rows, primary and secondary kept", () => {
    const rows = parseCsv(readFileSync(path.join("db", "seed", "determinations", "determinations.csv")), {
      columns: true,
      skip_empty_lines: true,
    }) as { source_kind: string; threshold_or_category: string }[];
    expect(rows).toHaveLength(59);
    expect(rows.filter((r) => r.source_kind === "secondary")).toHaveLength(21);
    // the one row naming two thresholds is a secondary one: it becomes two determinations
    const two = rows.findIndex((r) => r.threshold_or_category === "ASL-4 thresholds (CBRN-4, AI R&D-4)");
    expect(rows.filter((r) => r.threshold_or_category.includes(","))).toEqual([rows[two]]);
    expect(rows[two]?.source_kind).toBe("secondary");
    const fromTwo = listDeterminations(t.db).filter((d) =>
      d.evidence.includes(`db/seed/determinations/determinations.csv:${two + 1}`),
    );
    expect(fromTwo.map((d) => [d.modelId, d.policyId, d.thresholdId, d.sourceKind])).toEqual([
      ["claude-sonnet-4-5-20250929", "anthropic-rsp-v2-2", "cbrn-4", "secondary"],
      ["claude-sonnet-4-5-20250929", "anthropic-rsp-v2-2", "ai-rd-4", "secondary"],
    ]);

    expect(report.determinations).toBe(60);
    const kinds = t.db.$client
      .prepare("SELECT source_kind AS kind, count(*) AS n FROM determinations GROUP BY 1 ORDER BY 1")
      .all();
    expect(kinds).toEqual([
      { kind: "primary", n: 38 },
      { kind: "secondary", n: 22 },
    ]);
    expect(count(t.db, "SELECT count(*) AS n FROM audit_log WHERE action = 'determination.create'")).toBe(60);
  });

  it("keeps a published determination as the lab stated it", () => {
    const opus4 = listDeterminations(t.db, { modelId: "claude-opus-4-20250514" }).map((d) => [
      d.policyId,
      d.thresholdId,
      d.outcome,
      d.sourceKind,
    ]);
    expect(opus4).toEqual([
      ["anthropic-rsp-v2-2", "cbrn-3", "cannot_rule_out", "primary"],
      ["anthropic-rsp-v2-2", "cbrn-4", "not_reached", "primary"],
      ["anthropic-rsp-v2-2", "ai-rd-4", "not_reached", "primary"],
    ]);
  });

  it("merges one model seen by METR and Epoch through model-aliases.csv", () => {
    expect(getModel(t.db, "claude-3-7-sonnet")).toBeUndefined();
    expect(getModel(t.db, "claude-3-7-sonnet-inspect")).toBeUndefined();
    const scores = listScores(t.db, "claude-3-7-sonnet-20250219");
    const files = [...new Set(scores.map((s) => s.batchFile))].sort();
    expect(files).toEqual([
      "db/seed/epoch/cybench_external.csv",
      "db/seed/epoch/gpqa_diamond.csv",
      "db/seed/epoch/swe_bench_verified.csv",
      "db/seed/metr/benchmark_results_1_1.yaml",
    ]);
    // METR's key claude_3_7_sonnet_inspect: the model claude_3_7_sonnet, run with the inspect scaffold
    const metr = scores.filter((s) => s.batchFile.includes("metr"));
    expect(metr.length).toBeGreaterThan(0);
    expect(new Set(metr.map((s) => s.elicitation))).toEqual(new Set(["scaffold=inspect"]));
    expect(listAliases(t.db, "claude-3-7-sonnet-20250219").map((a) => [a.alias, a.raw])).toEqual([
      ["claude-3-7-sonnet", "claude_3_7_sonnet"],
    ]);
  });

  it("writes a verifiable audit chain: 6 shipped policies published, 10 imports, 60 determinations", () => {
    expect(verifyAuditLog(t.db)).toMatchObject({ ok: true, count: 76 });
    const actions = t.db.$client.prepare("SELECT action FROM audit_log ORDER BY seq").pluck().all();
    expect(actions).toEqual([
      ...Array(6).fill("policy.publish"),
      ...Array(10).fill("import"),
      ...Array(60).fill("determination.create"),
    ]);
  });

  it("a second seedDemo is a no-op, byte for byte", () => {
    const pre = fingerprint(t.db, t.file);
    const again = seedDemo(t.db);
    expect(again).toEqual({
      seeded: false,
      policies_published: [],
      policies_skipped: [],
      batches: [],
      determinations: 0,
    });
    expect(fingerprint(t.db, t.file)).toEqual(pre);
  });
});
