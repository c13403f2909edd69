import { describe, expect, it } from "vitest";
import { obsScalingPoints } from "@/test/fixtures/projection/load";
import { bootstrapSigmoid } from "./bootstrap";
import { fitSigmoid } from "./fit-sigmoid";
import { predictAt, predictBand } from "./predict";
import { mulberry32 } from "./random";
import { sigmoidAt } from "./sigmoid";

const truth = { floor: 0.25, ceiling: 1, k: 1.3, x0: 23 };
/** Normal noise by Box–Muller on the seeded stream. */
function noisy(n: number, seed: number, sd: number) {
  const r = mulberry32(seed);
  return Array.from({ length: n }, (_, i) => {
    const x = 20 + (5 * (i + r())) / n;
    const z = Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
    return { id: `m${i}`, x, y: sigmoidAt(truth, x) + sd * z };
  });
}

describe("predictAt", () => {
  const train = noisy(100, 1, 0.03);
  const fit = fitSigmoid(train, truth);
  const boot = bootstrapSigmoid(train, fit);

  it("80% prediction interval covers ≈ 80% of fresh models from the same process", () => {
    const fresh = noisy(400, 2, 0.03);
    const inside = fresh.filter((p) => {
      const pr = predictAt(fit, boot, p.x);
      return p.y >= pr.prediction.low && p.y <= pr.prediction.high;
    }).length;
    expect(inside / fresh.length).toBeGreaterThan(0.72);
    expect(inside / fresh.length).toBeLessThan(0.88);
  });

  it.each([
    { label: "low end", x: 20.5 },
    { label: "midpoint", x: 23 },
    { label: "beyond the data", x: 26.5 },
  ])("prediction interval contains the confidence interval ($label)", ({ x }) => {
    const pr = predictAt(fit, boot, x);
    expect(pr.prediction.low).toBeLessThanOrEqual(pr.confidence.low);
    expect(pr.prediction.high).toBeGreaterThanOrEqual(Math.min(pr.confidence.high, truth.ceiling));
    expect(pr.confidence.low).toBeLessThanOrEqual(pr.y);
    expect(pr.confidence.high).toBeGreaterThanOrEqual(pr.y);
    expect(pr.used).toBe(1000);
    expect(pr.prediction.level).toBe(0.8);
  });

  it("never predicts past the ceiling by default; an explicit range clips both ends", () => {
    const high = predictAt(fit, boot, 27);
    expect(high.prediction.high).toBeLessThanOrEqual(1);
    const clipped = predictAt(fit, boot, 20, { range: [0.26, 0.9] });
    expect(clipped.prediction.low).toBeGreaterThanOrEqual(0.26);
  });

  it("a wider level gives a wider interval", () => {
    const a = predictAt(fit, boot, 22, { level: 0.5 });
    const b = predictAt(fit, boot, 22, { level: 0.95 });
    expect(b.prediction.high - b.prediction.low).toBeGreaterThan(a.prediction.high - a.prediction.low);
  });

  it("outOfBag uses only the resamples that did not draw the model", () => {
    const pr = predictAt(fit, boot, train[0]!.x, { outOfBag: 0 });
    expect(pr.used).toBeGreaterThan(300);
    expect(pr.used).toBeLessThan(440);
  });

  it("predictBand gives steps + 1 points, increasing for an increasing fit", () => {
    const band = predictBand(fit, boot, 20, 26, 12);
    expect(band).toHaveLength(13);
    expect(band[0]!.x).toBe(20);
    expect(band[12]!.x).toBe(26);
    for (let i = 1; i < band.length; i++) expect(band[i]!.y).toBeGreaterThan(band[i - 1]!.y);
  });

  it("on real MMLU the interval at Llama-2-70B's compute contains its score", () => {
    const pts = obsScalingPoints("MMLU");
    const f = fitSigmoid(pts, { floor: 0.25, ceiling: 1 });
    const b = bootstrapSigmoid(pts, f);
    const llama = pts.find((p) => p.id === "meta-llama/Llama-2-70b-hf")!;
    const pr = predictAt(f, b, llama.x);
    expect(llama.y).toBeGreaterThan(pr.prediction.low);
    expect(llama.y).toBeLessThan(pr.prediction.high);
  });
});
