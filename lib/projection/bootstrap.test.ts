import { describe, expect, it } from "vitest";
import { obsScalingPoints } from "@/test/fixtures/projection/load";
import { bootstrapSigmoid } from "./bootstrap";
import { fitSigmoid } from "./fit-sigmoid";
import { mulberry32 } from "./random";

const mmlu = obsScalingPoints("MMLU");
const bounds = { floor: 0.25, ceiling: 1 };
const fit = fitSigmoid(mmlu, bounds);

describe("bootstrapSigmoid", () => {
  it("is reproducible for a seed and changes with it", () => {
    const a = bootstrapSigmoid(mmlu, fit, { resamples: 200, seed: 5 });
    const b = bootstrapSigmoid(mmlu, fit, { resamples: 200, seed: 5 });
    const c = bootstrapSigmoid(mmlu, fit, { resamples: 200, seed: 6 });
    expect(Array.from(a.k)).toEqual(Array.from(b.k));
    expect(Array.from(a.noise)).toEqual(Array.from(b.noise));
    expect(Array.from(a.k)).not.toEqual(Array.from(c.k));
  });

  it("defaults to 1000 resamples, all usable on real data, centred on the full fit", () => {
    const boot = bootstrapSigmoid(mmlu, fit);
    expect(boot.resamples).toBe(1000);
    expect(boot.failed).toBe(0);
    const ks = Array.from(boot.k).sort((p, q) => p - q);
    const median = ks[500] as number;
    expect(Math.abs(median - fit.k)).toBeLessThan(0.15);
    // Each model is out of bag in ≈ (1 − 1/n)^n ≈ 37 % of resamples.
    let out = 0;
    for (let b = 0; b < boot.resamples; b++) if (boot.inBag[b * boot.n] === 0) out++;
    expect(out / boot.resamples).toBeGreaterThan(0.3);
    expect(out / boot.resamples).toBeLessThan(0.44);
  });

  it("warm-started, few-iteration refits match a cold full fit of the same resample", () => {
    const seed = 11;
    const boot = bootstrapSigmoid(mmlu, fit, { resamples: 10, seed });
    // Replay the draws: n indices, then the noise pick, per resample.
    const rand = mulberry32(seed);
    const n = mmlu.length;
    for (let b = 0; b < 10; b++) {
      const sample = Array.from({ length: n }, () => mmlu[Math.floor(rand() * n)] as (typeof mmlu)[number]);
      rand();
      const cold = fitSigmoid(sample, bounds);
      expect(Math.abs((boot.k[b] as number) - cold.k)).toBeLessThan(1e-4);
      expect(Math.abs((boot.x0[b] as number) - cold.x0)).toBeLessThan(1e-4);
    }
  });

  it("marks resamples with a single distinct compute as failed (NaN)", () => {
    const two = [
      { x: 21, y: 0.3 },
      { x: 23, y: 0.8 },
    ];
    const boot = bootstrapSigmoid(two, fitSigmoid(two, bounds), { resamples: 400, seed: 1 });
    // P(both draws equal) = 1/2.
    expect(boot.failed / 400).toBeGreaterThan(0.4);
    expect(boot.failed / 400).toBeLessThan(0.6);
    const nan = Array.from(boot.k).filter(Number.isNaN).length;
    expect(nan).toBe(boot.failed);
  });
});
