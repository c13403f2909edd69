import { describe, expect, it } from "vitest";
import { loadPolicyText } from "@/lib/policy";
import { projectPolicy } from "./policy-projections";
import type { ProjectionModel } from "./policy-projections";

const policy = (() => {
  const r = loadPolicyText(
    JSON.stringify({
      schema: "scalegate/policy@1",
      id: "proj-policy",
      title: "t",
      version: "1",
      publisher: "p",
      published: "2025-01-01",
      source: "s",
      levels: ["low", "high"],
      rollup: "max",
      aggregate: "max",
      metrics: [
        {
          id: "frac",
          domain: "cyber",
          unit: "fraction",
          higher_is_riskier: true,
          continuity: "continuous",
          chance: 0,
          ceiling: 1,
        },
        {
          id: "horizon",
          domain: "autonomy",
          unit: "minutes",
          higher_is_riskier: true,
          continuity: "continuous",
        },
        { id: "rare", domain: "bio", unit: "fraction", higher_is_riskier: true, continuity: "continuous" },
      ],
      domains: [
        {
          id: "d",
          title: "D",
          thresholds: [
            {
              id: "t-frac",
              level: "high",
              definition: "x",
              when: { metric: "frac", gte: 0.5, calibration: "illustrative" },
            },
            {
              id: "t-horizon",
              level: "high",
              definition: "x",
              when: { metric: "horizon", gte: 480, calibration: "illustrative" },
            },
            {
              id: "t-rare",
              level: "high",
              definition: "x",
              when: { metric: "rare", gte: 0.5, calibration: "illustrative" },
            },
          ],
        },
      ],
      gates: { deploy: [{ outcome: "allow" }] },
    }),
    "proj-policy.yaml",
  );
  if (!r.ok) throw new Error(r.problems[0]!.message);
  return r.policy;
})();

/** Synthetic models on a known curve: frac = σ(2·(log10 C − 25)), crossing 0.5 at exactly 1e25 FLOP;
 *  horizon doubles every 200 days from 1 minute on 2022-01-01. */
function models(): ProjectionModel[] {
  const out: ProjectionModel[] = [];
  for (let i = 0; i < 12; i++) {
    const x = 22.5 + i * 0.4;
    const day = i * 100;
    const date = new Date(Date.UTC(2022, 0, 1) + day * 86400000).toISOString().slice(0, 10);
    const scores = new Map<string, number>([
      ["frac", 1 / (1 + Math.exp(-2 * (x - 25)))],
      ["horizon", 2 ** (day / 200)],
    ]);
    if (i < 2) scores.set("rare", 0.1);
    out.push({
      id: `synthetic-${i}`,
      family: i % 2 ? "odd" : "even",
      release_date: date,
      training_flop: 10 ** x,
      scores,
    });
  }
  return out;
}

describe("projectPolicy", () => {
  const r = projectPolicy(policy, models(), { plannedFlop: 1e26, resamples: 200, seed: 3 });
  const leaf = (id: string) => r.leaves.find((l) => l.threshold === id)!;

  it("finds the crossing compute of a clean sigmoid, with an interval around it", () => {
    const l = leaf("t-frac");
    expect(l.method).toBe("compute-sigmoid");
    expect(l.n).toBe(12);
    expect(Math.log10(l.crossing!.flop!)).toBeCloseTo(25, 2);
    expect(l.crossing!.low!).toBeLessThanOrEqual(l.crossing!.flop!);
    expect(l.crossing!.high!).toBeGreaterThanOrEqual(l.crossing!.flop!);
    // a run 10x past the crossing is past it in every resample
    expect(l.p_planned).toBe(1);
    expect(l.backtest && "mae" in l.backtest ? l.backtest.mae : 1).toBeLessThan(0.01);
  });

  it("projects a minutes metric by its doubling time and dates the crossing", () => {
    const l = leaf("t-horizon");
    expect(l.method).toBe("time-trend");
    expect(l.trend!.doublingDays).toBeCloseTo(200, 6);
    // 480 minutes = 2^8.907 → 1781 days after 2022-01-01
    expect(l.crossing_date!.date).toBe(
      new Date(Date.UTC(2022, 0, 1) + Math.round(200 * Math.log2(480)) * 86400000).toISOString().slice(0, 10),
    );
  });

  it("says why a leaf with too few points has no projection", () => {
    const l = leaf("t-rare");
    expect(l.method).toBe("none");
    expect(l.skipped).toContain("at least 3");
  });

  it("restricts to one model family", () => {
    const odd = projectPolicy(policy, models(), { family: "odd", resamples: 50 });
    expect(odd.leaves.find((l) => l.threshold === "t-frac")!.n).toBe(6);
  });

  it("is reproducible with a seed", () => {
    const again = projectPolicy(policy, models(), { plannedFlop: 1e26, resamples: 200, seed: 3 });
    expect(JSON.stringify(again.leaves.map((l) => l.crossing))).toBe(
      JSON.stringify(r.leaves.map((l) => l.crossing)),
    );
  });
});
