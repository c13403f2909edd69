import { describe, expect, it } from "vitest";
import { evaluate } from "@/lib/engine";
import { loadPolicyText } from "@/lib/policy";
import { domainCell, overallCell } from "./cell";
import { levelTone } from "./levels";

const policy = (() => {
  const r = loadPolicyText(
    JSON.stringify({
      schema: "scalegate/policy@1",
      id: "cell-policy",
      title: "t",
      version: "1",
      publisher: "p",
      published: "2025-01-01",
      source: "s",
      levels: ["low", "medium", "high"],
      rollup: "max",
      aggregate: "max",
      metrics: [
        { id: "m", domain: "cyber", unit: "fraction", higher_is_riskier: true, continuity: "continuous" },
      ],
      domains: [
        {
          id: "cyber",
          title: "Cyber",
          thresholds: [
            {
              id: "c-med",
              level: "medium",
              definition: "d",
              when: { metric: "m", gte: 0.3, calibration: "illustrative" },
              early_warning: { margin: 0.1 },
            },
            { id: "c-high", level: "high", definition: "d" },
          ],
        },
      ],
      gates: { deploy: [{ outcome: "allow" }] },
    }),
    "cell-policy.yaml",
  );
  if (!r.ok) throw new Error(r.problems[0]!.message);
  return r.policy;
})();

describe("overview cells", () => {
  it.each([
    {
      label: "early warning and a missing-evidence threshold",
      value: 0.25,
      level: "high",
      evidenced: "low",
      markers: ["early_warning", "missing"],
    },
    {
      label: "reached, the higher rung missing",
      value: 0.5,
      level: "high",
      evidenced: "medium",
      markers: ["missing"],
    },
  ])("$label", ({ value, level, evidenced, markers }) => {
    const ev = evaluate(
      policy,
      { model: { id: "synthetic" }, scores: [{ metric: "m", value }] },
      { asOf: "2025-06-01" },
    );
    const cell = domainCell(ev.domains[0]!);
    expect(cell).toMatchObject({ level, evidenced, markers });
    expect(overallCell(ev).markers).toEqual(markers);
  });

  it("marks a determination that disagrees", () => {
    const ev = evaluate(
      policy,
      {
        model: { id: "synthetic" },
        scores: [{ metric: "m", value: 0.5 }],
        determinations: [
          { threshold: "c-med", outcome: "not_reached", by: "r", rationale: "x", at: "2025-01-02" },
        ],
      },
      { asOf: "2025-06-01" },
    );
    expect(domainCell(ev.domains[0]!).markers).toEqual(["determined", "disagreement", "missing"]);
  });

  it.each([
    { level: "low", tone: "baseline" },
    { level: "medium", tone: "high" },
    { level: "high", tone: "top" },
    { level: null, tone: "unknown" },
  ])("tone of $level is $tone", ({ level, tone }) => {
    expect(levelTone(["low", "medium", "high"], level)).toBe(tone);
  });
});
