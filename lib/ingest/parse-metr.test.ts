import { describe, expect, it } from "vitest";
import { fixture } from "@/test/fixtures/ingest/fixture";
import { IngestError } from "./errors";
import { metrModel, parseMetr } from "./parse-metr";
import { ParseResult } from "./types";

const FILE = "metr/benchmark_results_1_1.yaml";

describe("METR benchmark_results_1_1.yaml", () => {
  const r = parseMetr(fixture(FILE), { fileName: "benchmark_results_1_1.yaml" });

  it("reads 17 models × (p50, p80, average score) = 51 scores, without errors", () => {
    expect(ParseResult.parse(r)).toEqual(r);
    expect(r.errors).toEqual([]);
    expect(r.models).toHaveLength(17);
    expect(r.scores).toHaveLength(51);
  });

  it.each([
    {
      label: "Claude 3.7 Sonnet p50, v1.1",
      model: "claude_3_7_sonnet",
      metric: "metr.p50_horizon_minutes.v1-1",
      value: 59.763762,
      ci_low: 31.750635,
      ci_high: 105.940417,
      row: 59,
    },
    {
      label: "GPT-5 p80, v1.1",
      model: "gpt_5_2025_08_07",
      metric: "metr.p80_horizon_minutes.v1-1",
      value: 31.643807,
      ci_low: 15.79307,
      ci_high: 55.759355,
      row: 310,
    },
    {
      label: "GPT-2 still measured on suite v1.0",
      model: "gpt2",
      metric: "metr.p50_horizon_minutes.v1-0",
      value: 0.039762,
      ci_low: 0.002019,
      ci_high: 0.130397,
      row: 176,
    },
  ])("$label", ({ model, metric, value, ci_low, ci_high, row }) => {
    const s = r.scores.find((x) => x.model === model && x.metric === metric);
    expect(s).toMatchObject({
      value,
      ci_low,
      ci_high,
      stderr: null,
      source: { file: "benchmark_results_1_1.yaml", row },
    });
  });

  it.each([
    {
      label: "an _inspect key is the model run in the Inspect scaffold",
      key: "claude_3_7_sonnet_inspect",
      model: "claude_3_7_sonnet",
      elicitation: "scaffold=inspect",
    },
    { label: "a plain key has no elicitation", key: "gpt2", model: "gpt2", elicitation: null },
  ])("$label", ({ key, model, elicitation }) => {
    expect(metrModel(key)).toEqual({ model, elicitation });
    if (key !== model) expect(r.scores.find((x) => x.model === model)?.elicitation).toBe(elicitation);
  });

  it("keeps the suite version in the metric id: 14 models on v1.1, 3 on v1.0", () => {
    const p50 = r.scores.filter((s) => s.metric.startsWith("metr.p50_horizon_minutes"));
    expect(p50.filter((s) => s.metric.endsWith(".v1-1"))).toHaveLength(14);
    expect(p50.filter((s) => s.metric.endsWith(".v1-0")).map((s) => s.model)).toEqual([
      "davinci_002",
      "gpt2",
      "gpt_3_5_turbo_instruct",
    ]);
    expect(r.metrics.find((m) => m.id === "metr.p50_horizon_minutes.v1-0")).toMatchObject({
      unit: "minutes",
      suite_version: "1.0",
      higher_is_riskier: true,
      domain: "autonomy",
    });
  });

  it("model keys survive as written, release dates go to the models", () => {
    expect(r.models.map((m) => m.name)).toContain("claude_3_5_sonnet_20240620");
    expect(r.models.find((m) => m.name === "gpt2")?.release_date).toBe("2019-02-14");
    expect(r.models.find((m) => m.name === "claude_opus_4_5")?.release_date).toBe("2025-11-24");
  });

  it("null scaffolds survive", () => {
    expect(r.scores.find((s) => s.model === "gpt2")?.source.note).toBe(
      "results.gpt2; suite METR-Horizon-v1.0; scaffolds: (unnamed)",
    );
    expect(r.notes).toContain('5 unnamed (null) scaffold entries kept as "(unnamed)"');
  });

  it("keeps the doubling times, from 2023 130.8 days [107.3, 161.4]", () => {
    expect(r.doubling_times).toEqual([
      {
        metric: "metr.p50_horizon_minutes.v1-1",
        period: "all_time_stitched",
        days: 196.475,
        ci_low: null,
        ci_high: null,
      },
      {
        metric: "metr.p50_horizon_minutes.v1-1",
        period: "from_2023_on",
        days: 130.801,
        ci_low: 107.334,
        ci_high: 161.422,
      },
    ]);
  });
});

describe("METR layout variants", () => {
  it("accepts hyphenated metric keys and reports a missing estimate at its line", () => {
    const yaml = [
      "benchmark_name: METR-Horizon-v1.1",
      "results:",
      "  some-model_inspect:",
      "    benchmark_name: METR-Horizon-v1.1",
      "    metrics:",
      "      p50-horizon-length:",
      "        estimate: 12.5",
      "      p80_horizon_length:",
      "        ci_low: 1",
      "    release_date: 2025-01-01",
      "    scaffolds:",
      "    - null",
    ].join("\n");
    const r = parseMetr(yaml);
    expect(r.scores.map((s) => [s.model, s.metric, s.value, s.source.row])).toEqual([
      ["some-model", "metr.p50_horizon_minutes.v1-1", 12.5, 3],
    ]);
    expect(r.errors).toEqual([
      {
        row: 3,
        field: "results.some-model_inspect.metrics.p80_horizon_length.estimate",
        message: "results.some-model_inspect.metrics.p80_horizon_length.estimate is missing",
      },
    ]);
  });

  it.each([
    { label: "not YAML", text: "results: [unclosed", code: "CORRUPT" },
    { label: "YAML without results", text: "benchmark_name: x\n", code: "UNSUPPORTED_FORMAT" },
  ])("$label", ({ text, code }) => {
    expect(() => parseMetr(text, { fileName: "m.yaml" })).toThrow(IngestError);
    try {
      parseMetr(text, { fileName: "m.yaml" });
    } catch (e) {
      expect(e).toMatchObject({ code, file: "m.yaml" });
    }
  });
});
