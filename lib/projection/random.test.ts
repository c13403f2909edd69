import { describe, expect, it } from "vitest";
import { centralInterval, quantileSorted } from "./quantile";
import { mulberry32, seedFrom } from "./random";

describe("mulberry32", () => {
  it("is reproducible per seed and differs across seeds", () => {
    const a = mulberry32(1);
    const b = mulberry32(1);
    const c = mulberry32(2);
    const sa = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(sa);
    expect(c()).not.toBe(sa[0]);
    // Pinned: the reference mulberry32 sequence for seed 1.
    expect(sa[0]).toBeCloseTo(0.6270739405881613, 15);
  });

  it("stays in [0, 1) with mean ≈ 0.5", () => {
    const r = mulberry32(123);
    let sum = 0;
    for (let i = 0; i < 100_000; i++) {
      const v = r();
      expect(v >= 0 && v < 1).toBe(true);
      sum += v;
    }
    expect(sum / 100_000).toBeCloseTo(0.5, 2);
  });

  it("seedFrom is stable and label-sensitive", () => {
    expect(seedFrom("mmlu")).toBe(seedFrom("mmlu"));
    expect(seedFrom("mmlu")).not.toBe(seedFrom("gsm8k"));
    expect(seedFrom("mmlu", 1)).not.toBe(seedFrom("mmlu", 2));
  });
});

describe("quantiles", () => {
  const rows = [
    { label: "median of odd count", values: [1, 2, 3], q: 0.5, want: 2 },
    { label: "interpolated", values: [0, 10], q: 0.25, want: 2.5 },
    { label: "q = 0", values: [3, 4], q: 0, want: 3 },
    { label: "q = 1", values: [3, 4], q: 1, want: 4 },
    { label: "+∞ neighbour", values: [1, Infinity], q: 0.9, want: Infinity },
    { label: "−∞ neighbour", values: [-Infinity, 1], q: 0.1, want: -Infinity },
    { label: "two +∞ (no NaN)", values: [1, Infinity, Infinity], q: 0.8, want: Infinity },
    { label: "empty", values: [], q: 0.5, want: NaN },
  ];
  it.each(rows)("$label", ({ values, q, want }) => {
    expect(quantileSorted(Float64Array.from(values), q)).toBe(want);
  });

  it("centralInterval drops NaN and takes the 10th/90th percentiles at 0.8", () => {
    const values = [NaN, ...Array.from({ length: 101 }, (_, i) => i)];
    expect(centralInterval(values, 0.8)).toEqual([10, 90]);
  });
});
