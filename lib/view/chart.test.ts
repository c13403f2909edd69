import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadPolicyText } from "@/lib/policy";
import type { Policy } from "@/lib/policy";
import {
  metricLeaves,
  niceDomain,
  niceTicks,
  policyMetricIds,
  powerOfTen,
  thresholdLines,
  toComputeScatter,
} from "./chart";
import type { MetricLeafRef, ScatterModel, ScatterScore } from "./chart";

function shipped(id: string): Policy {
  const file = path.join(import.meta.dirname, "..", "..", "policies", `${id}.yaml`);
  const r = loadPolicyText(readFileSync(file, "utf8"), file, { expectedId: id });
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join("; "));
  return r.policy;
}

const models: ScatterModel[] = [
  { id: "small", name: "Small", trainingFlop: 1e22 },
  { id: "mid", name: "Mid", trainingFlop: 3.2e24 },
  { id: "big", name: "Big", trainingFlop: 2.1e25 },
  { id: "secret", name: "Secret compute", trainingFlop: null },
  { id: "zero", name: "Zero compute", trainingFlop: 0 },
  { id: "unscored", name: "Unscored", trainingFlop: 1e23 },
];

const scores: ScatterScore[] = [
  { model: "small", value: 0.1, mitigation: "pre" },
  { model: "mid", value: 0.3, mitigation: "pre" },
  { model: "mid", value: 0.45, mitigation: "pre" },
  { model: "mid", value: 0.9, mitigation: "post" },
  { model: "big", value: 0.6, mitigation: "pre" },
  { model: "secret", value: 0.7, mitigation: "pre" },
  { model: "zero", value: 0.2, mitigation: "pre" },
  { model: "big", value: Number.NaN, mitigation: "pre" },
];

describe("toComputeScatter", () => {
  const mid = toComputeScatter({ models, scores, metric: "m", modelId: "mid" });

  it.each([
    ["log10 of the FLOP", mid.highlighted?.x, Math.log10(3.2e24)],
    ["highlighted model", mid.highlighted?.model, "mid"],
    ["riskiest pre-mitigation score (max, higher is riskier)", mid.highlighted?.y, 0.45],
    ["highlight status", mid.highlight, "plotted"],
    ["other models, by compute", mid.points.map((p) => p.model).join(","), "small,big"],
    ["no other point is highlighted", mid.points.some((p) => p.highlighted), false],
    ["null and zero compute counted as not plotted", mid.notPlotted, 2],
    ["x domain in whole powers of ten", mid.xDomain.join(","), "22,26"],
    ["ticks every power of ten", mid.xTicks.join(","), "22,23,24,25,26"],
    ["NaN score ignored", mid.points.find((p) => p.model === "big")?.y, 0.6],
    ["y domain padded, then rounded out", mid.yDomain.join(","), "0,0.7"],
  ])("%s", (_label, got, want) => {
    expect(got).toBe(want);
  });

  it.each([
    ["exact log10 for a power of ten", 1e22, 22],
    ["log10 of 3.35e25", 3.35e25, Math.log10(3.35e25)],
  ])("%s", (_label, flop, x) => {
    const r = toComputeScatter({
      models: [{ id: "a", name: "A", trainingFlop: flop }],
      scores: [{ model: "a", value: 1, mitigation: "pre" }],
      metric: "m",
      modelId: "a",
    });
    expect(r.highlighted?.x).toBeCloseTo(x, 12);
    expect(r.highlighted?.flop).toBe(flop);
  });

  it("padding never takes non-negative data below 0", () => {
    const r = toComputeScatter({
      models,
      scores: [
        { model: "small", value: 0, mitigation: "pre" },
        { model: "big", value: 1, mitigation: "pre" },
      ],
      metric: "m",
      modelId: "small",
    });
    expect(r.yDomain).toEqual([0, 1.2]);
  });

  it("lower is riskier: the minimum is the riskiest", () => {
    const r = toComputeScatter({ models, scores, metric: "m", modelId: "mid", higherIsRiskier: false });
    expect(r.highlighted?.y).toBe(0.3);
  });

  it("post-mitigation reading uses only post scores", () => {
    const r = toComputeScatter({ models, scores, metric: "m", modelId: "mid", mitigation: "post" });
    expect([r.highlighted?.y, r.points.length, r.notPlotted]).toEqual([0.9, 0, 0]);
  });

  it.each([
    ["a model without compute is counted, not plotted", "secret", "no-compute", 2],
    ["a model without a score", "unscored", "no-score", 2],
    ["an unknown model", "ghost", "no-score", 2],
  ])("%s", (_label, modelId, highlight, notPlotted) => {
    const r = toComputeScatter({ models, scores, metric: "m", modelId });
    expect([r.highlighted, r.highlight, r.notPlotted, r.points.length]).toEqual([
      null,
      highlight,
      notPlotted,
      3,
    ]);
  });

  it("empty input", () => {
    const r = toComputeScatter({ models: [], scores: [], metric: "m", modelId: "x" });
    expect([r.points, r.highlighted, r.notPlotted, r.highlight]).toEqual([[], null, 0, "no-score"]);
    expect(r.xDomain[1]).toBeGreaterThan(r.xDomain[0]);
    expect(r.yDomain[1]).toBeGreaterThan(r.yDomain[0]);
  });

  it("the y domain includes threshold lines above the data", () => {
    const r = toComputeScatter({
      models,
      scores,
      metric: "m",
      modelId: "mid",
      leaves: [
        {
          threshold: "t",
          title: "T",
          comparator: "gte",
          value: 2,
          calibration: "illustrative",
          negated: false,
        },
      ],
    });
    expect(r.yDomain[1]).toBeGreaterThan(2);
    expect(r.thresholds.map((t) => t.y)).toEqual([2]);
  });
});

