import { describe, expect, it } from "vitest";
import {
  emergentColumns,
  emergentPoints,
  OBSSCALING_BENCHMARKS,
  OBSSCALING_FLOORS,
  obsScalingPoints,
  PYTHIA_TOKENS,
  pythiaMmlu,
  pythiaRuns,
} from "@/test/fixtures/projection/load";
import { effectiveCompute } from "./effective-compute";
import type { WarningCode, WarningInput } from "./warnings";
import { projectionWarnings } from "./warnings";

const unit = { floor: 0.25, ceiling: 1 };
const mmlu = obsScalingPoints("MMLU");
const cutoff = Math.log10(8.4e22);
const mmluFitSet = mmlu.filter((p) => p.x <= cutoff);
const pythia = pythiaRuns().map((r) => ({
  id: r.size,
  x: effectiveCompute({ params: r.params, tokens: PYTHIA_TOKENS })!.log10,
  y: pythiaMmlu(r),
}));
const ipaExact = emergentPoints("ipa_transliterate_2_exact_match");
const ipaBleu = emergentPoints("ipa_transliterate_2_bleu");
const truthful = obsScalingPoints("TruthfulQA");
const llama2 = mmlu.filter((p) => p.id.startsWith("meta-llama/Llama-2-"));
const llama405 = mmlu.find((p) => p.id === "meta-llama/Meta-Llama-3.1-405B-FP8")!;

const rows: { label: string; input: WarningInput; codes: WarningCode[] }[] = [
  {
    label: "clean: ObsScaling MMLU, read inside the data",
    input: { points: mmlu, bounds: unit, metric: { id: "MMLU" }, queryX: [24] },
    codes: [],
  },
  {
    label: "STUCK_AT_FLOOR: Pythia zero-shot MMLU ≈ 0.25 at every size",
    input: { points: pythia, bounds: unit, metric: { id: "hendrycksTest" } },
    codes: ["STUCK_AT_FLOOR"],
  },
  {
    label: "DISCONTINUOUS_METRIC: ObsScaling ipa_transliterate exact_match",
    input: {
      points: ipaExact,
      bounds: { floor: 0, ceiling: 1 },
      metric: { id: "ipa_transliterate_2_exact_match" },
      siblingMetrics: emergentColumns(),
    },
    codes: ["DISCONTINUOUS_METRIC"],
  },
  {
    label: "clean: its continuous variant (BLEU, 0..100)",
    input: {
      points: ipaBleu,
      bounds: { floor: 0, ceiling: 100 },
      metric: { id: "ipa_transliterate_2_bleu" },
      siblingMetrics: emergentColumns(),
    },
    codes: [],
  },
  {
    label: "DISCONTINUOUS_METRIC from the data alone (unnamed metric, a third of the scores exactly 0)",
    input: { points: ipaExact, bounds: { floor: 0, ceiling: 1 } },
    codes: ["DISCONTINUOUS_METRIC"],
  },
  {
    label: "declared continuous overrides the name",
    input: {
      points: ipaBleu,
      bounds: { floor: 0, ceiling: 100 },
      metric: { id: "x_exact_match", scoring: "continuous" },
    },
    codes: [],
  },
  {
    label: "EXTRAPOLATION: MMLU fitted ≤ 8.4e22 FLOP read at Llama-3.1-405B (3.6e25)",
    input: { points: mmluFitSet, bounds: unit, queryX: [llama405.x] },
    codes: ["EXTRAPOLATION"],
  },
  {
    label: "exactly one order of magnitude ahead is allowed",
    input: { points: mmluFitSet, bounds: unit, queryX: [cutoff + 1] },
    codes: [],
  },
  {
    label: "one order of magnitude + ε is not",
    input: { points: mmluFitSet, bounds: unit, queryX: [cutoff + 1 + 1e-9] },
    codes: ["EXTRAPOLATION"],
  },
  {
    label: "below the data counts too",
    input: { points: mmluFitSet, bounds: unit, queryX: [16] },
    codes: ["EXTRAPOLATION"],
  },
  {
    label: "non-finite query (never crosses) is ignored",
    input: { points: mmlu, bounds: unit, queryX: [Infinity] },
    codes: [],
  },
  {
    label: "NON_MONOTONE: ObsScaling TruthfulQA is U-shaped in compute",
    input: { points: truthful, bounds: unit, metric: { id: "TruthfulQA" } },
    codes: ["NON_MONOTONE"],
  },
  {
    label: "NON_MONOTONE: TruthfulQA up to 8.4e22 FLOP is inverse scaling",
    input: { points: truthful.filter((p) => p.x <= cutoff), bounds: unit },
    codes: ["NON_MONOTONE"],
  },
  {
    label: "TOO_FEW_POINTS: the Llama-2 family alone (3 models)",
    input: { points: llama2, bounds: unit },
    codes: ["TOO_FEW_POINTS"],
  },
  {
    label: "5 points is enough",
    input: { points: mmlu.slice(0, 5).map((p, i) => ({ ...p, y: 0.3 + 0.1 * i })), bounds: unit },
    codes: [],
  },
  {
    label: "4 points is too few",
    input: { points: mmlu.slice(0, 4).map((p, i) => ({ ...p, y: 0.3 + 0.1 * i })), bounds: unit },
    codes: ["TOO_FEW_POINTS"],
  },
  { label: "empty input", input: { points: [], bounds: unit }, codes: ["TOO_FEW_POINTS"] },
];

describe("projectionWarnings on real cases", () => {
  it.each(rows)("$label", ({ input, codes }) => {
    expect(projectionWarnings(input).map((w) => w.code)).toEqual(codes);
  });

  it("suggests the continuous variant for the mirage", () => {
    const [w] = projectionWarnings(rows[2]!.input);
    expect(w?.suggestion).toBe("ipa_transliterate_2_bleu");
    expect(w?.message).toMatch(/ipa_transliterate_2_bleu/);
  });

  it("no suggestion when the data has no continuous variant (word_unscrambling)", () => {
    const pts = emergentPoints("word_unscrambling_2_exact_match");
    const [w] = projectionWarnings({
      points: pts,
      bounds: { floor: 0, ceiling: 1 },
      metric: { id: "word_unscrambling_2_exact_match" },
      siblingMetrics: emergentColumns(),
    });
    expect(w?.code).toBe("DISCONTINUOUS_METRIC");
    expect(w?.suggestion).toBeUndefined();
  });

  it("names the shape and the distance", () => {
    expect(projectionWarnings(rows[11]!.input)[0]?.shape).toBe("u-shaped");
    expect(projectionWarnings(rows[12]!.input)[0]?.shape).toBe("inverse");
    expect(projectionWarnings(rows[6]!.input)[0]?.oom).toBeCloseTo(llama405.x - cutoff, 9);
  });

  it.each(OBSSCALING_BENCHMARKS.filter((b) => b !== "TruthfulQA").map((b) => ({ label: b, b })))(
    "no NON_MONOTONE or STUCK_AT_FLOOR on ObsScaling $label",
    ({ b }) => {
      const codes = projectionWarnings({
        points: obsScalingPoints(b),
        bounds: { floor: OBSSCALING_FLOORS[b], ceiling: 1 },
      }).map((w) => w.code);
      expect(codes).toEqual([]);
    },
  );
});
