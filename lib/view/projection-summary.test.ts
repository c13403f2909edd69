import { describe, expect, it } from "vitest";
import type { LeafView } from "./projection-schema";
import {
  backtestLines,
  crossingDateText,
  crossingText,
  doublingText,
  frontierText,
  leafCaption,
  leafId,
  leafLabels,
  pointTable,
  plannedText,
  toTimeline,
  warningLines,
} from "./projection-summary";

const base: LeafView = {
  threshold: "cyber-operations",
  domain: "cyber",
  level: null,
  metric: "cybench.unguided",
  op: "gte",
  value: 0.5,
  calibration: "illustrative",
  method: "compute-sigmoid",
  n: 7,
  points: [],
  crossing: {
    status: "crosses",
    flop: 3.2886e27,
    low: 7.947e26,
    high: 1.5865e30,
    level: 0.8,
    never_fraction: 0.009,
  },
  crossing_date: { date: "2027-01-31", low: "2025-10-08", high: "2033-01-12" },
  p_planned: 0.664,
  warnings: [],
  backtest: { cutoff: "≤ 3.4e+25 FLOP", n_fit: 4, n_test: 3, mae: 0.2277, coverage80: 0.3333 },
};
const trend: LeafView = {
  ...base,
  threshold: "autonomy-checkpoint",
  metric: "metr",
  method: "time-trend",
  value: 120,
  n: 11,
  points: new Array(14).fill({ id: "m", x: 0, y: 1 }),
  crossing: undefined,
  p_planned: undefined,
  backtest: undefined,
  trend: { n: 11, doublingDays: 130.9568, interval: { low: 105.408, high: 172.852, level: 0.95 } },
  crossing_date: { date: "2025-07-09", low: "2025-05-15", high: "2025-10-06" },
};
const labels = { threshold: "Cyber operations", metric: "Cybench unguided solve rate", unit: "fraction" };

describe("crossing text", () => {
  it.each([
    { label: "an interval", leaf: base, want: "3.3e27 FLOP (80% interval 7.9e26 – 1.6e30 FLOP)" },
    {
      label: "an open high end",
      leaf: { ...base, crossing: { ...base.crossing!, high: null, never_fraction: 0.25 } },
      want: "3.3e27 FLOP (80% interval 7.9e26 – never (25% of bootstrap curves never cross))",
    },
    {
      label: "never",
      leaf: {
        ...base,
        crossing: {
          status: "never" as const,
          flop: null,
          low: null,
          high: null,
          level: 0.8,
          never_fraction: 1,
        },
      },
      want: "the fitted curve never reaches the threshold at any compute (100% of bootstrap curves never do)",
    },
    {
      label: "already",
      leaf: {
        ...base,
        crossing: {
          status: "already" as const,
          flop: null,
          low: null,
          high: null,
          level: 0.8,
          never_fraction: 0,
        },
      },
      want: "the fitted curve is past the threshold at every compute",
    },
  ])("$label", ({ leaf, want }) => expect(crossingText(leaf)).toBe(want));

  it.each([
    {
      label: "compute leaf at 80%",
      leaf: base,
      want: "around 2027-01-31 (80% interval 2025-10-08 – 2033-01-12)",
    },
    {
      label: "time trend at 95%",
      leaf: trend,
      want: "around 2025-07-09 (95% interval 2025-05-15 – 2025-10-06)",
    },
    {
      label: "no trend",
      leaf: { ...base, crossing_date: undefined },
      want: "no date: the frontier compute trend could not be fitted",
    },
    {
      label: "never",
      leaf: { ...base, crossing_date: { date: null, low: null, high: null } },
      want: "no date: the frontier compute trend never reaches the crossing",
    },
    {
      label: "open high",
      leaf: { ...base, crossing_date: { date: "2027-01-31", low: "2025-10-08", high: null } },
      want: "around 2027-01-31 (80% interval 2025-10-08 – never)",
    },
  ])("date: $label", ({ leaf, want }) => expect(crossingDateText(leaf)).toBe(want));

  it("doubling time in whole days with its interval", () => {
    expect(doublingText(trend)).toBe(
      "Doubling time: 131 days (95% interval 105 – 173 days), from 11 state-of-the-art models",
    );
    expect(doublingText(base)).toBeNull();
  });
});