describe("threshold lines", () => {
  const leaf = (comparator: MetricLeafRef["comparator"], negated = false): MetricLeafRef => ({
    threshold: "t",
    title: "T",
    comparator,
    value: 0.5,
    calibration: "framework",
    negated,
  });
  it.each([
    ["gte", leaf("gte"), "above", "T ≥ 0.5 (framework)"],
    ["gt", leaf("gt"), "above", "T > 0.5 (framework)"],
    ["lte", leaf("lte"), "below", "T ≤ 0.5 (framework)"],
    ["lt", leaf("lt"), "below", "T < 0.5 (framework)"],
    ["not gte: the risky side flips", leaf("gte", true), "below", "T ≥ 0.5 (framework)"],
  ])("%s", (_label, l, side, label) => {
    const [line] = thresholdLines([l]);
    expect([line?.riskySide, line?.label]).toEqual([side, label]);
  });

  it("leaves with the same value and comparator share a line", () => {
    const lines = thresholdLines([
      { ...leaf("gte"), title: "High", value: 0.5 },
      { ...leaf("gte"), title: "Critical", value: 0.8 },
      { ...leaf("gte"), title: "Other", value: 0.5 },
    ]);
    expect(lines.map((l) => l.label)).toEqual([
      "High, Other ≥ 0.5 (framework)",
      "Critical ≥ 0.8 (framework)",
    ]);
  });
});

describe("policy leaves for a metric (shipped policies)", () => {
  const rsp = shipped("anthropic-rsp-v2-2");
  it.each([
    [
      "METR horizon: checkpoint and AI R&D-4",
      "metr.p50_horizon_minutes.v1-1",
      ["autonomy-checkpoint gte 120", "ai-rd-4 gte 2400"],
    ],
    ["WMDP bio: CBRN-3, lower is riskier", "safetywashing.wmdp_bio", ["cbrn-3 lte 0.2"]],
    ["a metric the policy does not read", "gpqa.diamond", []],
  ])("%s", (_label, metric, want) => {
    expect(metricLeaves(rsp, metric).map((l) => `${l.threshold} ${l.comparator} ${l.value}`)).toEqual(want);
  });

  it("leaves carry their calibration", () => {
    expect(metricLeaves(rsp, "metr.p50_horizon_minutes.v1-1").map((l) => l.calibration)).toEqual([
      "illustrative",
      "illustrative",
    ]);
  });

  it("policyMetricIds lists every metric read, once", () => {
    const ids = policyMetricIds(rsp);
    expect(ids).toContain("metr.p50_horizon_minutes.v1-1");
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe("niceDomain", () => {
  it.each([
    ["METR horizon with the 2400 line", 0, 2519.82, [0, 3000]],
    ["fractions", 0.075, 0.625, [0, 0.7]],
    ["negative lower bound", -0.12, 0.93, [-0.2, 1]],
    ["already round", 0, 1, [0, 1]],
    ["empty range is kept", 5, 5, [5, 5]],
    ["NaN is kept", Number.NaN, 1, [Number.NaN, 1]],
  ])("%s", (_label, lo, hi, want) => {
    expect(niceDomain(lo, hi)).toEqual(want);
  });
});

describe("niceTicks", () => {
  it.each([
    ["METR horizon", [0, 3000], [0, 500, 1000, 1500, 2000, 2500, 3000]],
    ["WMDP", [0.1, 1.1], [0.1, 0.3, 0.5, 0.7, 0.9, 1.1]],
    ["fractions", [0, 0.7], [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7]],
    ["empty range", [5, 5], [5]],
  ] as [string, [number, number], number[]][])("%s", (_label, domain, want) => {
    expect(niceTicks(domain)).toEqual(want);
  });

  it("a scatter's y ticks span its domain", () => {
    const r = toComputeScatter({ models, scores, metric: "m", modelId: "mid" });
    expect([r.yTicks[0], r.yTicks.at(-1)]).toEqual(r.yDomain);
  });
});

describe("powerOfTen", () => {
  it.each([
    [24, "10²⁴"],
    [25.0000001, "10²⁵"],
    [-3, "10⁻³"],
  ])("%s", (x, want) => {
    expect(powerOfTen(x)).toBe(want);
  });
});
