import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { evaluate } from "@/lib/engine";
import type { ModelInput, ThresholdResult } from "@/lib/engine";
import { loadPolicyText, levelId, levelTitle } from "@/lib/policy";
import type { Policy, Threshold } from "@/lib/policy";
import type {
  AnomalyInput,
  DeterminationMeta,
  MetricTraceRow,
  RefTraceRow,
  TraceContext,
} from "./model-trace";
import {
  anomalyText,
  parseScoreSource,
  stateMarkers,
  toAnomalySummary,
  toDomainView,
  toThresholdView,
  toTraceRows,
  traceAnomaly,
} from "./model-trace";
import { scoreLookup, scoreUsage, toScoreRows } from "./model-scores";
import type { ScoreRecord } from "./model-scores";

function shipped(id: string): Policy {
  const file = path.join(import.meta.dirname, "..", "..", "policies", `${id}.yaml`);
  const r = loadPolicyText(readFileSync(file, "utf8"), file, { expectedId: id });
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join("; "));
  return r.policy;
}

const rsp = shipped("anthropic-rsp-v2-2");
const AS_OF = "2025-09-01";

const METR_SOURCE = "db/seed/metr/benchmark_results_1_1.yaml:107 (batch 6)";

/** Claude Opus 4 as the demo seed stores it (db/seed), plus one WMDP score with a stderr. */
const opus: ModelInput = {
  model: { id: "claude-opus-4-20250514", name: "Claude Opus 4" },
  scores: [
    {
      id: 425,
      metric: "metr.p50_horizon_minutes.v1-1",
      value: 101.182643,
      elicitation: "scaffold=inspect",
      source: METR_SOURCE,
    },
    {
      id: 165,
      metric: "cybench.unguided",
      value: 0.38,
      source: "db/seed/epoch/cybench_external.csv:8 (batch 2)",
    },
    {
      id: 900,
      metric: "safetywashing.wmdp_chem",
      value: 0.215,
      stderr: 0.01,
      source: "upload.csv (batch 9)",
    },
  ],
  determinations: [
    {
      id: 40,
      threshold: "cbrn-3",
      outcome: "cannot_rule_out",
      by: "Anthropic (published)",
      rationale: 'Anthropic assigned "ASL-3" for CBRN.',
      at: "2025-05-22",
      source: "https://www.anthropic.com/news/activating-asl3-protections",
    },
    {
      id: 41,
      threshold: "cbrn-4",
      outcome: "not_reached",
      by: "Anthropic (published)",
      rationale: "ASL-4 ruled out.",
      at: "2025-05-22",
    },
  ],
};

const evaluation = evaluate(rsp, opus, { asOf: AS_OF });

const records: ScoreRecord[] = [
  {
    id: 425,
    metricId: "metr.p50_horizon_minutes.v1-1",
    value: 101.182643,
    stderr: null,
    n: null,
    mitigation: "pre",
    elicitation: "scaffold=inspect",
    evaluatedAt: null,
    sourceFile: "db/seed/metr/benchmark_results_1_1.yaml",
    sourceRow: 107,
    sourceUrl: null,
    sourceNote: null,
    batchId: 6,
    batchFile: "db/seed/metr/benchmark_results_1_1.yaml",
  },
  {
    id: 165,
    metricId: "cybench.unguided",
    value: 0.38,
    stderr: null,
    n: null,
    mitigation: "pre",
    elicitation: null,
    evaluatedAt: null,
    sourceFile: null,
    sourceRow: null,
    sourceUrl: null,
    sourceNote: null,
    batchId: 2,
    batchFile: "cybench_external.csv",
  },
  {
    id: 57,
    metricId: "gpqa.diamond",
    value: 0.7626262626262627,
    stderr: 0.03031371053819892,
    n: 198,
    mitigation: "pre",
    elicitation: "16K",
    evaluatedAt: "2025-05-22T10:00:00Z",
    sourceFile: "db/seed/epoch/gpqa_diamond.csv",
    sourceRow: 57,
    sourceUrl: null,
    sourceNote: null,
    batchId: 1,
    batchFile: "db/seed/epoch/gpqa_diamond.csv",
  },
];

