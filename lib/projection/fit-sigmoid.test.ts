import { describe, expect, it } from "vitest";
import { levenbergMarquardt } from "ml-levenberg-marquardt";
import { DomainError } from "@/lib/errors";
import { OBSSCALING_BENCHMARKS, OBSSCALING_FLOORS, obsScalingPoints } from "@/test/fixtures/projection/load";
import { fitSigmoid, lmSigmoid, FULL_FIT } from "./fit-sigmoid";
import { mulberry32 } from "./random";
import { sigmoidAt } from "./sigmoid";

/** n points on an even grid from a known curve, plus seeded uniform noise of ± noise. */
function synthetic(
  p: { floor: number; ceiling: number; k: number; x0: number },
  n: number,
  from: number,
  to: number,
  noise: number,
) {
  const rand = mulberry32(42);
  return Array.from({ length: n }, (_, i) => {
    const x = from + ((to - from) * i) / (n - 1);
    return { x, y: sigmoidAt(p, x) + (rand() * 2 - 1) * noise };
  });
}

describe("fitSigmoid recovers known curves", () => {
  const rows = [
    {
      label: "increasing, centred",
      truth: { floor: 0.25, ceiling: 1, k: 1.5, x0: 23 },
      from: 20,
      to: 26,
      noise: 0.01,
    },
    {
      label: "decreasing (negative k)",
      truth: { floor: 0.25, ceiling: 1, k: -1.2, x0: 22 },
      from: 19,
      to: 25,
      noise: 0.01,
    },
    {
      label: "steep transition",
      truth: { floor: 0, ceiling: 1, k: 8, x0: 23 },
      from: 21,
      to: 25,
      noise: 0.005,
    },
    {
      label: "only the lower half observed",
      truth: { floor: 0, ceiling: 1, k: 1, x0: 25 },
      from: 20,
      to: 25,
      noise: 0.002,
    },
    {
      label: "floor above ceiling (mirror metric)",
      truth: { floor: 1, ceiling: 0, k: 2, x0: 22 },
      from: 20,
      to: 24,
      noise: 0.01,
    },
    {
      label: "no noise, exact",
      truth: { floor: 0.5, ceiling: 1, k: 2.5, x0: 22.5 },
      from: 20,
      to: 25,
      noise: 0,
    },
  ];
  it.each(rows)("$label", ({ truth, from, to, noise }) => {
    const pts = synthetic(truth, 60, from, to, noise);
    const fit = fitSigmoid(pts, truth);
    expect(fit.converged).toBe(true);
    expect(fit.k).toBeCloseTo(truth.k, noise === 0 ? 6 : 0);
    expect(Math.abs(fit.k - truth.k) / Math.abs(truth.k)).toBeLessThan(noise === 0 ? 1e-6 : 0.15);
    expect(Math.abs(fit.x0 - truth.x0)).toBeLessThan(noise === 0 ? 1e-6 : 0.15);
    expect(fit.n).toBe(60);
    expect(fit.xMin).toBe(from);
    expect(fit.xMax).toBe(to);
  });
});

describe("fitSigmoid agrees with ml-levenberg-marquardt on the real ObsScaling data", () => {
  it.each(OBSSCALING_BENCHMARKS.map((b) => ({ label: b, b })))("$label", ({ b }) => {
    const pts = obsScalingPoints(b);
    const floor = OBSSCALING_FLOORS[b];
    const fit = fitSigmoid(pts, { floor, ceiling: 1 });
    const ref = levenbergMarquardt(
      { x: pts.map((p) => p.x), y: pts.map((p) => p.y) },
      ([k, x0]) =>
        (x) =>
          floor + (1 - floor) / (1 + Math.exp(-(k as number) * (x - (x0 as number)))),
      {
        initialValues: [fit.k * 0.8, fit.x0 + 0.3],
        damping: 1e-2,
        maxIterations: 2000,
        errorTolerance: 1e-12,
        gradientDifference: 1e-6,
        centralDifference: true,
      },
    );
    const [rk, rx0] = ref.parameterValues as [number, number];
    const refSse = pts.reduce(
      (s, p) => s + (p.y - sigmoidAt({ floor, ceiling: 1, k: rk, x0: rx0 }, p.x)) ** 2,
      0,
    );
    // Ours is never worse than the reference solver, and both land on the same optimum.
    expect(fit.sse).toBeLessThanOrEqual(refSse + 1e-9);
    expect(Math.abs(fit.k - rk)).toBeLessThan(0.05 * Math.abs(fit.k) + 1e-3);
  });

  it("MMLU optimum (pinned)", () => {
    const fit = fitSigmoid(obsScalingPoints("MMLU"), { floor: 0.25, ceiling: 1 });
    expect(fit.k).toBeCloseTo(1.4067, 3);
    expect(fit.x0).toBeCloseTo(23.7546, 3);
    expect(fit.rmse).toBeCloseTo(0.1087, 3);
  });
});

