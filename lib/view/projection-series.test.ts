import { describe, expect, it } from "vitest";
import { fitSigmoid } from "@/lib/projection/fit-sigmoid";
import { formatFlop, formatLogTick, formatPercent } from "./projection-format";
import type { LeafView } from "./projection-schema";
import { logTicks, modelHref, niceAxis, toComputeSeries } from "./projection-series";

/** A rising benchmark: 12 models from 1e22 to 1e26 FLOP on y = σ(1.2·(x − 25)) with fixed jitter. */
const jitter = [0.02, -0.03, 0.01, 0.0, -0.02, 0.03, -0.01, 0.02, -0.02, 0.01, 0.0, -0.01];
const points = jitter.map((j, i) => {
  const x = 22 + (i * 4) / 11;
  const y = Math.min(1, Math.max(0, 1 / (1 + Math.exp(-1.2 * (x - 25))) + j));
  return { id: `m${i}`, x, y };
});
const fit = fitSigmoid(points, { floor: 0, ceiling: 1 });

function leaf(over: Partial<LeafView> = {}): LeafView {
  return {
    threshold: "t",
    domain: "d",
    level: "high",
    metric: "bench",
    op: "gte",
    value: 0.5,
    calibration: "illustrative",
    method: "compute-sigmoid",
    n: points.length,
    points,
    floor: 0,
    ceiling: 1,
    fit: { ...fit, sse: fit.sse, rmse: fit.rmse },
    crossing: { status: "crosses", flop: 1e25, low: 3e24, high: 4e25, level: 0.8, never_fraction: 0 },
    warnings: [],
    ...over,
  };
}

describe("formatting compute", () => {
  it.each([
    { label: "rounds the mantissa", v: 3.2886e27, want: "3.3e27" },
    { label: "exact power of ten", v: 1e27, want: "1e27" },
    { label: "mantissa rounding up to 10 carries", v: 9.96e26, want: "1e27" },
    { label: "small mantissa", v: 7.947e26, want: "7.9e26" },
    { label: "zero", v: 0, want: "—" },
    { label: "NaN", v: NaN, want: "—" },
    { label: "negative", v: -1e20, want: "—" },
  ])("formatFlop: $label", ({ v, want }) => expect(formatFlop(v)).toBe(want));

  it.each([
    { x: 24, want: "1e24" },
    { x: 24.5, want: "3.2e24" },
  ])("formatLogTick($x) = $want", ({ x, want }) => expect(formatLogTick(x)).toBe(want));

  it.each([
    { p: 0.5, want: "50%" },
    { p: 0.664, want: "66%" },
    { p: 0.004, want: "<1%" },
    { p: 0.996, want: ">99%" },
    { p: 0, want: "0%" },
    { p: 1, want: "100%" },
    { p: NaN, want: "—" },
  ])("formatPercent($p) = $want", ({ p, want }) => expect(formatPercent(p)).toBe(want));
});

