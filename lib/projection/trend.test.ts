import { describe, expect, it } from "vitest";
import { DomainError } from "@/lib/errors";
import { epochComputePoints, metrFile } from "@/test/fixtures/projection/load";
import { bootstrapSigmoid } from "./bootstrap";
import { fitSigmoid } from "./fit-sigmoid";
import { crossingSamples, crossingX } from "./invert";
import { studentTCdf, studentTQuantile } from "./student-t";
import { crossingDate, fitDoublingTime, fitFrontierTrend, frontierComputeAt, sotaOnly } from "./trend";

const metr = metrFile();
const horizons = metr.models.map((m) => ({ id: m.id, date: m.date, value: m.p50 }));

describe("fitDoublingTime on METR time horizons v1.1", () => {
  it("ACCEPTANCE: SOTA models from 2023-01-01 reproduce the file's from-2023 doubling time within 2%", () => {
    const fit = fitDoublingTime(horizons, { sotaOnly: true, since: "2023-01-01" });
    expect(metr.doubling.from2023.point).toBe(130.801);
    expect(Math.abs(fit.doublingDays / metr.doubling.from2023.point - 1)).toBeLessThan(0.02);
    // In fact exact: METR's point estimate is this OLS of log2(p50) on release date.
    expect(fit.doublingDays).toBeCloseTo(130.801, 2);
    expect(fit.n).toBe(11);
    // The interval is the OLS t-interval at 95%: near METR's [107.3, 161.4], wider at the top.
    expect(fit.interval.level).toBe(0.95);
    expect(fit.interval.low).toBeCloseTo(105.31, 1);
    expect(fit.interval.high!).toBeCloseTo(172.57, 1);
    expect(Math.abs(fit.interval.low / metr.doubling.from2023.low - 1)).toBeLessThan(0.02);
  });

  it("all-time SOTA reproduces the stitched all-time figure (196.5 days)", () => {
    const fit = fitDoublingTime(horizons, { sotaOnly: true });
    expect(fit.n).toBe(14);
    expect(Math.abs(fit.doublingDays / metr.doubling.fromAllTime - 1)).toBeLessThan(0.005);
  });

  it("the running maximum reproduces METR's own is_sota flags exactly", () => {
    const ours = sotaOnly(
      horizons,
      (h) => h.date,
      (h) => h.value,
    )
      .map((h) => h.id)
      .sort();
    const theirs = metr.models
      .filter((m) => m.isSota)
      .map((m) => m.id)
      .sort();
    expect(ours).toEqual(theirs);
  });

  it.each([
    { label: "all models from 2023 (no SOTA filter)", opts: { since: "2023-01-01" }, n: 14, days: 120.95 },
    { label: "every model, all time", opts: {}, n: 17, days: 196.65 },
    { label: "SOTA from 2024-06-01", opts: { sotaOnly: true, since: "2024-06-01" }, n: 8, days: null },
  ])("$label", ({ opts, n, days }) => {
    const fit = fitDoublingTime(horizons, opts);
    expect(fit.n).toBe(n);
    if (days !== null) expect(fit.doublingDays).toBeCloseTo(days, 1);
    expect(fit.interval.low).toBeLessThan(fit.doublingDays);
  });

  it("the 80% interval is narrower than the 95% one", () => {
    const a = fitDoublingTime(horizons, { sotaOnly: true, since: "2023-01-01", level: 0.8 });
    const b = fitDoublingTime(horizons, { sotaOnly: true, since: "2023-01-01" });
    expect(a.interval.low).toBeGreaterThan(b.interval.low);
    expect(a.interval.high!).toBeLessThan(b.interval.high!);
  });

  it("an exact exponential gives its doubling time and a zero-width interval", () => {
    const pts = [0, 100, 200, 300].map((d, i) => ({
      id: `m${i}`,
      date: new Date(Date.UTC(2024, 0, 1) + d * 86_400_000).toISOString().slice(0, 10),
      value: 2 ** (d / 100),
    }));
    const fit = fitDoublingTime(pts);
    expect(fit.doublingDays).toBeCloseTo(100, 9);
    expect(fit.interval.low).toBeCloseTo(100, 6);
    expect(fit.interval.high!).toBeCloseTo(100, 6);
  });

  it.each([
    { label: "a zero value", pts: [{ id: "a", date: "2024-01-01", value: 0 }], msg: /non-positive/ },
    { label: "fewer than 3 models", pts: horizons.slice(0, 2), msg: /at least 3/ },
    {
      label: "a bad date",
      pts: [...horizons.slice(0, 3), { id: "x", date: "soon", value: 1 }],
      msg: /not a date/,
    },
  ])("rejects $label", ({ pts, msg }) => {
    expect(() => fitDoublingTime(pts)).toThrow(DomainError);
    expect(() => fitDoublingTime(pts)).toThrow(msg);
  });
});

