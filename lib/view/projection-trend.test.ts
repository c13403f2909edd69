import { describe, expect, it } from "vitest";
import { dayNumber, isoDate } from "@/lib/projection/dates";
import { formatMinutes } from "./projection-format";
import type { LeafView } from "./projection-schema";
import { dateTicks, log2Ticks, toTrendSeries } from "./projection-trend";

/** Horizons that double exactly every 100 days from 2 minutes on 2023-01-01, plus two laggards. */
const start = dayNumber("2023-01-01");
const sotaPoints = [0, 100, 200, 300, 400, 500].map((d, i) => ({
  id: `sota${i}`,
  x: start + d,
  y: 2 * 2 ** (d / 100),
  date: isoDate(start + d),
}));
const laggards = [
  { id: "lag1", x: start + 250, y: 3, date: isoDate(start + 250) },
  { id: "lag2", x: start + 450, y: 10, date: isoDate(start + 450) },
];

function leaf(over: Partial<LeafView> = {}): LeafView {
  return {
    threshold: "checkpoint",
    domain: "ai-rd",
    level: null,
    metric: "metr.minutes",
    op: "gte",
    value: 256,
    calibration: "illustrative",
    method: "time-trend",
    n: 6,
    points: [...sotaPoints, ...laggards],
    trend: { n: 6, doublingDays: 100, interval: { low: 95, high: 105, level: 0.95 } },
    // 2 · 2^(d/100) = 256 at d = 700
    crossing_date: { date: isoDate(start + 700), low: isoDate(start + 665), high: null },
    warnings: [],
    ...over,
  };
}

describe("time-trend series", () => {
  const s = toTrendSeries(leaf(), { policyId: "rsp" })!;

  it("plots log2 minutes against release day and marks the state-of-the-art models", () => {
    expect(s.points).toHaveLength(8);
    const p0 = s.points.find((p) => p.id === "sota0")!;
    expect(p0).toMatchObject({ x: start, y: 1, minutes: 2, sota: true, href: "/models/sota0?policy=rsp" });
    expect(s.points.filter((p) => p.sota).map((p) => p.id)).toEqual(sotaPoints.map((p) => p.id));
    expect(s.points.find((p) => p.id === "lag2")!.sota).toBe(false);
    expect(s.points.find((p) => p.id === "lag2")!.label).toBe(`lag2: 10 min on ${isoDate(start + 450)}`);
  });

  it("refits the SOTA trend: doubling time 100 days, a straight line of slope 1/100 per day", () => {
    expect(s.doublingDays).toBeCloseTo(100, 8);
    expect(s.trend).toHaveLength(2);
    const [a, b] = s.trend as [{ x: number; y: number }, { x: number; y: number }];
    expect(a.x).toBe(start);
    expect(a.y).toBeCloseTo(1, 8);
    expect((b.y - a.y) / (b.x - a.x)).toBeCloseTo(0.01, 10);
    expect(s.interval).toEqual({ low: 95, high: 105, level: 0.95 });
  });

  it("draws the threshold at log2 of its minutes and the crossing with an open-ended interval", () => {
    expect(s.threshold.y).toBe(8);
    expect(s.threshold.label).toBe("threshold ≥ 256 min (4.3 h)");
    expect(s.crossing!.x).toBe(start + 700);
    expect(s.crossing!.area!.x1).toBe(start + 665);
    expect(s.crossing!.area!.x2).toBe(s.xDomain[1]);
    expect(s.crossing!.area!.openHigh).toBe(true);
    expect(s.xDomain[1]).toBeGreaterThan(start + 700);
    expect(s.yDomain[0]).toBeLessThanOrEqual(1);
    expect(s.yDomain[1]).toBeGreaterThanOrEqual(8);
  });

  it.each([
    { label: "not a time trend", over: { method: "compute-sigmoid" as const } },
    { label: "no trend fitted", over: { method: "none" as const, trend: undefined } },
    { label: "fewer than 3 dated points", over: { points: sotaPoints.slice(0, 2) } },
  ])("nothing to draw when $label", ({ over }) =>
    expect(toTrendSeries(leaf(over), { policyId: "p" })).toBeNull(),
  );

  it("a trend that never reaches the threshold has no crossing marks", () => {
    const r = toTrendSeries(leaf({ crossing_date: { date: null, low: null, high: null } }), {
      policyId: "p",
    })!;
    expect(r.crossing).toBeNull();
  });
});

describe("trend axes", () => {
  it.each([
    {
      label: "years and half-years on a short range",
      lo: dayNumber("2023-11-15"),
      hi: dayNumber("2025-02-01"),
      want: ["2024", "2024-07", "2025"],
    },
    {
      label: "years only on a long range",
      lo: dayNumber("2022-06-01"),
      hi: dayNumber("2026-03-01"),
      want: ["2023", "2024", "2025", "2026"],
    },
  ])("date ticks: $label", ({ lo, hi, want }) => expect(dateTicks(lo, hi).map((t) => t.label)).toEqual(want));

  it.each([
    { label: "every power of two", lo: 0, hi: 4, want: [0, 1, 2, 3, 4] },
    { label: "thinned to at most 8", lo: 0, hi: 15, want: [0, 2, 4, 6, 8, 10, 12, 14] },
    { label: "fractional ends", lo: 2.5, hi: 3.5, want: [3] },
  ])("log2 ticks: $label", ({ lo, hi, want }) => {
    const t = log2Ticks(lo, hi);
    expect(t.map((x) => x.value)).toEqual(want);
    for (const x of t) expect(x.label).toBe(formatMinutes(2 ** x.value));
  });

  it.each([
    { min: 0.5, want: "0.5 min" },
    { min: 2, want: "2 min" },
    { min: 10.77, want: "10.8 min" },
    { min: 120, want: "2 h" },
    { min: 2400, want: "40 h" },
  ])("formatMinutes($min) = $want", ({ min, want }) => expect(formatMinutes(min)).toBe(want));
});
