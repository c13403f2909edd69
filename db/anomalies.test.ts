import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTempDb } from "@/test/fixtures/db/helpers";
import type { TempDb } from "@/test/fixtures/db/helpers";
import { fitSigmoid, mulberry32, sigmoidAt } from "@/lib/projection";
import type { ProjectionPoint } from "@/lib/projection";
import { DomainError } from "@/lib/errors";
import { MIN_OTHER_MODELS, checkMetric, modelAnomalies, policyAnomalies } from "./anomalies";
import { seedDemo } from "./seed";

// Clean synthetic curve with one model planted far below it and one far above.
const truth = { floor: 0, ceiling: 1, k: 1.5, x0: 23 };
function curve(n = 30): ProjectionPoint[] {
  const r = mulberry32(7);
  const pts = Array.from({ length: n }, (_, i) => {
    const x = 20 + (6 * i) / (n - 1);
    return { id: `m${i}`, x, y: sigmoidAt(truth, x) + (r() - 0.5) * 0.02 };
  });
  if (n < 30) return pts;
  pts[12] = { ...pts[12]!, id: "sandbagger", y: pts[12]!.y - 0.3 };
  pts[18] = { ...pts[18]!, id: "jumper", y: Math.min(1, pts[18]!.y + 0.3) };
  return pts;
}
const leafOf = (points: ProjectionPoint[], over: Partial<Parameters<typeof checkMetric>[0]> = {}) => ({
  metric: "m.score",
  method: "compute-sigmoid" as const,
  points,
  fit: fitSigmoid(points, { floor: 0, ceiling: 1 }),
  warnings: [],
  ...over,
});

describe("checkMetric", () => {
  const checks = checkMetric(leafOf(curve()));

  it("a model far below the others at its compute is flagged below, with the interval it missed", () => {
    const c = checks.get("sandbagger")!;
    expect(c.status).toBe("below");
    expect(c.note).toBe("possible under-elicitation or sandbagging");
    expect(c.value).toBeLessThan(c.low!);
    expect(c.low!).toBeLessThan(c.high!);
    expect(c.level).toBe(0.8);
    expect(c.others).toBe(29);
    expect(c.flop).toBeCloseTo(10 ** curve()[12]!.x, -10);
  });

  it("a model far above is flagged above", () => {
    const c = checks.get("jumper")!;
    expect(c.status).toBe("above");
    expect(c.note).toBe("jump or possible contamination");
    expect(c.value).toBeGreaterThan(c.high!);
  });

  it("most models are within the interval, and each is said to be checked", () => {
    const within = [...checks.values()].filter((c) => c.status === "within");
    expect(within.length).toBeGreaterThan(20);
    expect(checks.size).toBe(30);
    expect(within.every((c) => c.reason === undefined && c.low === undefined)).toBe(true);
  });

  it.each([
    { label: "one too few other models", n: MIN_OTHER_MODELS, checked: false },
    { label: "exactly enough other models", n: MIN_OTHER_MODELS + 1, checked: true },
  ])("$label ($n points)", ({ n, checked }) => {
    const pts = curve(29).slice(0, n);
    const r = checkMetric(leafOf(pts));
    expect(r.size).toBe(n);
    for (const c of r.values()) {
      if (checked) expect(c.status).not.toBe("not_checked");
      else {
        expect(c.status).toBe("not_checked");
        expect(c.reason).toBe(
          `only ${n - 1} other models with a score and a known compute on this metric; at least 5 are needed`,
        );
      }
    }
  });

  it("no projection (too few points) and time-trend metrics are not checked, and say why", () => {
    const pts = curve(3);
    const none = checkMetric({
      metric: "m.score",
      method: "none",
      points: pts,
      fit: undefined,
      warnings: [],
    });
    expect([...none.values()].map((c) => c.status)).toEqual(["not_checked", "not_checked", "not_checked"]);
    expect(none.get("m0")!.reason).toMatch(/^only 2 other models/);
    const trend = checkMetric({ ...leafOf(curve()), method: "time-trend" });
    expect(trend.get("sandbagger")).toMatchObject({
      status: "not_checked",
      flop: null,
      reason: "a time-horizon metric, projected against release date rather than compute",
    });
  });

  it("the fit's warnings travel with each check, EXTRAPOLATION left out", () => {
    const r = checkMetric(
      leafOf(curve(), {
        warnings: [
          { code: "NON_MONOTONE", message: "" },
          { code: "EXTRAPOLATION", message: "" },
        ],
      }),
    );
    expect(r.get("m0")!.fit_warnings).toEqual(["NON_MONOTONE"]);
  });

  it("empty curve, empty answer", () => {
    expect(checkMetric({ metric: "m", method: "none", points: [], fit: undefined, warnings: [] }).size).toBe(
      0,
    );
  });
});