describe("sotaOnly", () => {
  const pts = [
    { id: "a", date: "2023-01-01", v: 1 },
    { id: "b", date: "2023-02-01", v: 3 },
    { id: "c", date: "2023-02-01", v: 2 },
    { id: "d", date: "2023-03-01", v: 3 },
    { id: "e", date: "2023-04-01", v: 0.5 },
    { id: "f", date: "2023-05-01", v: 3.0001 },
  ];
  it.each([
    { label: "first model is SOTA", id: "a", kept: true },
    { label: "same-day models both beat earlier days", id: "b", kept: true },
    { label: "same-day runner-up still beat earlier days", id: "c", kept: true },
    { label: "a tie with the record is not SOTA", id: "d", kept: false },
    { label: "below the record", id: "e", kept: false },
    { label: "record + ε", id: "f", kept: true },
  ])("$label", ({ id, kept }) => {
    const ids = sotaOnly(
      pts,
      (p) => p.date,
      (p) => p.v,
    ).map((p) => p.id);
    expect(ids.includes(id)).toBe(kept);
  });

  it("empty input", () => {
    expect(
      sotaOnly(
        [],
        () => "2024-01-01",
        () => 1,
      ),
    ).toEqual([]);
  });
});

describe("frontier compute trend (Epoch AI Benchmarking Hub, GPQA Diamond runs with compute)", () => {
  const trend = fitFrontierTrend(epochComputePoints());

  it("fits the running maximum: GPT-4 → Claude 3.5 Sonnet → Llama 3.1 405B → GPT-4.5 → Grok 4", () => {
    expect(trend.frontier.map((p) => p.id)).toEqual([
      "gpt-4-0314",
      "claude-3-5-sonnet-20240620",
      "Llama-3.1-405B-Instruct",
      "gpt-4.5-preview-2025-02-27",
      "grok-4-0709",
    ]);
    // ≈ 0.64 orders of magnitude per year (≈ 4.3× per year), the order Epoch reports for frontier runs.
    expect(trend.slopePerYear).toBeCloseTo(0.637, 2);
    expect(trend.slopeInterval.low).toBeLessThan(trend.slopePerYear);
    expect(trend.slopeInterval.high).toBeGreaterThan(trend.slopePerYear);
    expect(trend.samples.slope).toHaveLength(1000);
  });

  it("frontierComputeAt and crossingDate invert each other", () => {
    const x = frontierComputeAt(trend, "2026-01-01");
    expect(x).toBeGreaterThan(26.5);
    const samples = new Float64Array(1000).fill(x);
    const d = crossingDate(trend, x, samples);
    expect(d.date).toBe("2026-01-01");
    expect(d.low! <= d.date!).toBe(true);
    expect(d.high! >= d.date!).toBe(true);
  });

  it("maps a sigmoid crossing and its bootstrap to dates, counting never-crossing resamples", () => {
    const pts = [21, 22, 23, 24, 25].map((x, i) => ({ x, y: [0.26, 0.3, 0.45, 0.62, 0.8][i]! }));
    const fit = fitSigmoid(pts, { floor: 0.25, ceiling: 1 });
    const boot = bootstrapSigmoid(pts, fit, { seed: 2 });
    const t = { op: "gte", value: 0.9 } as const;
    const d = crossingDate(trend, crossingX(fit, t), crossingSamples(boot, t));
    expect(d.date).not.toBeNull();
    expect(d.low! < d.date!).toBe(true);
    expect(d.neverFraction).toBeGreaterThanOrEqual(0);
    const never = crossingDate(trend, null, new Float64Array(10).fill(Infinity));
    expect(never).toMatchObject({ date: null, low: null, high: null, neverFraction: 1 });
  });

  it("rejects fewer than 3 frontier models", () => {
    expect(() => fitFrontierTrend(epochComputePoints().slice(0, 1))).toThrow(/at least 3/);
  });
});

describe("Student t quantiles", () => {
  it.each([
    { df: 1, q: 0.975, want: 12.7062 },
    { df: 2, q: 0.9, want: 1.8856 },
    { df: 9, q: 0.975, want: 2.2622 },
    { df: 9, q: 0.9, want: 1.383 },
    { df: 30, q: 0.95, want: 1.6973 },
    { df: 1000, q: 0.975, want: 1.9623 },
    { df: 5, q: 0.5, want: 0 },
    { df: 5, q: 0.025, want: -2.5706 },
  ])("t($q, df = $df) = $want", ({ df, q, want }) => {
    expect(studentTQuantile(q, df)).toBeCloseTo(want, 3);
    expect(studentTCdf(studentTQuantile(q, df), df)).toBeCloseTo(q, 9);
  });
});