const meta = new Map<string, DeterminationMeta>([
  [
    "40",
    {
      id: 40,
      quote: "clearly ruling out ASL-3 risks is not possible for Claude Opus 4",
      sourceTitle: "Activating AI Safety Level 3 Protections",
      sourceUrl: "https://www.anthropic.com/news/activating-asl3-protections",
      sourceKind: "primary",
      createdBy: "scalegate-seed",
      evidence: ["db/seed/determinations/determinations.csv:40"],
    },
  ],
  [
    "41",
    {
      id: 41,
      quote: null,
      sourceTitle: "a digest",
      sourceUrl: null,
      sourceKind: "secondary",
      createdBy: "scalegate-seed",
      evidence: [],
    },
  ],
]);

const ctx: TraceContext = {
  scores: scoreLookup(records),
  determinations: meta,
  levelTitles: new Map(rsp.levels.map((l) => [levelId(l), levelTitle(l)])),
  definitions: new Map<string, Threshold>(rsp.domains.flatMap((d) => d.thresholds.map((t) => [t.id, t]))),
};

function threshold(id: string): ThresholdResult {
  const t = evaluation.domains.flatMap((d) => d.thresholds).find((x) => x.id === id);
  if (!t) throw new Error(`no threshold ${id}`);
  return t;
}

function metricRows(id: string): MetricTraceRow[] {
  return toTraceRows(threshold(id), ctx.scores).filter((r): r is MetricTraceRow => r.kind === "metric");
}

describe("trace rows of a real evaluation (Anthropic RSP v2.2, Claude Opus 4)", () => {
  const checkpoint = metricRows("autonomy-checkpoint");
  const cbrn3 = metricRows("cbrn-3");
  const aiRd4 = toTraceRows(threshold("ai-rd-4"), ctx.scores);

  it.each([
    ["checkpoint: METR value", checkpoint[0]?.measured, "101.18"],
    ["checkpoint: condition", checkpoint[0]?.condition, "≥ 120"],
    ["checkpoint: margin is signed", checkpoint[0]?.margin, "−18.82"],
    ["checkpoint: margin in words", checkpoint[0]?.marginWords, "short of the threshold"],
    ["checkpoint: calibration", checkpoint[0]?.calibration, "illustrative"],
    ["checkpoint: status is an early warning (within 60 min)", checkpoint[0]?.statusLabel, "early warning"],
    ["checkpoint: no stderr, no interval", checkpoint[0]?.interval, "—"],
    ["checkpoint: mitigation of the score used", checkpoint[0]?.mitigation, "pre"],
    ["checkpoint: score links to its row", checkpoint[0]?.scores[0]?.href, "#score-425"],
    [
      "checkpoint: source file and row",
      checkpoint[0]?.scores[0]?.source,
      "db/seed/metr/benchmark_results_1_1.yaml:107",
    ],
    ["checkpoint: import batch", checkpoint[0]?.scores[0]?.batch, 6],
    ["checkpoint: elicitation kept", checkpoint[0]?.scores[0]?.elicitation, "scaffold=inspect"],
    ["cbrn-3 bio: missing metric", cbrn3[0]?.statusLabel, "missing evidence"],
    ["cbrn-3 bio: missing value", cbrn3[0]?.measured, "—"],
    ["cbrn-3 bio: missing has no margin", cbrn3[0]?.marginWords, "no value to compare"],
    ["cbrn-3 bio: lte condition", cbrn3[0]?.condition, "≤ 0.2"],
    ["cbrn-3 chem: value ± stderr", cbrn3[1]?.measured, "0.215 ± 0.01"],
    ["cbrn-3 chem: 95% interval", cbrn3[1]?.interval, "0.195 to 0.235"],
    ["cbrn-3 chem: threshold inside the interval", cbrn3[1]?.statusLabel, "cannot rule out"],
    ["cbrn-3 chem: lte margin toward the risky side", cbrn3[1]?.margin, "−0.015"],
    // A score not in this model's table (another page's id) has no link, only its source text.
    ["cbrn-3 chem: unknown score has no link", cbrn3[1]?.scores[0]?.href, null],
    ["cbrn-3 chem: source parsed from the engine's text", cbrn3[1]?.scores[0]?.source, "upload.csv"],
    ["cbrn-3 chem: batch parsed from the engine's text", cbrn3[1]?.scores[0]?.batch, 9],
    ["ai-rd-4: first row is the checkpoint reference", aiRd4[0]?.kind, "threshold"],
    ["ai-rd-4: reference inside when is not a prerequisite", (aiRd4[0] as RefTraceRow).prerequisite, false],
    [
      "ai-rd-4: reference links to its threshold",
      (aiRd4[0] as RefTraceRow).href,
      "#threshold-autonomy-checkpoint",
    ],
    ["ai-rd-4: PostTrainBench missing", (aiRd4[2] as MetricTraceRow).statusLabel, "missing evidence"],
  ])("%s", (_label, got, want) => {
    expect(got).toBe(want);
  });

  it("cbrn-4's requires is a prerequisite row with the status of cbrn-3", () => {
    const rows = toTraceRows(threshold("cbrn-4"), ctx.scores);
    expect(rows).toEqual([
      {
        kind: "threshold",
        key: "requires:cbrn-3",
        leaf: "requires",
        prerequisite: true,
        threshold: "cbrn-3",
        href: "#threshold-cbrn-3",
        status: "determined_cannot_rule_out",
        statusLabel: "cannot rule out (determined)",
        tone: "unknown",
        counted: true,
        countedText: "counted (reached or cannot be ruled out)",
      },
    ]);
  });
});