describe("captions", () => {
  it.each([
    {
      label: "compute leaf: n, crossing, interval, date, illustrative",
      leaf: base,
      want: [
        /n = 7 models/,
        /Threshold ≥ 0\.5 \(illustrative\)/,
        /crossing at 3\.3e27 FLOP \(80% interval 7\.9e26 – 1\.6e30 FLOP\)/,
        /around 2027-01-31/,
      ],
    },
    {
      label: "time trend: n of points, doubling time, crossing date",
      leaf: trend,
      want: [
        /n = 11 state-of-the-art models of 14/,
        /Doubling time: 131 days/,
        /≥ 120 min \(2 h\)/,
        /reaches it around 2025-07-09/,
      ],
    },
    {
      label: "no projection says why",
      leaf: {
        ...base,
        method: "none" as const,
        skipped: "2 model(s) with both a score and training compute",
      },
      want: [/no projection \(2 model\(s\) with both a score and training compute\)/],
    },
    {
      label: "a curve that never crosses says so plainly",
      leaf: {
        ...base,
        crossing: {
          status: "never" as const,
          flop: null,
          low: null,
          high: null,
          level: 0.8,
          never_fraction: 1,
        },
      },
      want: [
        /Threshold ≥ 0\.5 \(illustrative\): the fitted curve never reaches the threshold at any compute/,
      ],
    },
    {
      label: "framework numbers are not marked illustrative",
      leaf: { ...base, calibration: "framework" as const },
      want: [/Threshold ≥ 0\.5: crossing/],
    },
  ])("$label", ({ leaf, want }) => {
    const c = leafCaption(leaf, labels);
    for (const w of want) expect(c).toMatch(w);
  });

  it("labels fall back to ids; leaf ids are URL-safe", () => {
    expect(leafLabels(base, { thresholds: [], metrics: [] })).toEqual({
      threshold: "cyber-operations",
      metric: "cybench.unguided",
      unit: "score",
    });
    expect(leafId(base)).toBe("leaf-cyber-operations-cybench-unguided");
  });

  it.each([
    {
      label: "probability",
      leaf: base,
      planned: 1e28,
      want: "P(crossing) for a planned run of 1e28 FLOP: 66%",
    },
    { label: "no planned run", leaf: base, planned: null, want: null },
    {
      label: "time trend",
      leaf: trend,
      planned: 1e28,
      want: "P(crossing) at 1e28 FLOP: not defined for a release-date trend",
    },
    {
      label: "not computed",
      leaf: { ...base, p_planned: undefined },
      planned: 1e28,
      want: "P(crossing) at 1e28 FLOP: not computed",
    },
  ])("planned: $label", ({ leaf, planned, want }) => expect(plannedText(leaf, planned)).toBe(want));
});

describe("warnings", () => {
  it.each([
    {
      w: { code: "TOO_FEW_POINTS" as const, message: "only 3" },
      symbol: "#",
      label: "Too few points",
      suggestion: null,
    },
    {
      w: { code: "STUCK_AT_FLOOR" as const, message: "floor" },
      symbol: "⊥",
      label: "Stuck at the floor",
      suggestion: null,
    },
    {
      w: { code: "EXTRAPOLATION" as const, message: "far", oom: 1.301 },
      symbol: "↦",
      label: "Extrapolation: 1.3 orders of magnitude",
      suggestion: null,
    },
    {
      w: { code: "NON_MONOTONE" as const, message: "dips", shape: "u-shaped" as const },
      symbol: "∿",
      label: "Non-monotone scaling (u-shaped)",
      suggestion: null,
    },
    {
      w: { code: "DISCONTINUOUS_METRIC" as const, message: "exact match", suggestion: "bbh.logprob" },
      symbol: "⌇",
      label: "Discontinuous metric (possible mirage)",
      suggestion: "Use the continuous variant instead: bbh.logprob",
    },
  ])("$w.code", ({ w, symbol, label, suggestion }) => {
    const [line] = warningLines([w]);
    expect(line).toMatchObject({ code: w.code, symbol, label, message: w.message });
    if (suggestion) expect(line!.suggestion).toBe(suggestion);
    else if (w.code !== "DISCONTINUOUS_METRIC") expect(line!.suggestion).toBeNull();
  });

  it("a discontinuous metric without a continuous sibling still says what would help", () => {
    expect(warningLines([{ code: "DISCONTINUOUS_METRIC", message: "m" }])[0]!.suggestion).toMatch(
      /no continuous variant/i,
    );
  });
});