describe("fitSigmoid robustness", () => {
  it("LM from a hopeless start stays finite, and the grid start rescues the full fit", () => {
    const truth = { floor: 0, ceiling: 1, k: 3, x0: 23 };
    const pts = synthetic(truth, 40, 21, 25, 0.01);
    const centre = pts.reduce((s, p) => s + p.x, 0) / pts.length;
    const u = Float64Array.from(pts, (p) => p.x - centre);
    const y = Float64Array.from(pts, (p) => p.y);
    // Slope of the wrong sign, midpoint far outside the data: every σ saturated, Jacobian ≈ 0.
    const stuck = lmSigmoid(u, y, new Float64Array(40).fill(1), 0, 1, -40, 55, FULL_FIT);
    expect(Number.isFinite(stuck.sse)).toBe(true);
    const fit = fitSigmoid(pts, truth, { start: { k: -40, x0: 30 } });
    expect(fit.k).toBeGreaterThan(2.5);
    expect(fit.start).not.toBe("warm");
  });

  it("a flat series fits a shallow curve without NaN", () => {
    const pts = Array.from({ length: 10 }, (_, i) => ({ x: 20 + i * 0.3, y: 0.5 }));
    const fit = fitSigmoid(pts, { floor: 0, ceiling: 1 });
    for (const p of pts) expect(sigmoidAt(fit, p.x)).toBeCloseTo(0.5, 6);
  });

  it("two points are fitted exactly (rmse undefined)", () => {
    const fit = fitSigmoid(
      [
        { x: 21, y: 0.3 },
        { x: 23, y: 0.8 },
      ],
      { floor: 0.25, ceiling: 1 },
    );
    expect(sigmoidAt(fit, 21)).toBeCloseTo(0.3, 6);
    expect(sigmoidAt(fit, 23)).toBeCloseTo(0.8, 6);
    expect(Number.isNaN(fit.rmse)).toBe(true);
  });

  const bad = [
    { label: "empty input", pts: [], bounds: { floor: 0, ceiling: 1 }, msg: /at least 2 points/ },
    {
      label: "one point",
      pts: [{ x: 22, y: 0.5 }],
      bounds: { floor: 0, ceiling: 1 },
      msg: /at least 2 points/,
    },
    {
      label: "one distinct x",
      pts: [
        { x: 22, y: 0.5 },
        { x: 22, y: 0.6 },
      ],
      bounds: { floor: 0, ceiling: 1 },
      msg: /distinct/,
    },
    {
      label: "NaN score",
      pts: [
        { x: 22, y: NaN },
        { x: 23, y: 0.6 },
      ],
      bounds: { floor: 0, ceiling: 1 },
      msg: /finite/,
    },
    {
      label: "floor = ceiling",
      pts: [
        { x: 22, y: 0.5 },
        { x: 23, y: 0.6 },
      ],
      bounds: { floor: 1, ceiling: 1 },
      msg: /differ/,
    },
  ];
  it.each(bad)("rejects $label with a VALIDATION error", ({ pts, bounds, msg }) => {
    let error: unknown;
    try {
      fitSigmoid(pts, bounds);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe("VALIDATION");
    expect((error as DomainError).message).toMatch(msg);
  });
});