describe("threshold views", () => {
  const cbrn3 = toThresholdView(threshold("cbrn-3"), ctx);
  const cbrn4 = toThresholdView(threshold("cbrn-4"), ctx);
  const checkpoint = toThresholdView(threshold("autonomy-checkpoint"), ctx);

  it.each([
    ["cbrn-3 anchor", cbrn3.anchor, "threshold-cbrn-3"],
    ["cbrn-3 status", cbrn3.pre.label, "cannot rule out (determined)"],
    ["cbrn-3 level title", cbrn3.levelTitle, "ASL-3 Standard required"],
    ["cbrn-3 who", cbrn3.pre.determination?.by, "Anthropic (published)"],
    ["cbrn-3 when", cbrn3.pre.determination?.at, "2025-05-22"],
    ["cbrn-3 quote joined from the stored row", cbrn3.pre.determination?.quote, meta.get("40")!.quote],
    ["cbrn-3 primary source", cbrn3.pre.determination?.sourceLabel, "primary source"],
    ["cbrn-3 recorded by", cbrn3.pre.determination?.recordedBy, "scalegate-seed"],
    // Evidence missing and settled by a determination: nothing to disagree with.
    ["cbrn-3 no disagreement", cbrn3.pre.disagreement, false],
    ["cbrn-3 definition quoted", cbrn3.definition?.startsWith('"The ability to significantly help'), true],
    ["cbrn-4 secondary source label", cbrn4.pre.determination?.sourceLabel, "secondary source"],
    ["cbrn-4 status", cbrn4.pre.label, "not reached (determined)"],
    ["cbrn-4 requires", cbrn4.requires.join(","), "cbrn-3"],
    ["checkpoint has no level", checkpoint.levelTitle, null],
    ["checkpoint: post falls back to pre, nothing differs", checkpoint.postDiffers, false],
    ["history lists the determination", cbrn3.history.length, 1],
  ])("%s", (_label, got, want) => {
    expect(got).toBe(want);
  });

  it.each([
    ["determined and missing evidence: no missing marker", threshold("cbrn-3"), ["determined"]],
    ["early warning", threshold("autonomy-checkpoint"), ["early_warning"]],
  ])("markers: %s", (_label, t, want) => {
    expect(stateMarkers(t, t.counted)).toEqual(want);
  });

  it("a determination that contradicts the indicators is flagged", () => {
    const ev = evaluate(
      rsp,
      {
        ...opus,
        scores: [{ id: 1, metric: "metr.p50_horizon_minutes.v1-1", value: 130, source: "x.csv:2 (batch 1)" }],
        determinations: [
          {
            id: 7,
            threshold: "autonomy-checkpoint",
            outcome: "not_reached",
            by: "reviewer",
            rationale: "tasks are not a wide range",
            at: "2025-06-01",
          },
        ],
      },
      { asOf: AS_OF },
    );
    const t = ev.domains.flatMap((d) => d.thresholds).find((x) => x.id === "autonomy-checkpoint")!;
    const v = toThresholdView(t, ctx);
    expect([v.pre.label, v.pre.indicatedLabel, v.pre.disagreement, v.pre.markers]).toEqual([
      "not reached (determined)",
      "reached",
      true,
      ["determined", "disagreement"],
    ]);
    // A determination with no stored row (recorded elsewhere) still shows who, when and why.
    expect(v.pre.determination).toMatchObject({ by: "reviewer", sourceLabel: null, quote: null });
  });

  it("a post-mitigation score makes the post reading differ", () => {
    const ev = evaluate(
      rsp,
      {
        ...opus,
        scores: [
          ...opus.scores,
          {
            id: 2,
            metric: "metr.p50_horizon_minutes.v1-1",
            value: 20,
            mitigation: "post",
            source: "p.csv:3 (batch 2)",
          },
        ],
      },
      { asOf: AS_OF },
    );
    const t = ev.domains.flatMap((d) => d.thresholds).find((x) => x.id === "autonomy-checkpoint")!;
    const v = toThresholdView(t, ctx);
    expect([v.postDiffers, v.pre.label, v.post.label]).toEqual([true, "early warning", "below"]);
  });
});

