import { describe, expect, it } from "vitest";
import type { PolicyComparison } from "@/lib/api/policy-compare";
import { countsText, flipsByModel, gateFlips, reviewCounts } from "./review-summary";

type Change = PolicyComparison["models"]["changes"][number];

function comparison(changes: Change[], evaluated = 10): PolicyComparison {
  const side = (id: number, status: "draft" | "published") => ({
    policy_id: "p",
    title: "P",
    version: String(id),
    policy_version_id: id,
    status,
    sha256: "0".repeat(64),
  });
  return {
    from: side(1, "published"),
    to: side(2, "draft"),
    diff: {} as PolicyComparison["diff"],
    models: { evaluated, as_of: "2026-01-01", changes },
  };
}

const gate = (action: string, from: string | null, to: string | null) => ({ action, from, to });

describe("gateFlips", () => {
  it.each([
    {
      label: "allow → block is stricter",
      g: gate("deploy", "allow", "block"),
      dir: "closes",
      says: "would now stop deploy (block)",
    },
    {
      label: "block → conditional is looser",
      g: gate("deploy", "block", "conditional"),
      dir: "opens",
      says: "would now let deploy proceed on conditions",
    },
    {
      label: "pause → allow is looser",
      g: gate("train", "pause", "allow"),
      dir: "opens",
      says: "would now let train proceed (allow)",
    },
    {
      label: "block → pause stops either way",
      g: gate("deploy", "block", "pause"),
      dir: "changes",
      says: "would now stop deploy (pause)",
    },
    {
      label: "a gate the draft removes",
      g: gate("deploy", "allow", null),
      dir: "changes",
      says: "would no longer have a deploy gate",
    },
    {
      label: "de_deploy is written in words",
      g: gate("keep", "allow", "de_deploy"),
      dir: "closes",
      says: "would now stop keep (de deploy)",
    },
  ])("$label", ({ g, dir, says }) => {
    const [f] = gateFlips(comparison([{ model: "m", domains: [], gates: [g] }]));
    expect(f!.direction).toBe(dir);
    expect(f!.text).toContain(says);
    expect(f!.text.startsWith(`${g.action}: ${g.from ?? "no gate"} → ${g.to ?? "no gate"}`)).toBe(true);
  });

  it("lists every flip, by model then action; models without gate changes add none", () => {
    const flips = gateFlips(
      comparison([
        { model: "zeta", domains: [], gates: [gate("b", "allow", "block"), gate("a", "allow", "block")] },
        { model: "alpha", domains: [{ id: "cyber", pre: ["x", "y"], post: ["x", "y"] }], gates: [] },
        { model: "beta", domains: [], gates: [gate("a", "block", "allow")] },
      ]),
    );
    expect(flips.map((f) => `${f.model}/${f.action}`)).toEqual(["beta/a", "zeta/a", "zeta/b"]);
    expect(flipsByModel(flips).map((g) => [g.model, g.flips.map((f) => f.action)])).toEqual([
      ["beta", ["a"]],
      ["zeta", ["a", "b"]],
    ]);
  });
});

describe("reviewCounts and countsText", () => {
  it("no change at all", () => {
    const k = reviewCounts(comparison([], 7));
    expect(k).toEqual({ evaluated: 7, changed: 0, flipped: 0, flips: 0 });
    expect(countsText(k)).toBe("0 of 7 models would read differently.");
  });

  it("changes without a gate flip say so", () => {
    const k = reviewCounts(
      comparison([{ model: "m", domains: [{ id: "d", pre: ["a", "b"], post: ["a", "b"] }], gates: [] }], 1),
    );
    expect(countsText(k)).toBe("1 of 1 model would read differently; no gate outcome would change.");
  });

  it("counts the models with a flip and the gates", () => {
    const k = reviewCounts(
      comparison([
        { model: "a", domains: [], gates: [gate("x", "allow", "block"), gate("y", "allow", "pause")] },
        { model: "b", domains: [{ id: "d", pre: ["a", "b"], post: ["a", "b"] }], gates: [] },
      ]),
    );
    expect(k).toEqual({ evaluated: 10, changed: 2, flipped: 1, flips: 2 });
    expect(countsText(k)).toBe(
      "2 of 10 models would read differently; 1 of them with a different gate outcome (2 gates).",
    );
  });
});
