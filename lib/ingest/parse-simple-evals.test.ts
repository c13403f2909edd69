import { describe, expect, it } from "vitest";
import { fixture } from "@/test/fixtures/ingest/fixture";
import { IngestError } from "./errors";
import { parseSimpleEvals } from "./parse-simple-evals";

const FILE = "gpt-oss-20b-low_temp1.0_20250816_094011.json";

describe("simple-evals summary JSON", () => {
  it("reads score and metrics; :std is kept as a note, not passed off as stderr", () => {
    const r = parseSimpleEvals(fixture(`simple-evals/${FILE}`), { fileName: FILE });
    expect(r.errors).toEqual([]);
    expect(r.scores.find((s) => s.metric === "simple-evals.score")).toEqual({
      model: "gpt-oss-20b",
      metric: "simple-evals.score",
      value: 0.45416666666666666,
      stderr: null,
      elicitation: "low; temperature=1.0",
      evaluated_at: "2025-08-16",
      source: { file: FILE, note: "score:std (sample standard deviation) 0.4978948740000801" },
    });
    expect(r.scores.map((s) => s.metric).sort()).toEqual(["simple-evals.chars", "simple-evals.score"]);
  });

  it.each([
    {
      label: "eval name from the options",
      opts: { fileName: FILE, evalName: "GPQA" },
      metric: "simple-evals.gpqa.score",
      model: "gpt-oss-20b",
    },
    {
      label: "eval and model from a simple-evals file name",
      opts: { fileName: "mmlu_gpt-4o-2024-08-06_temp0.5_20240901_120000.json" },
      metric: "simple-evals.mmlu.score",
      model: "gpt-4o-2024-08-06",
    },
    {
      label: "model from the options",
      opts: { model: "o3_high", evalName: "gpqa" },
      metric: "simple-evals.gpqa.score",
      model: "o3",
    },
  ])("$label", ({ opts, metric, model }) => {
    const r = parseSimpleEvals(JSON.stringify({ score: 0.5, "score:std": 0.5 }), opts);
    expect(r.scores.map((s) => [s.metric, s.model])).toEqual([[metric, model]]);
  });

  it.each([
    { label: "no score", text: '{"chars": 3}' },
    { label: "array", text: "[1]" },
  ])("rejects $label as another format", ({ text }) => {
    expect(() => parseSimpleEvals(text, { fileName: "x.json" })).toThrow(IngestError);
  });

  it("a non-finite metric is a named error", () => {
    const r = parseSimpleEvals(JSON.stringify({ score: 0.5, f1: "NaN" }), { fileName: FILE });
    expect(r.errors).toEqual([{ row: 0, field: "f1", message: 'f1 must be a finite number, got "NaN"' }]);
  });
});
