import { describe, expect, it } from "vitest";
import {
  epochComputePoints,
  obsScalingPoints,
  PYTHIA_TOKENS,
  pythiaMmlu,
  pythiaRuns,
} from "@/test/fixtures/projection/load";
import { effectiveCompute } from "./effective-compute";
import { project } from "./project";
import { fitFrontierTrend } from "./trend";

const mmlu = obsScalingPoints("MMLU");
const bounds = { floor: 0.25, ceiling: 1 };

describe("project", () => {
  const frontier = fitFrontierTrend(epochComputePoints());
  const p = project({ points: mmlu, bounds, threshold: { op: "gte", value: 0.9 }, plannedX: 26, frontier });

  it("fits, inverts, dates and prices a planned run in one call (MMLU ≥ 0.9)", () => {
    expect(p.fit.n).toBe(123);
    expect(p.crossing.status).toBe("crosses");
    expect(p.crossing.x).toBeCloseTo(25.085, 2);
    // The frontier trend reached ~1.2e25 FLOP in early 2023 (GPT-4 is 2.1e25 in March 2023).
    expect(p.crossingDate?.date).toMatch(/^2023-/);
    expect(p.crossingDate!.low! < p.crossingDate!.high!).toBe(true);
    expect(p.pPlanned).toBeGreaterThan(0.9);
    expect(p.warnings).toEqual([]);
  });

  it("is reproducible and seed-sensitive", () => {
    const again = project({
      points: mmlu,
      bounds,
      threshold: { op: "gte", value: 0.9 },
      plannedX: 26,
      frontier,
    });
    expect(again.crossing).toEqual(p.crossing);
    expect(again.pPlanned).toBe(p.pPlanned);
    const other = project({ points: mmlu, bounds, threshold: { op: "gte", value: 0.9 }, seed: 99 });
    expect(other.crossing.low).not.toBe(p.crossing.low);
  });

  it("warns on extrapolation when the planned run is far beyond the data", () => {
    const far = project({ points: mmlu, bounds, threshold: { op: "gte", value: 0.9 }, plannedX: 28 });
    expect(far.warnings.map((w) => w.code)).toEqual(["EXTRAPOLATION"]);
    expect(far.pPlanned).toBe(1);
  });

  it("Pythia zero-shot MMLU: a crossing comes out, and so does STUCK_AT_FLOOR with it", () => {
    const pts = pythiaRuns().map((r) => ({
      id: r.size,
      x: effectiveCompute({ params: r.params, tokens: PYTHIA_TOKENS })!.log10,
      y: pythiaMmlu(r),
    }));
    const stuck = project({ points: pts, bounds, threshold: { op: "gte", value: 0.7 } });
    expect(stuck.warnings.map((w) => w.code)).toContain("STUCK_AT_FLOOR");
    expect(stuck.warnings.map((w) => w.code)).toContain("EXTRAPOLATION");
  });

  it("a never-reached threshold has no crossing date", () => {
    const never = project({ points: mmlu, bounds, threshold: { op: "gte", value: 1 }, frontier });
    expect(never.crossing.status).toBe("never");
    expect(never.crossingDate?.date).toBeNull();
    expect(never.crossingDate?.neverFraction).toBe(1);
  });
});
