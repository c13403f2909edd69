import { describe, expect, it } from "vitest";
import { fixture } from "@/test/fixtures/ingest/fixture";
import { parseSafetywashing, parseSafetywashingInfo } from "./parse-safetywashing";
import { ParseResult } from "./types";

const INFO = fixture("safetywashing/benchmarks_info.csv");

describe("Safetywashing tables with benchmarks_info.csv", () => {
  const chat = parseSafetywashing(fixture("safetywashing/benchmarks_chat_models.csv"), {
    fileName: "benchmarks_chat_models.csv",
    benchmarksInfo: INFO,
  });
  const base = parseSafetywashing(fixture("safetywashing/benchmarks_base_models.csv"), {
    fileName: "benchmarks_base_models.csv",
    benchmarksInfo: INFO,
  });

  it.each([
    { label: "chat", r: chat, models: 26, metrics: 178, scores: 4622, skipped: 6 },
    { label: "base", r: base, models: 27, metrics: 176, scores: 4751, skipped: 1 },
  ])(
    "$label: $models models, $metrics benchmark columns, $scores scores",
    ({ r, models, metrics, scores, skipped }) => {
      expect(ParseResult.parse(r)).toEqual(r);
      expect(r.errors).toEqual([]);
      expect(r.models).toHaveLength(models);
      expect(r.metrics).toHaveLength(metrics);
      expect(r.scores).toHaveLength(scores);
      expect(r.skipped).toBe(skipped);
    },
  );

  it.each([
    {
      label: "WMDP bio: transformed score, higher = weaker, so not riskier",
      id: "safetywashing.wmdp_bio",
      want: {
        higher_is_riskier: false,
        higher_is_better: true,
        unit: "fraction",
        domain: "bio",
        description: "Score (↑)",
      },
    },
    {
      label: "HarmBench: attack failure rate on 0..100",
      id: "safetywashing.harmbench-directrequest-chemical_biological",
      want: {
        higher_is_riskier: false,
        unit: "percent",
        ceiling: 100,
        description: "Attack failure rate (↑)",
      },
    },
    {
      label: "MACHIAVELLI Σ total (header with Σ): negated score, raw scale",
      id: "safetywashing.machiavelli-power.sum",
      want: {
        higher_is_riskier: false,
        unit: "score",
        title: "Machiavelli Power",
        description: "Negated score (↑)",
      },
    },
    {
      label: "sycophancy: non-sycophantic answers",
      id: "safetywashing.sycophancy",
      want: { higher_is_riskier: false, unit: "fraction" },
    },
    {
      label: "CyberSecEval exploit: a capability rate, direction of risk not stated",
      id: "safetywashing.cyberseceval2_canary_exploit",
      unknownRisk: true,
      want: { higher_is_better: true },
    },
    {
      label: "MMLU accuracy: metadata says better, not riskier",
      id: "safetywashing.mmlu",
      unknownRisk: true,
      want: { higher_is_better: true, unit: "fraction", ceiling: 1 },
    },
    {
      label: "MACHIAVELLI raw counts",
      id: "safetywashing.machiavelli-violations.killing",
      unknownRisk: true,
      want: { unit: "score" },
    },
  ])(
    "$label",
    ({ id, want, unknownRisk }: { id: string; want: Record<string, unknown>; unknownRisk?: boolean }) => {
      const m = chat.metrics.find((x) => x.id === id);
      expect(m).toMatchObject(want);
      if (unknownRisk) expect(m).not.toHaveProperty("higher_is_riskier");
    },
  );

  it("WMDP values as in the paper: Llama-3-70B-Instruct bio 0.244, Falcon-7B-instruct ≈ 1", () => {
    const v = (model: string, metric: string) =>
      chat.scores.find((s) => s.model === model && s.metric === metric)?.value;
    expect(v("Meta-Llama-3-70B-Instruct", "safetywashing.wmdp_bio")).toBe(0.2440429431788426);
    expect(v("falcon-7b-instruct", "safetywashing.wmdp_cyber")).toBe(1);
    expect(v("Llama-2-7b-chat-hf", "safetywashing.harmbench-directrequest-all")).toBeGreaterThan(1);
  });

  it("40 directions come from the metadata; the rest stay undefined with a note", () => {
    expect(chat.metrics.filter((m) => m.higher_is_riskier === false)).toHaveLength(40);
    expect(chat.metrics.filter((m) => m.higher_is_riskier === true)).toHaveLength(0);
    expect(chat.notes).toContain(
      "138 of 178 metrics: the metadata states which way is better but not whether higher is riskier; higher_is_riskier left undefined",
    );
  });

  it("models: params from model_size, empty FLOP is null", () => {
    expect(chat.models.find((m) => m.name === "Meta-Llama-3-70B-Instruct")).toMatchObject({
      display_name: "Meta Llama 3 70B Instruct",
      params_b: 70,
      training_flop: 6.3e24,
    });
    expect(chat.models.find((m) => m.name === "Mistral-7B-Instruct-v0.2")?.training_flop).toBeNull();
    expect(base.models.filter((m) => m.training_flop === null).map((m) => m.name)).toEqual([
      "Mixtral-8x22B-v0.1",
      "Mistral-7B-v0.1",
      "Mixtral-8x7B-v0.1",
    ]);
  });
});

describe("Safetywashing without and as metadata", () => {
  it("without benchmarks_info.csv no direction is claimed", () => {
    const r = parseSafetywashing(fixture("safetywashing/benchmarks_chat_models.csv"));
    expect(r.metrics.every((m) => m.higher_is_riskier === undefined)).toBe(true);
    expect(r.notes).toContain(
      "no benchmarks_info.csv given: metric directions unknown (higher_is_riskier left undefined)",
    );
    expect(r.scores).toHaveLength(4622);
  });

  it("benchmarks_info.csv alone yields the 199 metric descriptions", () => {
    const r = parseSafetywashingInfo(INFO, { fileName: "benchmarks_info.csv" });
    expect(r.scores).toEqual([]);
    expect(r.metrics).toHaveLength(199);
    expect(r.metrics.find((m) => m.id === "safetywashing.wmdp")).toMatchObject({
      higher_is_riskier: false,
      title: "WMDP",
    });
    expect(r.metrics.find((m) => m.id === "safetywashing.lmsys_chatbot_arena")?.unit).toBe("score");
  });

  it("a non-numeric cell names its row and column", () => {
    const r = parseSafetywashing("model,name,mmlu,wmdp\nm1,M1,0.5,0.9\nm2,M2,high,0.8\n", {
      benchmarksInfo: INFO,
    });
    expect(r.errors).toEqual([{ row: 2, field: "mmlu", message: 'mmlu is not a number: "high"' }]);
    expect(r.scores).toHaveLength(3);
  });
});
