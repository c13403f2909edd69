import { describe, expect, it } from "vitest";
import { obsScalingPoints } from "@/test/fixtures/projection/load";
import { ANOMALY_NOTES, findAnomalies } from "./anomalies";
import { bootstrapSigmoid } from "./bootstrap";
import { fitSigmoid } from "./fit-sigmoid";
import { mulberry32 } from "./random";
import { sigmoidAt } from "./sigmoid";

describe("findAnomalies on ObsScaling MMLU", () => {
  const pts = obsScalingPoints("MMLU");
  const fit = fitSigmoid(pts, { floor: 0.25, ceiling: 1 });
  const boot = bootstrapSigmoid(pts, fit);
  const flagged = new Map(findAnomalies(pts, fit, boot).map((a) => [a.id, a]));

  it.each([
    // Phi models: textbook-style data, known to score far above their compute.
    { label: "phi-2 far above its compute", id: "microsoft/phi-2", direction: "above" },
    { label: "phi-1.5 far above its compute", id: "microsoft/phi-1_5", direction: "above" },
    // 627 "trillion" tokens in the source table (0.627 T): a data error the check surfaces.
    {
      label: "btlm-3b, compute inflated 1000× by a units error",
      id: "cerebras/btlm-3b-8k-base",
      direction: "below",
    },
    { label: "BLOOM-176B, under its compute", id: "bigscience/bloom", direction: "below" },
  ] as const)("$label", ({ id, direction }) => {
    const a = flagged.get(id);
    expect(a).toBeDefined();
    expect(a!.direction).toBe(direction);
    expect(a!.note).toBe(ANOMALY_NOTES[direction]);
    if (direction === "above") expect(a!.y).toBeGreaterThan(a!.high);
    else expect(a!.y).toBeLessThan(a!.low);
  });

  it.each([
    "meta-llama/Llama-2-70b-hf",
    "meta-llama/Meta-Llama-3.1-70B",
    "huggyllama/llama-65b",
    "EleutherAI/pythia-12b-deduped",
  ])("%s is not flagged", (id) => {
    expect(flagged.has(id)).toBe(false);
  });

  it("flags roughly the share an 80% interval implies, not most models", () => {
    expect(flagged.size / pts.length).toBeGreaterThan(0.08);
    expect(flagged.size / pts.length).toBeLessThan(0.3);
  });

  it("the notes are the two named readings", () => {
    expect(ANOMALY_NOTES.below).toBe("possible under-elicitation or sandbagging");
    expect(ANOMALY_NOTES.above).toBe("jump or possible contamination");
  });
});

describe("findAnomalies on clean synthetic data with one planted outlier", () => {
  const truth = { floor: 0, ceiling: 1, k: 1.5, x0: 23 };
  const r = mulberry32(9);
  const pts = Array.from({ length: 40 }, (_, i) => {
    const x = 20 + (6 * i) / 39;
    return { id: `m${i}`, x, y: sigmoidAt(truth, x) + (r() - 0.5) * 0.02 };
  });
  pts[20] = { ...pts[20]!, y: pts[20]!.y - 0.3 };
  const fit = fitSigmoid(pts, truth);
  const boot = bootstrapSigmoid(pts, fit);

  it("the planted model is flagged below, as sandbagging", () => {
    const found = findAnomalies(pts, fit, boot);
    const planted = found.find((a) => a.id === "m20");
    expect(planted?.direction).toBe("below");
    expect(planted?.note).toBe("possible under-elicitation or sandbagging");
    // Its own leave-one-out curve is not dragged down by it.
    expect(planted!.expected).toBeCloseTo(sigmoidAt(truth, pts[20]!.x), 1);
  });

  it("a mirrored metric (floor above ceiling) reads above/below the same way", () => {
    const mirror = pts.map((p) => ({ ...p, y: 1 - p.y }));
    const f = fitSigmoid(mirror, { floor: 1, ceiling: 0 });
    const b = bootstrapSigmoid(mirror, f);
    expect(findAnomalies(mirror, f, b).find((a) => a.id === "m20")?.direction).toBe("below");
  });

  it("refuses a bootstrap drawn from other points", () => {
    expect(() => findAnomalies(pts.slice(1), fit, boot)).toThrow(/different points/);
  });
});
