import { describe, expect, it } from "vitest";
import { fixture } from "@/test/fixtures/ingest/fixture";
import { parseObsScaling } from "./parse-obsscaling";
import { ParseResult } from "./types";

const BENCH = "obsscaling/base_llm_benchmark_eval.csv";
const EMERGENT = "obsscaling/base_llm_emergent_capability_eval.csv";

describe("ObsScaling base_llm_benchmark_eval.csv", () => {
  const r = parseObsScaling(fixture(BENCH), { fileName: "base_llm_benchmark_eval.csv" });

  it("148 models × 8 benchmarks minus 40 gaps = 1,144 scores", () => {
    expect(ParseResult.parse(r)).toEqual(r);
    expect(r.errors).toEqual([]);
    expect(r.models).toHaveLength(148);
    expect(r.scores).toHaveLength(1144);
    // ARC-C 3, XWinograd 16, HumanEval 21 empty cells: skipped, never zero.
    expect(r.skipped).toBe(40);
    expect(r.scores.filter((s) => s.metric === "obsscaling.xwinograd")).toHaveLength(148 - 16);
    expect(r.scores.filter((s) => s.metric === "obsscaling.humaneval")).toHaveLength(148 - 21);
  });

  it.each([
    {
      label: "FLOPs in units of 1e21 become FLOP; T tokens become tokens",
      name: "meta-llama/Llama-2-7b-hf",
      want: { family: "Llama-2", params_b: 7, training_tokens: 2e12, training_flop: 8.4e22 },
    },
    {
      label: "empty FLOPs (25 rows) are null, not 0",
      name: "Qwen/Qwen2-72B",
      want: { params_b: 72, training_tokens: null, training_flop: null },
    },
  ])("$label", ({ name, want }) => {
    expect(r.models.find((m) => m.name === name)).toMatchObject(want);
  });

  it("25 models have no FLOPs figure", () => {
    expect(r.models.filter((m) => m.training_flop === null)).toHaveLength(25);
    expect(r.notes).toContain("25 models have no FLOPs figure (training_flop null)");
  });

  it("reads the real values, with chance floors for multiple choice", () => {
    expect(
      r.scores.find((s) => s.model === "meta-llama/Llama-2-70b-hf" && s.metric === "obsscaling.mmlu")?.value,
    ).toBe(0.6983208921288624);
    expect(r.metrics.find((m) => m.id === "obsscaling.mmlu")).toMatchObject({
      unit: "fraction",
      chance: 0.25,
      ceiling: 1,
    });
    expect(r.metrics.map((m) => m.id)).toEqual([
      "obsscaling.mmlu",
      "obsscaling.arc-c",
      "obsscaling.hellaswag",
      "obsscaling.winograd",
      "obsscaling.truthfulqa",
      "obsscaling.gsm8k",
      "obsscaling.xwinograd",
      "obsscaling.humaneval",
    ]);
  });
});

describe("ObsScaling base_llm_emergent_capability_eval.csv", () => {
  const r = parseObsScaling(fixture(EMERGENT), { fileName: "base_llm_emergent_capability_eval.csv" });

  it("84 models × 8 tasks minus 59 gaps = 613 scores; no model metadata in this file", () => {
    expect(r.errors).toEqual([]);
    expect(r.scores).toHaveLength(613);
    expect(r.skipped).toBe(59);
    expect(r.models).toEqual([]);
  });

  it("BLEU stays on 0..100 and is continuous; exact match is discontinuous on 0..1", () => {
    expect(r.metrics.find((m) => m.id === "obsscaling.ipa_transliterate_2_bleu")).toMatchObject({
      unit: "score",
      original_unit: "BLEU 0..100",
      continuity: "continuous",
      ceiling: 100,
    });
    expect(r.metrics.find((m) => m.id === "obsscaling.ipa_transliterate_2_exact_match")).toMatchObject({
      unit: "fraction",
      continuity: "discontinuous",
      ceiling: 1,
    });
    const llama = (metric: string) =>
      r.scores.find((s) => s.model === "meta-llama/Llama-2-7b-hf" && s.metric === metric)?.value;
    expect(llama("obsscaling.ipa_transliterate_2_bleu")).toBe(27.23879164406593);
    expect(llama("obsscaling.ipa_transliterate_2_exact_match")).toBe(0.0717846460618145);
  });

  it("a non-numeric score names its row and column", () => {
    const bad = parseObsScaling("Model,word_unscrambling_2_exact_match\nm1,0.1\nm2,n/a\n");
    expect(bad.errors).toEqual([
      {
        row: 2,
        field: "word_unscrambling_2_exact_match",
        message: 'word_unscrambling_2_exact_match is not a number: "n/a"',
      },
    ]);
  });
});
