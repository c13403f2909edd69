import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTempDb } from "@/test/fixtures/db/helpers";
import type { TempDb } from "@/test/fixtures/db/helpers";
import { createDetermination } from "../records";
import { seedDemo } from "../seed";
import { getModelPage, listMetricScores } from "./model";

let t: TempDb;

beforeAll(() => {
  t = openTempDb();
  seedDemo(t.db);
});
afterAll(() => t.dispose());

describe("getModelPage on the demo data", () => {
  it("an unknown model is null", () => {
    expect(getModelPage(t.db, "no-such-model")).toBeNull();
  });

  it.each([
    ["no policy asked: the first published", undefined, "anthropic-rsp-v2-2", null],
    ["a published policy", "openai-preparedness-v2", "openai-preparedness-v2", null],
    ["an unknown policy falls back and is named", "nope", "anthropic-rsp-v2-2", "nope"],
  ])("%s", (_label, policy, shown, unknown) => {
    const page = getModelPage(t.db, "claude-opus-4-20250514", { policy });
    expect([page?.policy?.id, page?.evaluation?.policy.id, page?.unknownPolicy]).toEqual([
      shown,
      shown,
      unknown,
    ]);
  });

  it("joins the stored determination rows the evaluation cites (quote, source kind)", () => {
    const page = getModelPage(t.db, "claude-opus-4-20250514", { policy: "anthropic-rsp-v2-2" })!;
    const cbrn3 = page.evaluation!.domains.flatMap((d) => d.thresholds).find((x) => x.id === "cbrn-3")!;
    const row = page.determinations.find((d) => d.id === cbrn3.determination?.id);
    expect(row?.quote).toContain("clearly ruling out ASL-3 risks is not possible");
    expect(row?.sourceKind).toBe("primary");
  });

  it("the METR horizon score carries its source file row", () => {
    const page = getModelPage(t.db, "claude-opus-4-20250514")!;
    const metr = page.scores.find((s) => s.metricId === "metr.p50_horizon_minutes.v1-1");
    expect(metr?.value).toBeCloseTo(101.18, 2);
    expect(`${metr?.sourceFile}:${metr?.sourceRow}`).toBe("db/seed/metr/benchmark_results_1_1.yaml:107");
  });

  it("the chart opens on a policy metric the model has, with that metric's leaves", () => {
    const page = getModelPage(t.db, "claude-opus-4-20250514", { policy: "anthropic-rsp-v2-2" })!;
    expect(page.chart.metric).toBe("metr.p50_horizon_minutes.v1-1");
    expect(page.chart.leaves.map((l) => `${l.threshold} ${l.comparator} ${l.value}`)).toEqual([
      "autonomy-checkpoint gte 120",
      "ai-rd-4 gte 2400",
    ]);
    expect(page.chart.higherIsRiskier).toBe(true);
    expect(page.chart.scores.some((s) => s.model === "claude-opus-4-20250514")).toBe(true);
  });

  it("a requested metric the model has is plotted; WMDP reads lower as riskier", () => {
    const page = getModelPage(t.db, "meta-llama-3-70b-instruct", { metric: "safetywashing.wmdp_bio" })!;
    expect([page.chart.metric, page.chart.higherIsRiskier]).toEqual(["safetywashing.wmdp_bio", false]);
  });

  it("listMetricScores returns every model's scores on one metric", () => {
    const rows = listMetricScores(t.db, "metr.p50_horizon_minutes.v1-1");
    expect(rows.length).toBe(14);
    expect(new Set(rows.map((r) => r.mitigation))).toEqual(new Set(["pre"]));
  });

  it("a new determination is in the next page read (the snapshot's data version moves)", () => {
    createDetermination(
      t.db,
      {
        model: "gpt-4o-2024-05-13",
        policy: "openai-preparedness-v2",
        threshold: "cyber-high",
        outcome: "not_reached",
        rationale: "unit test",
        by: "tester",
      },
      "test",
    );
    const page = getModelPage(t.db, "gpt-4o-2024-05-13", { policy: "openai-preparedness-v2" })!;
    const t2 = page.evaluation!.domains.flatMap((d) => d.thresholds).find((x) => x.id === "cyber-high")!;
    expect(t2.status).toBe("determined_not_reached");
    expect(page.determinations.some((d) => d.rationale === "unit test")).toBe(true);
  });
});
