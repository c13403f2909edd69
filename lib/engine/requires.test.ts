import { describe, expect, it } from "vitest";
import { formatProblem, loadPolicyText } from "@/lib/policy";
import type { Policy } from "@/lib/policy";
import { evaluate } from "./evaluate";
import type { DeterminationInput, ModelInput } from "./input";

/**
 * `requires` (a rule-out proxy) and the evidenced level. CBRN-4-like "t4" has no indicator of its own
 * and requires "t3", which reads one fraction metric.
 */
function policy(extra: Record<string, unknown> = {}): Policy {
  const doc = {
    schema: "scalegate/policy@1",
    id: "req-policy",
    title: "Requires",
    version: "1",
    publisher: "tests",
    published: "2025-01-01",
    source: "https://example.org",
    levels: ["l2", "l3", "l4"],
    rollup: "max",
    aggregate: "max",
    metrics: [
      { id: "m", domain: "bio", unit: "fraction", higher_is_riskier: true, continuity: "continuous" },
    ],
    domains: [
      {
        id: "bio",
        title: "Bio",
        thresholds: [
          {
            id: "t3",
            level: "l3",
            definition: "lower rung",
            when: { metric: "m", gte: 0.5, calibration: "illustrative" },
          },
          { id: "t4", level: "l4", definition: "higher rung", requires: ["t3"], ...extra },
        ],
      },
    ],
    gates: { deploy: [{ when: { pre: { at_most: "l3" } }, outcome: "allow" }] },
  };
  const r = loadPolicyText(JSON.stringify(doc), "req-policy.yaml");
  if (!r.ok) throw new Error(r.problems.map(formatProblem).join("\n"));
  return r.policy;
}

const input = (value: number | null, dets: DeterminationInput[] = []): ModelInput => ({
  model: { id: "synthetic-m" },
  scores: value === null ? [] : [{ metric: "m", value }],
  determinations: dets,
});

const det = (outcome: DeterminationInput["outcome"], threshold = "t4"): DeterminationInput => ({
  threshold,
  outcome,
  by: "reviewer",
  rationale: "test",
  at: "2025-05-01",
});

describe("requires: a prerequisite that does not count rules the threshold out", () => {
  it.each([
    {
      label: "prerequisite below → below, not missing",
      value: 0.2,
      dets: [],
      t4: "below",
      level: "l2",
      evidenced: "l2",
      missing: [],
    },
    {
      label: "prerequisite reached → own indicators missing → cannot_rule_out",
      value: 0.7,
      dets: [],
      t4: "cannot_rule_out",
      level: "l4",
      evidenced: "l3",
      missing: ["t4"],
    },
    {
      label: "prerequisite missing → both cannot be ruled out",
      value: null,
      dets: [],
      t4: "cannot_rule_out",
      level: "l4",
      evidenced: "l2",
      missing: ["t3", "t4"],
    },
    {
      label: "determination settles the higher rung",
      value: 0.7,
      dets: [det("not_reached")],
      t4: "determined_not_reached",
      level: "l3",
      evidenced: "l3",
      missing: [],
    },
    {
      label: "determination reached over a below prerequisite is flagged",
      value: 0.2,
      dets: [det("reached")],
      t4: "determined_reached",
      level: "l4",
      evidenced: "l4",
      missing: [],
    },
  ])("$label", ({ value, dets, t4, level, evidenced, missing }) => {
    const ev = evaluate(policy(), input(value, dets), { asOf: "2025-06-01" });
    const t = ev.domains[0]!.thresholds.find((x) => x.id === "t4")!;
    expect(t.status).toBe(t4);
    expect(ev.level.pre).toBe(level);
    expect(ev.evidenced_level.pre).toBe(evidenced);
    expect(ev.domains[0]!.missing_evidence).toEqual(missing);
    expect(t.evidence[0]).toMatchObject({ kind: "threshold", leaf: "requires", threshold: "t3" });
  });

  it("flags a determination that contradicts a prerequisite that is below", () => {
    const ev = evaluate(policy(), input(0.2, [det("reached")]), { asOf: "2025-06-01" });
    expect(ev.domains[0]!.thresholds.find((x) => x.id === "t4")!.disagreement).toBe(true);
  });

  it("gates read the fail-safe level, not the evidenced one", () => {
    const ev = evaluate(policy(), input(0.7), { asOf: "2025-06-01" });
    expect(ev.gates[0]).toMatchObject({ action: "deploy", outcome: "block", rule: null });
  });

  it.each([
    { label: "undeclared prerequisite", requires: ["nope"], message: 'threshold "nope" is not declared' },
    { label: "self prerequisite", requires: ["t4"], message: 'threshold "t4" requires itself' },
  ])("rejects $label", ({ requires, message }) => {
    expect(() => policy({ requires })).toThrow(message);
  });

  it("rejects a cycle through requires", () => {
    const doc = JSON.parse(JSON.stringify(policy())) as Policy;
    const t3 = doc.domains[0]!.thresholds[0]!;
    (t3 as { requires?: string[] }).requires = ["t4"];
    const r = loadPolicyText(JSON.stringify({ ...doc, safeguards: undefined }), "req-policy.yaml");
    expect(r.ok).toBe(false);
    expect(r.problems.map((p) => p.message).join("\n")).toContain("cycle");
  });
});