describe("backtest lines", () => {
  it.each([
    {
      label: "done",
      leaf: base,
      want: {
        kind: "done",
        rows: [
          { label: "Cutoff", value: "fit on models ≤ 3.4e+25 FLOP" },
          { label: "Models fitted / tested", value: "4 / 3" },
          { label: "MAE", value: "0.228" },
          { label: "80% interval coverage", value: "33% (target 80%)" },
        ],
      },
    },
    {
      label: "skipped",
      leaf: { ...base, backtest: { skipped: "3 points: a backtest needs at least 6" } },
      want: { kind: "skipped", reason: "3 points: a backtest needs at least 6" },
    },
    {
      label: "missing",
      leaf: { ...base, backtest: undefined },
      want: { kind: "skipped", reason: "no backtest was run" },
    },
    {
      label: "time trend",
      leaf: trend,
      want: { kind: "skipped", reason: expect.stringMatching(/release-date trend/) },
    },
    {
      label: "no projection",
      leaf: { ...base, method: "none" as const },
      want: { kind: "skipped", reason: "no projection to backtest" },
    },
    {
      label: "null MAE",
      leaf: { ...base, backtest: { cutoff: "c", n_fit: 4, n_test: 0, mae: null, coverage80: null } },
      want: {
        kind: "done",
        rows: expect.arrayContaining([
          { label: "MAE", value: "—" },
          { label: "80% interval coverage", value: "—" },
        ]),
      },
    },
  ])("$label", ({ leaf, want }) => expect(backtestLines(leaf)).toEqual(want));
});

describe("timeline", () => {
  it("places the interval, the point and today on one bar, in order", () => {
    const t = toTimeline({ date: "2027-01-31", low: "2025-10-08", high: "2033-01-12" }, "2026-11-23")!;
    expect(t.range!.left).toBeGreaterThan(0);
    expect(t.range!.left + t.range!.width).toBeLessThan(100);
    expect(t.today!.left).toBeGreaterThan(t.range!.left);
    expect(t.point!.left).toBeGreaterThan(t.today!.left);
    expect(t.point!.left).toBeLessThan(t.range!.left + t.range!.width);
    expect(t.range!.openHigh).toBe(false);
    expect(t.point!.label).toBe("2027-01-31");
    expect(t.from < "2025-10").toBe(true);
    expect(t.to > "2033-01").toBe(true);
  });

  it("today before everything stays on the bar; an open end runs two years past the point", () => {
    const t = toTimeline({ date: "2027-01-31", low: "2026-06-01", high: null }, "2020-01-01")!;
    expect(t.today!.left).toBeGreaterThan(0);
    expect(t.range!.openHigh).toBe(true);
    expect(t.range!.left + t.range!.width).toBeLessThanOrEqual(100);
  });

  it.each([
    { label: "no date", cd: { date: null, low: null, high: null } },
    { label: "no crossing date at all", cd: undefined },
  ])("nothing for $label", ({ cd }) => expect(toTimeline(cd, "2026-01-01")).toBeNull());
});

describe("frontier", () => {
  it.each([
    {
      label: "fitted",
      f: { n: 5, slopePerYear: 0.6373, slopeInterval: { low: 0.2683, high: 1.0063, level: 0.8 } },
      want: /grows 0\.64 orders of magnitude a year \(80% interval 0\.27 – 1\.01\), fitted on 5 frontier models/,
    },
    { label: "missing", f: null, want: /could not be fitted/ },
  ])("$label", ({ f, want }) => expect(frontierText(f)).toMatch(want));
});

describe("point table", () => {
  const pts = [
    { id: "b", x: 25.5, y: 0.31234, date: "2025-01-01" },
    { id: "a", x: 24, y: 0.1 },
  ];
  it.each([
    {
      label: "compute leaves sorted by compute, formatted",
      leaf: { ...base, points: pts },
      unit: "fraction",
      sota: undefined,
      want: {
        columns: ["Model", "Effective compute (FLOP)", "Score", "Released"],
        rows: [
          { id: "a", href: "/models/a?policy=pol", cells: ["1e24", "0.1", "—"] },
          { id: "b", href: "/models/b?policy=pol", cells: ["3.2e25", "0.312", "2025-01-01"] },
        ],
      },
    },
    {
      label: "minutes: dated rows with the SOTA flag",
      leaf: {
        ...trend,
        points: [
          { id: "late", x: 20100, y: 30.123456, date: "2025-01-13" },
          { id: "early", x: 20000, y: 10, date: "2024-10-05" },
        ],
      },
      unit: "minutes",
      sota: new Set(["early"]),
      want: {
        columns: ["Model", "Released", "Horizon (minutes)", "State of the art when released"],
        rows: [
          { id: "early", href: "/models/early?policy=pol", cells: ["2024-10-05", "10", "yes"] },
          { id: "late", href: "/models/late?policy=pol", cells: ["2025-01-13", "30.12", "no"] },
        ],
      },
    },
    {
      label: "no points",
      leaf: { ...base, points: [] },
      unit: "fraction",
      sota: undefined,
      want: { columns: ["Model", "Effective compute (FLOP)", "Score", "Released"], rows: [] },
    },
  ])("$label", ({ leaf, unit, sota, want }) =>
    expect(pointTable(leaf, { policyId: "pol", unit, ...(sota ? { sotaIds: sota } : {}) })).toEqual(want),
  );
});
