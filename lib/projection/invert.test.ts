import { describe, expect, it } from "vitest";
import { obsScalingPoints } from "@/test/fixtures/projection/load";
import { bootstrapSigmoid } from "./bootstrap";
import { fitSigmoid } from "./fit-sigmoid";
import { crossingSamples, crossingX, invertThreshold, isPast, probabilityPast } from "./invert";
import { sigmoidAt } from "./sigmoid";
import type { Threshold } from "./types";

const up = { floor: 0.25, ceiling: 1, k: 2, x0: 23 };
const down = { floor: 0.25, ceiling: 1, k: -2, x0: 23 };
const mirror = { floor: 1, ceiling: 0, k: 2, x0: 23 };

describe("crossingX", () => {
  const rows: { label: string; p: typeof up; t: Threshold; want: number | "finite" }[] = [
    {
      label: "gte on an increasing curve: at the midpoint value",
      p: up,
      t: { op: "gte", value: 0.625 },
      want: 23,
    },
    { label: "gt behaves like gte on a continuous curve", p: up, t: { op: "gt", value: 0.625 }, want: 23 },
    {
      label: "threshold exactly at the ceiling is never reached",
      p: up,
      t: { op: "gte", value: 1 },
      want: Infinity,
    },
    { label: "threshold above the ceiling", p: up, t: { op: "gte", value: 1.01 }, want: Infinity },
    {
      label: "threshold exactly at the floor: past everywhere",
      p: up,
      t: { op: "gte", value: 0.25 },
      want: -Infinity,
    },
    { label: "threshold below the floor", p: up, t: { op: "gte", value: 0.1 }, want: -Infinity },
    {
      label: "gte on a falling curve: compute moves away",
      p: down,
      t: { op: "gte", value: 0.5 },
      want: Infinity,
    },
    {
      label: "lte on a falling curve (the mirror): crosses",
      p: down,
      t: { op: "lte", value: 0.625 },
      want: 23,
    },
    { label: "lte on a rising curve: never", p: up, t: { op: "lte", value: 0.5 }, want: Infinity },
    { label: "lt with floor > ceiling (lower is riskier)", p: mirror, t: { op: "lt", value: 0.5 }, want: 23 },
    {
      label: "just above the midpoint value (+ε)",
      p: up,
      t: { op: "gte", value: 0.625 + 1e-9 },
      want: "finite",
    },
  ];
  it.each(rows)("$label", ({ p, t, want }) => {
    const x = crossingX(p, t);
    if (want === "finite") {
      expect(x).toBeGreaterThan(23);
      expect(x).toBeLessThan(23 + 1e-6);
    } else expect(x).toBeCloseTo(want, 10);
  });

  it.each([0.3, 0.5, 0.9, 0.99])("round-trips through the curve (threshold %s)", (v) => {
    const x = crossingX(up, { op: "gte", value: v });
    expect(sigmoidAt(up, x)).toBeCloseTo(v, 12);
  });

  it.each([
    { label: "gte at equality", v: 0.5, t: { op: "gte", value: 0.5 } as Threshold, want: true },
    { label: "gt at equality", v: 0.5, t: { op: "gt", value: 0.5 } as Threshold, want: false },
    { label: "lte at equality", v: 0.5, t: { op: "lte", value: 0.5 } as Threshold, want: true },
    { label: "lt at equality", v: 0.5, t: { op: "lt", value: 0.5 } as Threshold, want: false },
    { label: "NaN is never past", v: NaN, t: { op: "gte", value: 0.5 } as Threshold, want: false },
  ])("isPast: $label", ({ v, t, want }) => {
    expect(isPast(v, t)).toBe(want);
  });
});

describe("invertThreshold and probabilityPast on real MMLU", () => {
  const pts = obsScalingPoints("MMLU");
  const fit = fitSigmoid(pts, { floor: 0.25, ceiling: 1 });
  const boot = bootstrapSigmoid(pts, fit);

  it("MMLU ≥ 0.9 crosses at ≈ 1.2e25 FLOP with an 80% interval around it (pinned)", () => {
    const c = invertThreshold(fit, boot, { op: "gte", value: 0.9 });
    expect(c.status).toBe("crosses");
    expect(c.x).toBeCloseTo(25.085, 2);
    expect(c.low!).toBeLessThan(c.x!);
    expect(c.high!).toBeGreaterThan(c.x!);
    expect(c.low).toBeCloseTo(24.76, 1);
    expect(c.high).toBeCloseTo(25.61, 1);
    expect(c.neverFraction).toBe(0);
  });

  it("a threshold at the ceiling is never crossed by any resample", () => {
    const c = invertThreshold(fit, boot, { op: "gte", value: 1 });
    expect(c.status).toBe("never");
    expect(c.x).toBeNull();
    expect(c.high).toBeNull();
    expect(c.neverFraction).toBe(1);
  });

  it("a threshold under the floor is already past", () => {
    const c = invertThreshold(fit, boot, { op: "gte", value: 0.2 });
    expect(c.status).toBe("already");
    expect(c.alreadyFraction).toBe(1);
    expect(c.low).toBeNull();
  });

  it("reports the share of resamples that never cross when the curve is uncertain in sign", () => {
    const flat = [
      { x: 20, y: 0.3 },
      { x: 21, y: 0.26 },
      { x: 22, y: 0.31 },
      { x: 23, y: 0.27 },
      { x: 24, y: 0.3 },
      { x: 25, y: 0.28 },
    ];
    const f = fitSigmoid(flat, { floor: 0.25, ceiling: 1 });
    const b = bootstrapSigmoid(flat, f, { seed: 3 });
    const c = invertThreshold(f, b, { op: "gte", value: 0.8 });
    expect(c.neverFraction).toBeGreaterThan(0.05);
    expect(c.neverFraction).toBeLessThan(0.95);
    expect(
      crossingSamples(b, { op: "gte", value: 0.8 }).filter((x) => x === Infinity).length / 1000,
    ).toBeCloseTo(c.neverFraction, 10);
  });

  it.each([
    { label: "far below the data", x: 18, lo: 0, hi: 0 },
    { label: "at the crossing", x: 25.085, lo: 0.35, hi: 0.65 },
    { label: "a 1e26 FLOP planned run", x: 26, lo: 0.9, hi: 1 },
    { label: "far beyond", x: 30, lo: 1, hi: 1 },
  ])("P(crossing) $label", ({ x, lo, hi }) => {
    const p = probabilityPast(boot, x, { op: "gte", value: 0.9 });
    expect(p).toBeGreaterThanOrEqual(lo);
    expect(p).toBeLessThanOrEqual(hi);
  });
});
