import { describe, expect, it } from "vitest";
import { fixture } from "@/test/fixtures/ingest/fixture";
import { IngestError } from "./errors";
import { parseEpochCsv } from "./parse-epoch";
import { ParseResult } from "./types";

function parse(name: string) {
  return parseEpochCsv(fixture(`epoch/${name}`), { fileName: name });
}

describe("Epoch AI Benchmarking Hub: the five real files", () => {
  it.each([
    { file: "cybench_external.csv", rows: 22, scores: 58, models: 21, errors: 0, skipped: 52, metrics: 5 },
    { file: "gpqa_diamond.csv", rows: 157, scores: 157, models: 130, errors: 0, skipped: 0, metrics: 1 },
    { file: "swe_bench_verified.csv", rows: 25, scores: 25, models: 22, errors: 0, skipped: 0, metrics: 1 },
    {
      file: "terminalbench_external.csv",
      rows: 172,
      scores: 149,
      models: 37,
      errors: 2,
      skipped: 21,
      metrics: 1,
    },
    {
      file: "posttrainbench_external.csv",
      rows: 22,
      scores: 22,
      models: 18,
      errors: 0,
      skipped: 0,
      metrics: 1,
    },
  ])("$file: $rows rows -> $scores scores", ({ file, scores, models, errors, skipped, metrics }) => {
    const r = parse(file);
    expect(ParseResult.parse(r)).toEqual(r);
    expect(r.scores).toHaveLength(scores);
    expect(r.models).toHaveLength(models);
    expect(r.errors).toHaveLength(errors);
    expect(r.skipped).toBe(skipped);
    expect(r.metrics).toHaveLength(metrics);
    // "% Solved" columns hold fractions.
    for (const s of r.scores) if (!s.metric.endsWith("_minutes")) expect(s.value).toBeLessThanOrEqual(1);
  });

  it.each([
    {
      label: "GPQA: suffix _high is the elicitation, stderr and run date kept",
      file: "gpqa_diamond.csv",
      find: { model: "gpt-5.4-mini-2026-03-17", metric: "gpqa.diamond" },
      want: {
        value: 0.8358585858585859,
        stderr: 0.022274469189069883,
        elicitation: "high",
        evaluated_at: "2026-04-15",
        source: {
          row: 1,
          url: "https://epoch-benchmarks-production-public.s3.us-east-2.amazonaws.com/inspect_ai_logs/AQF46S9hBhosKPEMy3fyB9.eval",
          note: "Epoch AI Benchmarking Hub run AQF46S9hBhosKPEMy3fyB9",
        },
      },
    },
    {
      label: "GPQA: thinking budget _32K",
      file: "gpqa_diamond.csv",
      find: { model: "claude-3-7-sonnet-20250219", elicitation: "32K" },
      want: { metric: "gpqa.diamond" },
    },
    {
      label: "SWE-bench: Started at is the eval date, not the release date",
      file: "swe_bench_verified.csv",
      find: { model: "gpt-5.4-2026-03-05" },
      want: {
        value: 0.768595041322314,
        stderr: 0.019189407003691976,
        elicitation: "high",
        evaluated_at: "2026-03-06",
      },
    },
    {
      label: "Cybench: per-row source (system card)",
      file: "cybench_external.csv",
      find: { model: "claude-opus-4-6", metric: "cybench.unguided" },
      want: {
        value: 0.93,
        elicitation: "unknown",
        evaluated_at: null,
        source: { url: "https://www-cdn.anthropic.com/0dd865075ad3132672ee0ab40b05a53f14cf5288.pdf" },
      },
    },
    {
      label: "Terminal-Bench: agent trimmed into the elicitation",
      file: "terminalbench_external.csv",
      find: { model: "gemini-3-flash-preview", elicitation: "agent=Gemini CLI" },
      want: {
        value: 0.51,
        stderr: 0.03,
        elicitation: "agent=Gemini CLI",
        evaluated_at: "2025-12-23",
        source: { row: 49 },
      },
    },
    {
      label: "PostTrainBench: scaffold is elicitation context; SD is not a stderr",
      file: "posttrainbench_external.csv",
      find: { model: "gpt-5.4-2026-03-05" },
      want: {
        value: 0.2023,
        stderr: null,
        elicitation: "high; scaffold=Codex CLI",
        source: { note: "Average SD (%) (standard deviation across runs) 0.023700000000000002" },
      },
    },
  ])("$label", ({ file, find, want }) => {
    const r = parse(file);
    const hits = r.scores.filter((s) => Object.entries(find).every(([k, v]) => s[k as keyof typeof s] === v));
    expect(hits.length).toBeGreaterThan(0);
    expect(hits[0]).toMatchObject(want);
  });

  it("Cybench: five metrics, fractions from '% Solved' columns and minutes", () => {
    const r = parse("cybench_external.csv");
    expect(r.metrics.map((m) => [m.id, m.unit, m.higher_is_riskier, m.domain])).toEqual([
      ["cybench.unguided", "fraction", true, "cyber"],
      ["cybench.subtask_guided", "fraction", true, "cyber"],
      ["cybench.subtasks", "fraction", true, "cyber"],
      ["cybench.unguided.hardest_solved_minutes", "minutes", true, "cyber"],
      ["cybench.subtask_guided.hardest_solved_minutes", "minutes", true, "cyber"],
    ]);
    expect(r.metrics[0]).toMatchObject({ original_unit: "% Solved", ceiling: 1 });
    // Two sources in one file: provenance is per row.
    expect(
      new Set(r.scores.filter((s) => s.metric === "cybench.unguided").map((s) => s.source.url)).size,
    ).toBeGreaterThan(3);
  });

  it("models: release date, developer and training compute; the multi-line notes do not break rows", () => {
    const r = parse("gpqa_diamond.csv");
    // 54 rows give a training compute; they cover 50 distinct models.
    expect(r.models.filter((m) => m.training_flop != null)).toHaveLength(50);
    expect(r.models.find((m) => m.name === "claude-3-7-sonnet-20250219")).toMatchObject({
      release_date: "2025-02-24",
      developer: "Anthropic",
      training_flop: 3.35e25,
    });
    // The same model at four thinking budgets is one model.
    const budgets = r.scores
      .filter((s) => s.model === "claude-3-7-sonnet-20250219")
      .map((s) => s.elicitation);
    expect(budgets.sort()).toEqual(["16K", "32K", "64K", null]);
    expect(r.models.filter((m) => m.name.startsWith("claude-3-7-sonnet"))).toHaveLength(1);
  });

  it("Terminal-Bench: rows without a model are errors; rows repeated with padded names are skipped once", () => {
    const r = parse("terminalbench_external.csv");
    expect(r.errors).toEqual([
      { row: 27, field: "Model version", message: "Model version is empty; the row names no model" },
      { row: 105, field: "Model version", message: "Model version is empty; the row names no model" },
    ]);
    expect(r.notes?.[0]).toMatch(
      /^21 rows repeat an earlier row once names are trimmed .* rows 50 \(= 49\), 55 \(= 54\)/,
    );
    expect(r.scores.some((s) => s.elicitation?.startsWith("agent= ") || s.elicitation?.endsWith(" "))).toBe(
      false,
    );
    // Same model and agent on another date with another value is a separate result.
    expect(
      r.scores
        .filter((s) => s.model === "gemini-3-pro-preview" && s.elicitation === "agent=II-Agent")
        .map((s) => s.value),
    ).toEqual([0.618, 0.589]);
  });

  it.each([
    {
      label: "a '%' value written as a percentage",
      text: "Model version,Unguided % Solved,Release date\nm,93,2025-01-01\n",
      errors: [
        {
          row: 1,
          field: "Unguided % Solved",
          message: "Unguided % Solved must be a fraction in 0..1, got 93",
        },
      ],
    },
    {
      label: "a bad release date",
      text: "Model version,Unguided % Solved,Release date\nm,0.5,2025-02-30\n",
      errors: [
        { row: 1, field: "Release date", message: 'Release date is not a real calendar date: "2025-02-30"' },
      ],
    },
    {
      label: "a negative stderr",
      text: "Model version,mean_score,stderr,Started at\nm,0.5,-0.1,2025-01-01\n",
      errors: [{ row: 1, field: "stderr", message: "stderr must not be negative" }],
    },
  ])("rejects $label", ({ text, errors }) => {
    expect(parseEpochCsv(text, { fileName: "gpqa_diamond.csv" }).errors).toEqual(errors);
  });

  it("an Epoch-run export names its benchmark from the file name or the option", () => {
    const text = "Model version,mean_score,stderr,Started at,id\nm_high,0.5,0.01,2025-01-01T00:00:00Z,abc\n";
    expect(parseEpochCsv(text, { fileName: "swe_bench_verified.csv" }).scores[0]?.metric).toBe(
      "swe_bench.verified",
    );
    expect(parseEpochCsv(text, { fileName: "export.csv", benchmark: "GPQA Diamond" }).scores[0]?.metric).toBe(
      "gpqa.diamond",
    );
    expect(parseEpochCsv(text, { fileName: "frontier_math.csv" }).scores[0]?.metric).toBe(
      "frontier_math.mean_score",
    );
  });

  it("an unknown layout with a Model version column is unsupported", () => {
    expect(() => parseEpochCsv("Model version,foo\nm,1\n", { fileName: "e.csv" })).toThrow(IngestError);
  });
});