describe("policyAnomalies on the demo data", () => {
  const POLICY = "anthropic-rsp-v2-2";
  let t: TempDb;
  // Seeding the demo imports every shipped file: slower than a unit test's default hook timeout.
  beforeAll(() => {
    t = openTempDb();
    seedDemo(t.db);
    // The first call evaluates every model and fits every curve; later ones read the cache.
    policyAnomalies(t.db, POLICY);
  }, 120_000);
  afterAll(() => t.dispose());

  it("GPT-4.5 scores below the other models on Cybench at its compute: flagged below", () => {
    const c = modelAnomalies(t.db, POLICY, "gpt-4.5-preview-2025-02-27").find(
      (x) => x.metric === "cybench.unguided",
    )!;
    expect(c).toMatchObject({ status: "below", value: 0.175, others: 6 });
    expect(c.value).toBeLessThan(c.low!);
    expect(c.flop).toBeCloseTo(3.8e26, -24);
  });

  it("Claude 3.7 Sonnet scores above them: flagged above; its METR horizon is not checked", () => {
    const checks = modelAnomalies(t.db, POLICY, "claude-3-7-sonnet-20250219");
    expect(checks.find((c) => c.metric === "cybench.unguided")).toMatchObject({
      status: "above",
      value: 0.2,
    });
    expect(checks.find((c) => c.metric === "metr.p50_horizon_minutes.v1-1")).toMatchObject({
      status: "not_checked",
      reason: "a time-horizon metric, projected against release date rather than compute",
    });
  });

  it("a model without a known compute is not checked, and nothing claims it normal", () => {
    const checks = modelAnomalies(t.db, POLICY, "claude-opus-4-20250514");
    const cy = checks.find((c) => c.metric === "cybench.unguided")!;
    expect(cy).toMatchObject({ status: "not_checked", flop: null });
    expect(cy.reason).toMatch(/^no known training compute/);
    expect(checks.some((c) => c.status === "within")).toBe(false);
  });

  it("PostTrainBench has three models with compute: too few others to check", () => {
    const c = modelAnomalies(t.db, POLICY, "kimi-k2-thinking").find(
      (x) => x.metric === "posttrainbench.average",
    );
    expect(c).toMatchObject({ status: "not_checked" });
    expect(c!.reason).toMatch(/^only 2 other models/);
  });

  it("one check per metric of the policy the model has a score on; none for a model without scores", () => {
    for (const checks of policyAnomalies(t.db, POLICY).values()) {
      const metrics = checks.map((c) => c.metric);
      expect(new Set(metrics).size).toBe(metrics.length);
    }
    expect(modelAnomalies(t.db, POLICY, "no-such-model")).toEqual([]);
  });

  it("cached per data version: a second call returns the same result without recomputing", () => {
    expect(policyAnomalies(t.db, POLICY)).toBe(policyAnomalies(t.db, POLICY));
  });

  it("an unknown policy is NOT_FOUND, naming it", () => {
    expect(() => policyAnomalies(t.db, "nope")).toThrow(DomainError);
    expect(() => policyAnomalies(t.db, "nope")).toThrow(/no published policy "nope"/);
  });
});
