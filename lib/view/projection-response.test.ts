import { describe, expect, it } from "vitest";
import { loadPolicyText } from "@/lib/policy";
import { projectPolicy } from "@/lib/projection/policy-projections";
import type { ProjectionModel } from "@/lib/projection/policy-projections";
import { finiteOrNullDeep, toProjectionsResponse } from "./projection-response";
import { ProjectionsResponse } from "./projection-schema";

const policy = (() => {
  const r = loadPolicyText(
    JSON.stringify({
      schema: "scalegate/policy@1",
      id: "resp-policy",
      title: "Response policy",
      version: "1",
      publisher: "p",
      published: "2025-01-01",
      source: "s",
      levels: ["low", { id: "high", title: "High risk" }],
      rollup: "max",
      aggregate: "max",
      metrics: [
        {
          id: "bench",
          title: "Bench",
          domain: "cyber",
          unit: "fraction",
          higher_is_riskier: true,
          continuity: "continuous",
        },
        {
          id: "horizon",
          domain: "cyber",
          unit: "minutes",
          higher_is_riskier: true,
          continuity: "continuous",
        },
      ],
      domains: [
        {
          id: "cyber",
          title: "Cyber",
          thresholds: [
            {
              id: "c-high",
              level: "high",
              title: "Cyber high",
              definition: "d",
              when: { metric: "bench", gte: 0.5, calibration: "illustrative" },
            },
            {
              id: "c-time",
              kind: "checkpoint",
              definition: "d",
              obligations: ["review"],
              when: { metric: "horizon", gte: 60, calibration: "framework" },
            },
            { id: "c-human", level: "high", definition: "d" },
          ],
        },
      ],
      gates: { deploy: [{ outcome: "allow" }] },
    }),
    "resp-policy.yaml",
  );
  if (!r.ok) throw new Error(r.problems[0]!.message);
  return r.policy;
})();

const models: ProjectionModel[] = Array.from({ length: 8 }, (_, i) => ({
  id: `m${i}`,
  release_date: `2024-0${1 + i}-01`,
  training_flop: 10 ** (23 + i * 0.4),
  scores: new Map([
    ["bench", Math.min(0.95, 0.05 + i * 0.09)],
    ["horizon", 2 * 2 ** i],
  ]),
}));

describe("projections response", () => {
  it.each([
    { label: "NaN", v: NaN, want: null },
    { label: "Infinity", v: Infinity, want: null },
    {
      label: "nested",
      v: { a: [1, -Infinity, { b: NaN, c: "x", d: undefined }] },
      want: { a: [1, null, { b: null, c: "x" }] },
    },
  ])("finiteOrNullDeep: $label", ({ v, want }) => expect(finiteOrNullDeep(v)).toEqual(want));

  it("carries every leaf with the titles the page needs and validates against the schema", () => {
    const r = projectPolicy(policy, models, { plannedFlop: 1e27, resamples: 200 });
    const body = toProjectionsResponse(
      policy,
      {
        policy: { id: policy.id, version: policy.version },
        version: "v1",
        frontier: r.frontier,
        leaves: r.leaves,
      },
      { planned: 1e27 },
    );
    expect(ProjectionsResponse.safeParse(body).success).toBe(true);
    expect(body.policy).toEqual({
      id: "resp-policy",
      version: "1",
      title: "Response policy",
      levels: [
        { id: "low", title: "low" },
        { id: "high", title: "High risk" },
      ],
    });
    expect(body.planned_flop).toBe(1e27);
    expect(body.family).toBeNull();
    expect(body.thresholds).toEqual([
      { id: "c-high", title: "Cyber high", domain: "cyber", kind: "capability", numeric: true },
      { id: "c-time", title: "c-time", domain: "cyber", kind: "checkpoint", numeric: true },
      { id: "c-human", title: "c-human", domain: "cyber", kind: "capability", numeric: false },
    ]);
    expect(body.metrics).toEqual([
      { id: "bench", title: "Bench", unit: "fraction" },
      { id: "horizon", title: "horizon", unit: "minutes" },
    ]);
    expect(body.leaves.map((l) => [l.threshold, l.method])).toEqual([
      ["c-high", "compute-sigmoid"],
      ["c-time", "time-trend"],
    ]);
    expect(body.leaves[0]!.p_planned).toBeGreaterThanOrEqual(0);
    // JSON round trip changes nothing: what the page prefetches is what the API sends.
    expect(JSON.parse(JSON.stringify(body))).toEqual(body);
  });
});