describe("domain views", () => {
  it.each(evaluation.domains.map((d) => [d.id, d] as const))("%s keeps the overview's anchor", (id, d) => {
    const v = toDomainView(d, ctx);
    expect(v.anchor).toBe(`domain-${id}`);
    expect(v.thresholds.map((t) => t.anchor)).toEqual(d.thresholds.map((t) => `threshold-${t.id}`));
  });

  it("flags an evidenced level that differs from the gate level", () => {
    // No scores and no determinations: CBRN-3 cannot be ruled out for missing evidence only.
    const ev = evaluate(rsp, { model: { id: "empty" }, scores: [] }, { asOf: AS_OF });
    const cbrn = toDomainView(
      ev.domains.find((d) => d.id === "cbrn")!,
      ctx,
    );
    expect([cbrn.level.pre, cbrn.evidenced.pre, cbrn.evidencedDiffers.pre, cbrn.missingEvidence]).toEqual([
      "asl-4",
      "asl-2",
      true,
      ["cbrn-3", "cbrn-4"],
    ]);
    // Every threshold reads "cannot rule out" when a model has no scores (the page's empty state).
    expect(new Set(cbrn.thresholds.map((t) => t.pre.label))).toEqual(new Set(["cannot rule out"]));
  });
});

describe("scores table", () => {
  const usage = scoreUsage(evaluation);
  const rows = toScoreRows(records, usage, new Map([["cybench.unguided", "Cybench unguided solve rate"]]));

  it.each([
    ["anchor", rows[0]?.anchor, "score-425"],
    ["file:row", rows[0]?.source, "db/seed/metr/benchmark_results_1_1.yaml:107"],
    ["batch", rows[0]?.batch, 6],
    ["used by the checkpoint and AI R&D-4", rows[0]?.usedBy.join(","), "autonomy-checkpoint,ai-rd-4"],
    ["no stderr", rows[0]?.stderr, "—"],
    ["no n", rows[0]?.n, "—"],
    ["file falls back to the batch's file", rows[1]?.source, "cybench_external.csv"],
    ["metric title", rows[1]?.metricTitle, "Cybench unguided solve rate"],
    ["cybench read by the cyber checkpoint", rows[1]?.usedBy.join(","), "cyber-operations"],
    ["GPQA is not read by this policy", rows[2]?.usedBy.length, 0],
    ["stderr formatted", rows[2]?.stderr, "0.0303"],
    ["n", rows[2]?.n, "198"],
    ["evaluated date only", rows[2]?.evaluatedAt, "2025-05-22"],
  ])("%s", (_label, got, want) => {
    expect(got).toBe(want);
  });

  it.each([
    ["seeded form", METR_SOURCE, { file: "db/seed/metr/benchmark_results_1_1.yaml:107", batch: 6 }],
    ["with a url", "a.csv:3 (batch 12) https://x", { file: "a.csv:3", batch: 12 }],
    ["no batch", "somewhere", { file: "somewhere", batch: null }],
    ["empty", null, { file: "—", batch: null }],
  ])("parseScoreSource: %s", (_label, s, want) => {
    expect(parseScoreSource(s)).toEqual(want);
  });
});

