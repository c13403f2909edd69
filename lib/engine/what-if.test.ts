import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadPolicyText } from "@/lib/policy";
import type { Policy } from "@/lib/policy";
import { evaluate } from "./evaluate";
import type { ModelInput } from "./input";
import { compareEvaluations } from "./what-if";

const text = readFileSync("policies/openai-preparedness-beta.yaml", "utf8");
const load = (t: string): Policy => {
  const r = loadPolicyText(t, "openai-preparedness-beta.yaml");
  if (!r.ok) throw new Error(r.problems[0]!.message);
  return r.policy;
};

const inputs: ModelInput[] = [0.3, 0.45, 0.55].map((v, i) => ({
  model: { id: `synthetic-${i}` },
  scores: [{ metric: "cybench.unguided", value: v }],
  determinations: [
    {
      threshold: "cyber-critical",
      outcome: "not_reached",
      by: "r",
      rationale: "ruled out",
      at: "2025-01-01",
    },
  ],
}));

describe("what-if: which models a draft changes", () => {
  const run = (p: Policy) => inputs.map((i) => evaluate(p, i, { asOf: "2025-06-01" }));

  it("raising the cyber High bar from 0.5 to 0.6 lowers the one model between them", () => {
    const draft = load(text.replace(/(metric: cybench\.unguided\s*\n\s*gte: )0\.5/, "$10.6"));
    const changes = compareEvaluations(run(load(text)), run(draft));
    expect(changes.map((c) => c.model)).toEqual(["synthetic-2"]);
    const c = changes[0]!;
    expect(c.domains.find((d) => d.id === "cybersecurity")).toMatchObject({
      pre: ["high", expect.any(String)],
    });
    expect(c.domains.find((d) => d.id === "cybersecurity")!.pre[1]).not.toBe("high");
    // Other domains lack evidence, so they stay at high: the overall level, safeguards and gates do not move.
    expect(c.level).toBeUndefined();
    expect(c.safeguards).toBeUndefined();
  });

  it("an unchanged policy changes no model", () => {
    expect(compareEvaluations(run(load(text)), run(load(text)))).toEqual([]);
  });
});