describe("log ticks", () => {
  it.each([
    { label: "every decade on a narrow axis", lo: 22.3, hi: 25.8, want: ["1e23", "1e24", "1e25"] },
    { label: "even decades on a wide axis", lo: 21, hi: 31, want: ["1e22", "1e24", "1e26", "1e28", "1e30"] },
    {
      label: "even start on a wide axis from an even decade",
      lo: 22,
      hi: 30,
      want: ["1e22", "1e24", "1e26", "1e28", "1e30"],
    },
    { label: "no whole decade inside", lo: 24.5, hi: 24.9, want: [] },
    { label: "a single point", lo: 22, hi: 22, want: ["1e22"] },
  ])("$label", ({ lo, hi, want }) => {
    const t = logTicks(lo, hi);
    expect(t.map((x) => x.label)).toEqual(want);
    for (const x of t) expect(x.label).toBe(`1e${x.value}`);
  });

  it.each([
    {
      label: "a fraction",
      v: [0, 1, 0.5],
      off: [0.5],
      want: { domain: [0, 1], ticks: [0, 0.2, 0.4, 0.6, 0.8, 1] },
    },
    {
      label: "rounded outward to the step",
      v: [0.243, 0.97],
      off: [],
      want: { domain: [0.2, 1], ticks: [0.2, 0.4, 0.6, 0.8, 1] },
    },
    {
      label: "a threshold on the lower edge gets a step of room",
      v: [0.2, 1],
      off: [0.2],
      want: { domain: [0, 1], ticks: [0, 0.2, 0.4, 0.6, 0.8, 1] },
    },
    {
      label: "a threshold on the upper edge gets a step of room",
      v: [0, 0.5],
      off: [0.5],
      want: { domain: [0, 0.6], ticks: [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6] },
    },
    {
      label: "steps of 2",
      v: [0, 0.1],
      off: [],
      want: { domain: [0, 0.1], ticks: [0, 0.02, 0.04, 0.06, 0.08, 0.1] },
    },
    {
      label: "steps of 2.5 with at most 5 ticks",
      v: [0, 0.1],
      off: [],
      max: 5,
      want: { domain: [0, 0.1], ticks: [0, 0.025, 0.05, 0.075, 0.1] },
    },
    {
      label: "a percentage",
      v: [3, 97],
      off: [],
      want: { domain: [0, 100], ticks: [0, 20, 40, 60, 80, 100] },
    },
    {
      label: "a constant",
      v: [0.3, 0.3],
      off: [],
      want: { domain: [-0.2, 0.8], ticks: [-0.2, 0, 0.2, 0.4, 0.6, 0.8] },
    },
    { label: "empty", v: [], off: [], want: { domain: [0, 1], ticks: [0, 0.2, 0.4, 0.6, 0.8, 1] } },
    { label: "NaN ignored", v: [NaN, 2, 4], off: [], want: { domain: [2, 4], ticks: [2, 2.5, 3, 3.5, 4] } },
  ] as { label: string; v: number[]; off: number[]; max?: number; want: unknown }[])(
    "niceAxis: $label",
    ({ v, off, max, want }) =>
      expect(niceAxis(v, { keepOffEdge: off, ...(max ? { maxTicks: max } : {}) })).toEqual(want),
  );
});

