import { strToU8, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { fixture } from "@/test/fixtures/ingest/fixture";
import { detectFormat } from "./detect-format";

describe("detectFormat on every real fixture", () => {
  it.each([
    { file: "inspect_ai/log_formats.json", want: "inspect-json" },
    { file: "inspect_ai/log_formats.eval", want: "inspect-eval" },
    { file: "inspect_ai/mmlu-summary-choices.eval", want: "inspect-eval" },
    {
      file: "inspect_ai/2025-02-11T15-18-04-05-00_popularity_mj7khqpMM4GBCfVQozKgzB.eval",
      want: "inspect-eval",
    },
    { file: "lm-eval-harness/pythia-12b_step143000_zero-shot.json", want: "lm-eval-harness" },
    { file: "pythia/70m_step143000.json", want: "lm-eval-harness" },
    { file: "synthetic/lm-eval-v0.4-pythia-160m.json", want: "lm-eval-harness" },
    { file: "metr/benchmark_results_1_1.yaml", want: "metr-yaml" },
    { file: "epoch/cybench_external.csv", want: "epoch-csv" },
    { file: "epoch/gpqa_diamond.csv", want: "epoch-csv" },
    { file: "epoch/swe_bench_verified.csv", want: "epoch-csv" },
    { file: "epoch/terminalbench_external.csv", want: "epoch-csv" },
    { file: "epoch/posttrainbench_external.csv", want: "epoch-csv" },
    { file: "obsscaling/base_llm_benchmark_eval.csv", want: "obsscaling-csv" },
    { file: "obsscaling/base_llm_emergent_capability_eval.csv", want: "obsscaling-csv" },
    { file: "safetywashing/benchmarks_chat_models.csv", want: "safetywashing-csv" },
    { file: "safetywashing/benchmarks_base_models.csv", want: "safetywashing-csv" },
    { file: "safetywashing/benchmarks_info.csv", want: "safetywashing-info-csv" },
    { file: "simple-evals/gpt-oss-20b-low_temp1.0_20250816_094011.json", want: "simple-evals-json" },
  ])("$file -> $want", ({ file, want }) => {
    expect(detectFormat(file, fixture(file))).toBe(want);
  });

  it("goes by content, not extension", () => {
    expect(detectFormat("upload.txt", fixture("metr/benchmark_results_1_1.yaml"))).toBe("metr-yaml");
    expect(detectFormat("results.csv", fixture("inspect_ai/log_formats.json"))).toBe("inspect-json");
    expect(detectFormat("log.json", fixture("inspect_ai/log_formats.eval"))).toBe("inspect-eval");
  });
});

describe("detectFormat on small inputs", () => {
  it.each([
    { label: "generic CSV", name: "s.csv", text: "model,metric,value\nm,a.b,1\n", want: "generic-csv" },
    {
      label: "generic CSV with BOM and other case",
      name: "s",
      text: "\uFEFFModel,Metric,Value\r\nm,a.b,1\r\n",
      want: "generic-csv",
    },
    {
      label: "model metadata CSV",
      name: "m.csv",
      text: "model,name,release_date,params_b\nm,M,2024-01-01,7\n",
      want: "model-metadata-csv",
    },
    {
      label: "generic JSON array",
      name: "s.json",
      text: '[{"model":"m","metric":"a","value":1}]',
      want: "generic-json",
    },
    { label: "generic JSON object", name: "s.json", text: '{"scores":[]}', want: "generic-json" },
    {
      label: "JSON Lines",
      name: "s.txt",
      text: '{"model":"m","metric":"a","value":1}\n{"model":"m","metric":"b","value":2}\n',
      want: "generic-jsonl",
    },
    {
      label: "single-line .jsonl",
      name: "s.jsonl",
      text: '{"model":"m","metric":"a","value":1}\n',
      want: "generic-jsonl",
    },
    { label: "empty .csv (the parser reports it)", name: "e.csv", text: "", want: "generic-csv" },
    { label: "empty file without a known extension", name: "e.bin", text: "", want: null },
    { label: "plain text", name: "notes.txt", text: "hello world\n", want: null },
    { label: "JSON of another shape", name: "x.json", text: '{"foo": {"bar": 1}}', want: null },
    { label: "CSV of another shape", name: "x.csv", text: "a,b,c\n1,2,3\n", want: null },
  ])("$label", ({ name, text, want }) => {
    expect(detectFormat(name, text)).toBe(want);
  });

  it("reads a JSON log larger than the 4 MiB sniffing window whole", () => {
    const log = JSON.parse(new TextDecoder().decode(fixture("inspect_ai/log_formats.json"))) as Record<
      string,
      unknown
    >;
    const pretty = JSON.stringify({ ...log, samples: [{ output: "x".repeat(5 * 1024 * 1024) }] }, null, 2);
    expect(detectFormat("big-log.json", new TextEncoder().encode(pretty))).toBe("inspect-json");
  });

  it("a ZIP without Inspect entries is not an Inspect log", () => {
    expect(detectFormat("x.zip", zipSync({ "a.txt": strToU8("a") }))).toBeNull();
  });

  it("a truncated .eval is still sent to the Inspect parser, which explains the damage", () => {
    const cut = fixture("inspect_ai/log_formats.eval").subarray(0, 200);
    expect(detectFormat("log.eval", cut)).toBe("inspect-eval");
  });
});
