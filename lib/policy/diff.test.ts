import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadPolicyText } from "./load";
import type { Policy } from "./schema";
import { diffPolicies, ruleText } from "./diff";

function load(text: string, id: string): Policy {
  const r = loadPolicyText(text, `${id}.yaml`, { expectedId: id });
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join("; "));
  return r.policy;
}

const beta = readFileSync("policies/openai-preparedness-beta.yaml", "utf8");
const base = load(beta, "openai-preparedness-beta");

describe("diffPolicies", () => {
  it("a policy against itself is empty", () => {
    const d = diffPolicies(base, base);
    expect(d.empty).toBe(true);
    expect(d.thresholds.changed).toEqual([]);
  });

  it("reports a changed number with its calibration, and nothing else", () => {
    const edited = load(
      beta.replace(/(metric: cybench\.unguided\s*\n\s*gte: )0\.5/, "$10.6"),
      "openai-preparedness-beta",
    );
    const d = diffPolicies(base, edited);
    expect(d.empty).toBe(false);
    expect(d.thresholds.changed.map((c) => c.id)).toEqual(["cyber-high"]);
    expect(d.thresholds.changed[0]!.numbers).toEqual([
      {
        metric: "cybench.unguided",
        op: "gte",
        from: 0.5,
        to: 0.6,
        calibration: { from: "illustrative", to: "illustrative" },
      },
    ]);
    expect(d.thresholds.changed[0]!.fields).toEqual([]);
    expect(d.thresholds.changed[0]!.reworded).toBe(false);
  });

  it.each([
    {
      label: "rewording",
      edit: (p: Policy) => ({
        ...p,
        domains: p.domains.map((d) => ({
          ...d,
          thresholds: d.thresholds.map((t) =>
            t.id === "cyber-high" ? { ...t, definition: "A new wording." } : t,
          ),
        })),
      }),
      check: (d: ReturnType<typeof diffPolicies>) =>
        expect(d.thresholds.changed[0]).toMatchObject({
          id: "cyber-high",
          reworded: true,
          definition: "A new wording.",
        }),
    },
    {
      label: "a removed threshold",
      edit: (p: Policy) => ({
        ...p,
        domains: p.domains.map((d) => ({
          ...d,
          thresholds: d.thresholds.filter((t) => t.id !== "persuasion-critical"),
        })),
      }),
      check: (d: ReturnType<typeof diffPolicies>) =>
        expect(d.thresholds.removed.map((t) => t.id)).toEqual(["persuasion-critical"]),
    },
    {
      label: "a changed gate",
      edit: (p: Policy) => ({
        ...p,
        gates: { ...p.gates, "deploy-external": [{ outcome: "block" as const }] },
      }),
      check: (d: ReturnType<typeof diffPolicies>) =>
        expect(d.gates.changed).toEqual([
          expect.objectContaining({ action: "deploy-external", to: ["always → block"] }),
        ]),
    },
    {
      label: "a new level",
      edit: (p: Policy) => ({ ...p, levels: [...p.levels, "extreme"] }),
      check: (d: ReturnType<typeof diffPolicies>) =>
        expect(d.levels).toEqual({ added: ["extreme"], removed: [], reordered: false }),
    },
  ])("reports $label", ({ edit, check }) => {
    check(diffPolicies(base, edit(base)));
  });

  it("pairs renamed thresholds and shows both wordings", () => {
    const renamed: Policy = {
      ...base,
      domains: base.domains.map((d) => ({
        ...d,
        thresholds: d.thresholds.map((t) =>
          t.id === "cyber-high" ? { ...t, id: "cyber-t1", definition: "Reworded." } : t,
        ),
      })),
    };
    // a reference to the renamed threshold must move with it for the policy to stay coherent; the diff does not care
    const d = diffPolicies(base, renamed, { "cyber-t1": "cyber-high" });
    expect(d.thresholds.added).toEqual([]);
    expect(d.thresholds.changed[0]).toMatchObject({
      id: "cyber-t1",
      from_id: "cyber-high",
      reworded: true,
      definition: "Reworded.",
    });
    expect(d.thresholds.changed[0]!.definition_from).toContain("");
  });

  it.each([
    { rule: { outcome: "block" as const }, text: "always → block" },
    {
      rule: { when: { post: { at_most: "medium" } }, outcome: "allow" as const },
      text: "post ≤ medium → allow",
    },
    {
      rule: {
        when: {
          pre: { at_least: "high", domain: "cbrn" },
          safeguards: { track: "security", status: "attested" as const },
        },
        outcome: "conditional" as const,
      },
      text: "pre cbrn ≥ high and security safeguards attested → conditional",
    },
  ])("rule text: $text", ({ rule, text }) => {
    expect(ruleText(rule)).toBe(text);
  });
});

describe("diffPolicies across framework versions, paired by lineage", () => {
  const v22 = load(readFileSync("policies/anthropic-rsp-v2-2.yaml", "utf8"), "anthropic-rsp-v2-2");
  const v34 = load(readFileSync("policies/anthropic-rsp-v3-4.yaml", "utf8"), "anthropic-rsp-v3-4");
  const d = diffPolicies(v22, v34);

  it("pairs each v3.4 threshold with the v2.2 threshold its lineage names, wording side by side", () => {
    const t1 = d.thresholds.changed.find((c) => c.from_id === "cbrn-3")!;
    expect(t1.id).toBe("t1-non-novel-chem-bio");
    expect(t1.reworded).toBe(true);
    expect(t1.definition_from).toContain("CBRN");
    expect(d.thresholds.changed.find((c) => c.from_id === "ai-rd-4")?.id).toBe("t4-automated-rd");
  });

  it("reports a merged predecessor as continued, not removed, and the dropped checkpoint as removed", () => {
    expect(d.thresholds.continued).toEqual([
      expect.objectContaining({ id: "ai-rd-5", into: ["t4-automated-rd"], relation: "merge" }),
    ]);
    expect(d.thresholds.removed.map((t) => t.id).sort()).toEqual(["autonomy-checkpoint", "cyber-operations"]);
    expect(d.thresholds.added.map((t) => t.id)).toEqual(
      expect.arrayContaining(["t3-misaligned-ai-high-stakes", "highly-capable"]),
    );
    expect(d.thresholds.added.find((t) => t.id === "highly-capable")?.kind).toBe("derived");
  });
});