describe("anomaly flags in the trace", () => {
  const below: AnomalyInput = {
    metric: "cybench.unguided",
    status: "below",
    value: 0.38,
    flop: 3.8e26,
    others: 6,
    expected: 0.61,
    low: 0.45,
    high: 0.72,
    level: 0.8,
    fit_warnings: [],
  };
  const anomalies = new Map<string, AnomalyInput>([
    ["cybench.unguided", below],
    [
      "metr.p50_horizon_minutes.v1-1",
      {
        metric: "metr.p50_horizon_minutes.v1-1",
        status: "not_checked",
        value: 101.182643,
        flop: null,
        others: 13,
        reason: "a time-horizon metric, projected against release date rather than compute",
        fit_warnings: [],
      },
    ],
    [
      "safetywashing.wmdp_chem",
      {
        metric: "safetywashing.wmdp_chem",
        status: "within",
        value: 0.215,
        flop: 1e25,
        others: 40,
        fit_warnings: [],
      },
    ],
  ]);
  const withFlags: TraceContext = { ...ctx, anomalies };
  const cyberRow = (v: ReturnType<typeof toThresholdView>, side: "pre" | "post") =>
    v[side].trace.find((r): r is MetricTraceRow => r.kind === "metric" && r.metric === "cybench.unguided")!;

  it("a score below the others' interval carries the flag, its advice and its numbers, pre and post", () => {
    const cyber = evaluation.domains
      .flatMap((d) => d.thresholds)
      .find((t) => t.evidence.some((e) => e.kind === "metric" && e.metric === "cybench.unguided"))!;
    const v = toThresholdView(cyber, withFlags);
    const flag = cyberRow(v, "pre").anomaly;
    expect(flag).toEqual({
      status: "below",
      text: "Below the 80% interval of other models at this compute: possible under-elicitation or sandbagging. Re-run with stronger elicitation before relying on a 'below' result.",
      detail:
        "score 0.38; the other 6 models put 80% of scores at 3.8 × 10²⁶ FLOP between 0.45 and 0.72, centre 0.61",
    });
    // No post-mitigation score: the post reading falls back to the same pre score, so the same flag.
    expect(cyberRow(v, "post").anomaly).toEqual(flag);
    // Without the checks, no flag at all.
    expect(cyberRow(toThresholdView(cyber, ctx), "pre").anomaly).toBeNull();
  });

  it.each<{ label: string; check: AnomalyInput | undefined; value: number | null; want: string | null }>([
    { label: "above", check: { ...below, status: "above" }, value: 0.38, want: "above" },
    {
      label: "within: no flag, and no claim of normal",
      check: { ...below, status: "within" },
      value: 0.38,
      want: null,
    },
    { label: "another score (a post value) is not the one checked", check: below, value: 0.4, want: null },
    { label: "no value in the row", check: below, value: null, want: null },
    { label: "no check for the metric", check: undefined, value: 0.38, want: null },
    {
      label: "not checked says so",
      check: { ...below, status: "not_checked", reason: "no known training compute" },
      value: 0.38,
      want: "not_checked",
    },
  ])("$label", ({ check, value, want }) => {
    const map = new Map(check ? [[check.metric, check]] : []);
    const got = traceAnomaly({ metric: "cybench.unguided", value }, map);
    expect(got?.status ?? null).toBe(want);
  });

  it("the words of each status", () => {
    expect(anomalyText({ status: "above" })).toBe(
      "Above the interval: a genuine jump or possible contamination.",
    );
    expect(anomalyText({ status: "not_checked", reason: "no known training compute" })).toBe(
      "Anomaly check not run: no known training compute.",
    );
    const metr = toTraceRows(
      evaluation.domains.flatMap((d) => d.thresholds).find((t) => t.id === "autonomy-checkpoint")!,
      ctx.scores,
      anomalies,
    );
    expect((metr[0] as MetricTraceRow).anomaly).toEqual({
      status: "not_checked",
      text: "Anomaly check not run: a time-horizon metric, projected against release date rather than compute.",
      detail: null,
    });
  });

  it("the summary: flags first (below before above), then within, then not checked with reasons", () => {
    const s = toAnomalySummary([
      { ...below, metric: "a", status: "above" },
      { ...below, metric: "b", status: "within" },
      { ...below, metric: "c" },
      { ...below, metric: "d", status: "not_checked", reason: "only 2 other models" },
      { ...below, metric: "e", status: "not_checked" },
    ]);
    expect(s.flagged.map((f) => [f.metric, f.status])).toEqual([
      ["c", "below"],
      ["a", "above"],
    ]);
    expect(s.within).toEqual(["b"]);
    expect(s.notChecked).toEqual([
      { metric: "d", reason: "only 2 other models" },
      { metric: "e", reason: "no reason recorded" },
    ]);
    expect(s.empty).toBe(false);
    expect(toAnomalySummary([])).toEqual({ flagged: [], within: [], notChecked: [], empty: true });
  });

  it("the fit's warnings are part of the numbers", () => {
    const s = toAnomalySummary([{ ...below, fit_warnings: ["NON_MONOTONE"] }]);
    expect(s.flagged[0]!.detail).toMatch(/; their fit warns: NON_MONOTONE$/);
  });
});