describe("compute series", () => {
  const s = toComputeSeries(leaf(), { policyId: "pol one", plannedFlop: 1e27 })!;

  it("maps models to points on log10 compute, linking each to its model page", () => {
    expect(s.points).toHaveLength(points.length);
    expect(s.points[0]).toMatchObject({ x: 22, id: "m0", href: "/models/m0?policy=pol%20one" });
    expect(s.points[0]!.label).toBe(`m0: ${Number(points[0]!.y.toPrecision(3))} at 1e22 FLOP`);
    expect(modelHref("a/b", "p")).toBe("/models/a%2Fb?policy=p");
  });

  it("spans the data, the crossing interval and the planned run on whole decades", () => {
    expect(s.xDomain).toEqual([21, 28]);
    // Eight decades: every other one is labelled, on even exponents.
    expect(s.xTicks.map((t) => t.label)).toEqual(["1e22", "1e24", "1e26", "1e28"]);
    expect(s.planned).toEqual({ x: 27, label: "planned 1e27" });
    expect(s.yDomain).toEqual([0, 1]);
    expect(s.yTicks).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
  });

  it("draws an 80% band from a seeded bootstrap that rises with compute for a rising fit", () => {
    expect(fit.k).toBeGreaterThan(0);
    expect(s.bandLevel).toBe(0.8);
    expect(s.curve).toHaveLength(61);
    for (let i = 1; i < s.curve.length; i++) {
      const [lo0, hi0] = s.curve[i - 1]!.band;
      const [lo1, hi1] = s.curve[i]!.band;
      expect(lo1).toBeGreaterThanOrEqual(lo0);
      expect(hi1).toBeGreaterThanOrEqual(hi0);
      expect(s.curve[i]!.y).toBeGreaterThanOrEqual(s.curve[i - 1]!.y);
    }
    for (const r of s.curve) expect(r.band[0]).toBeLessThanOrEqual(r.band[1]);
    // The band is not degenerate in the middle of the data, and it is seeded: same input, same band.
    const mid = s.curve.find((r) => r.x >= 25)!;
    expect(mid.band[1] - mid.band[0]).toBeGreaterThan(0.005);
    const again = toComputeSeries(leaf(), { policyId: "pol one", plannedFlop: 1e27 })!;
    expect(again.curve).toEqual(s.curve);
    const other = toComputeSeries(leaf(), { policyId: "pol one", plannedFlop: 1e27, seed: 2 })!;
    expect(other.curve).not.toEqual(s.curve);
  });

  it.each([
    {
      label: "interval inside the chart",
      crossing: {
        status: "crosses" as const,
        flop: 1e25,
        low: 3e24,
        high: 4e25,
        level: 0.8,
        never_fraction: 0,
      },
      want: { x: 25, area: { x1: Math.log10(3e24), x2: Math.log10(4e25), openLow: false, openHigh: false } },
    },
    {
      label: "open-ended interval (high null) runs to the chart's edge",
      crossing: {
        status: "crosses" as const,
        flop: 1e25,
        low: 3e24,
        high: null,
        level: 0.8,
        never_fraction: 0.2,
      },
      want: { x: 25, area: { x1: Math.log10(3e24), x2: 27, openLow: false, openHigh: true } },
    },
    {
      label: "high beyond the 4-decade cap is clipped",
      crossing: {
        status: "crosses" as const,
        flop: 1e25,
        low: 3e24,
        high: 1e40,
        level: 0.8,
        never_fraction: 0,
      },
      want: { x: 25, area: { x1: Math.log10(3e24), x2: 31, openLow: false, openHigh: true } },
    },
    {
      label: "low null starts at the chart's edge",
      crossing: {
        status: "crosses" as const,
        flop: 1e25,
        low: null,
        high: 4e25,
        level: 0.8,
        never_fraction: 0,
      },
      want: { x: 25, area: { x1: 21, x2: Math.log10(4e25), openLow: true, openHigh: false } },
    },
  ])("crossing area: $label", ({ crossing, want }) => {
    const r = toComputeSeries(leaf({ crossing }), { policyId: "p" })!;
    expect(r.crossing!.x).toBeCloseTo(want.x, 10);
    expect(r.crossing!.area!.x1).toBeCloseTo(want.area.x1, 10);
    expect(r.crossing!.area!.x2).toBeCloseTo(want.area.x2, 10);
    expect(r.crossing!.area!.openLow).toBe(want.area.openLow);
    expect(r.crossing!.area!.openHigh).toBe(want.area.openHigh);
    expect(r.crossing!.area!.x1).toBeGreaterThanOrEqual(r.xDomain[0]);
    expect(r.crossing!.area!.x2).toBeLessThanOrEqual(r.xDomain[1]);
  });

  it.each([
    {
      label: "never crosses",
      over: {
        crossing: {
          status: "never" as const,
          flop: null,
          low: null,
          high: null,
          level: 0.8,
          never_fraction: 1,
        },
      },
    },
    {
      label: "already past",
      over: {
        crossing: {
          status: "already" as const,
          flop: null,
          low: null,
          high: null,
          level: 0.8,
          never_fraction: 0,
        },
      },
    },
  ])("no crossing marks when the curve $label", ({ over }) => {
    const r = toComputeSeries(leaf(over), { policyId: "p" })!;
    expect(r.crossing).toBeNull();
    expect(r.xDomain).toEqual([21, 27]);
  });

  it.each([
    { label: "no projection", over: { method: "none" as const, fit: undefined } },
    { label: "a time trend", over: { method: "time-trend" as const } },
    { label: "no points", over: { points: [] } },
  ])("nothing to draw for $label", ({ over }) => {
    expect(toComputeSeries(leaf(over), { policyId: "p" })).toBeNull();
  });

  it("a planned run beyond the chart is not drawn", () => {
    const r = toComputeSeries(leaf(), { policyId: "p", plannedFlop: 1e39 })!;
    expect(r.planned).toBeNull();
    // Newest model at 1e26: four decades ahead, rounded up past the margin.
    expect(r.xDomain[1]).toBe(31);
  });
});
