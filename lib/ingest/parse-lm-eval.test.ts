import { describe, expect, it } from "vitest";
import { fixture, fixtureText } from "@/test/fixtures/ingest/fixture";
import { IngestError } from "./errors";
import { parseLmEval } from "./parse-lm-eval";
import { ParseResult } from "./types";

describe("lm-evaluation-harness v0.3 (legacy): Pythia", () => {
  it.each([
    {
      label: "Pythia 12B, lambada_openai accuracy",
      file: "pythia/12b_step143000.json",
      model: "EleutherAI/pythia-v1.1-12b",
      metric: "lm-eval.lambada_openai.acc",
      value: 0.7046380749078207,
      stderr: 0.006355831587333142,
    },
    {
      label: "Pythia 12B, perplexity is a score, not a fraction",
      file: "pythia/12b_step143000.json",
      model: "EleutherAI/pythia-v1.1-12b",
      metric: "lm-eval.lambada_openai.ppl",
      value: 3.9236415916124625,
      stderr: 0.08363088465874972,
    },
    {
      label: "Pythia 70M, zero-shot MMLU subject at chance",
      file: "pythia/70m_step143000.json",
      model: "EleutherAI/pythia-v1.1-70m",
      metric: "lm-eval.hendryckstest-abstract_algebra.acc",
      value: 0.21,
      stderr: 0.040936018074033256,
    },
    {
      label: "the formats/ copy of the 12B file",
      file: "lm-eval-harness/pythia-12b_step143000_zero-shot.json",
      model: "EleutherAI/pythia-v1.1-12b",
      metric: "lm-eval.hendryckstest-college_computer_science.acc_norm",
      value: 0.24,
      stderr: 0.042923469599092816,
    },
  ])("$label", ({ file, model, metric, value, stderr }) => {
    const r = parseLmEval(fixture(file), { fileName: file });
    expect(ParseResult.parse(r)).toEqual(r);
    expect(r.errors).toEqual([]);
    // 87 tasks: 62 with acc+acc_norm, 22 crows_pairs with two metrics, 2 acc only, lambada acc+ppl.
    expect(r.scores).toHaveLength(172);
    expect(r.models.map((m) => m.name)).toEqual([model]);
    const s = r.scores.find((x) => x.metric === metric);
    expect(s).toMatchObject({ model, value, stderr, elicitation: "0-shot", evaluated_at: null, n: null });
    expect(s?.source.note).toContain("revision=step143000");
  });

  it("types units by metric: ppl and likelihood_difference are scores; the rest fractions", () => {
    const r = parseLmEval(fixture("pythia/12b_step143000.json"));
    const units = new Map(r.metrics.map((m) => [m.id, m]));
    expect(units.get("lm-eval.lambada_openai.ppl")).toMatchObject({ unit: "score", higher_is_better: false });
    expect(units.get("lm-eval.crows_pairs_english.likelihood_difference")?.unit).toBe("score");
    expect(units.get("lm-eval.crows_pairs_english.pct_stereotype")?.unit).toBe("fraction");
    expect(units.get("lm-eval.arc_challenge.acc")).toMatchObject({
      unit: "fraction",
      ceiling: 1,
      suite_version: "0",
    });
    expect(r.metrics.filter((m) => m.unit === "score")).toHaveLength(23);
    // lm-eval says nothing about risk.
    expect(r.metrics.every((m) => m.higher_is_riskier === undefined)).toBe(true);
  });
});

describe("lm-evaluation-harness v0.4 (synthetic fixture)", () => {
  const file = "synthetic/lm-eval-v0.4-pythia-160m.json";

  it("reads metric,filter keys, n-shot, n-samples, date and N/A stderr", () => {
    const r = parseLmEval(fixture(file), { fileName: "v04.json" });
    expect(r.errors).toEqual([]);
    expect(r.scores.map((s) => [s.metric, s.value, s.stderr, s.n, s.elicitation])).toEqual([
      ["lm-eval.arc_challenge.acc", 0.1988054607508532, 0.011662850198175534, 1172, "25-shot"],
      ["lm-eval.arc_challenge.acc_norm", 0.2363481228668942, 0.012414960524301834, 1172, "25-shot"],
      ["lm-eval.gsm8k.exact_match.strict-match", 0.0075815011372251705, 0.0023892815120772, 1319, "5-shot"],
      ["lm-eval.gsm8k.exact_match.flexible-extract", 0.017437452615617893, null, 1319, "5-shot"],
      ["lm-eval.lambada_openai.perplexity", 38.2834, 1.4387, 5153, "0-shot"],
      ["lm-eval.lambada_openai.acc", 0.3281, 0.0065, 5153, "0-shot"],
    ]);
    expect(new Set(r.scores.map((s) => s.model))).toEqual(new Set(["EleutherAI/pythia-160m"]));
    expect(new Set(r.scores.map((s) => s.evaluated_at))).toEqual(new Set(["2024-05-31"]));
    const gsm = r.metrics.find((m) => m.id === "lm-eval.gsm8k.exact_match.strict-match");
    expect(gsm).toMatchObject({
      continuity: "discontinuous",
      higher_is_better: true,
      suite_version: "3",
      unit: "fraction",
    });
    expect(r.metrics.find((m) => m.id === "lm-eval.lambada_openai.perplexity")).toMatchObject({
      unit: "score",
      higher_is_better: false,
    });
  });

  it.each([
    {
      label: "model_args as a string",
      patch: { model_name: undefined, config: { model_args: "pretrained=org/m-1,dtype=bf16" } },
      model: "org/m-1",
    },
    {
      label: "model_args as an object",
      patch: { model_name: undefined, config: { model_args: { pretrained: "org/m-2" } } },
      model: "org/m-2",
    },
    { label: "model_name wins", patch: { model_name: "org/m-3" }, model: "org/m-3" },
  ])("model name from $label", ({ patch, model }) => {
    const doc = { ...(JSON.parse(fixtureText(file)) as Record<string, unknown>), ...patch };
    const r = parseLmEval(JSON.stringify(doc));
    expect(r.models.map((m) => m.name)).toEqual([model]);
  });

  it("no model anywhere is a file-level error", () => {
    const r = parseLmEval(JSON.stringify({ results: { t: { acc: 0.5 } }, config: {} }));
    expect(r.errors).toEqual([
      { row: 0, field: "config.model_args", message: "no model name (model_name or pretrained=...)" },
    ]);
  });

  it("a JSON without results is not an lm-eval file", () => {
    expect(() => parseLmEval("{}", { fileName: "x.json" })).toThrow(IngestError);
  });
});
