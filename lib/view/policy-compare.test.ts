import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { PolicyComparison } from "@/lib/api/policy-compare";
import { loadPolicyText } from "@/lib/policy/load";
import type { Policy } from "@/lib/policy/schema";
import { diffPolicies } from "@/lib/policy/diff";
import { comparatorSymbol, relationText, toComparisonView, wordDiff } from "./policy-compare";

function shipped(id: string, edit: (s: string) => string = (s) => s): Policy {
  const r = loadPolicyText(edit(readFileSync(`policies/${id}.yaml`, "utf8")), `${id}.yaml`, {
    expectedId: id,
  });
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join("; "));
  return r.policy;
}

const V22 = shipped("anthropic-rsp-v2-2");
const V34 = shipped("anthropic-rsp-v3-4");

function comparison(
  a: Policy,
  b: Policy,
  changes: PolicyComparison["models"]["changes"] = [],
  status: { from?: "published" | "retired" | "draft"; to?: "published" | "retired" | "draft" } = {},
): PolicyComparison {
  return {
    from: {
      policy_id: a.id,
      title: a.title,
      version: a.version,
      policy_version_id: 1,
      status: status.from ?? "published",
      sha256: "a".repeat(64),
    },
    to: {
      policy_id: b.id,
      title: b.title,
      version: b.version,
      policy_version_id: a === b ? 1 : 2,
      status: status.to ?? "published",
      sha256: "b".repeat(64),
    },
    diff: diffPolicies(a, b),
    models: { evaluated: 3, as_of: "2026-12-01", changes },
  };
}

const join = (segments: { text: string }[]) => segments.map((s) => s.text).join("");

describe("wordDiff", () => {
  it.each([
    ["identical texts: nothing changed", "a b c", "a b c", [["a b c", false]], [["a b c", false]]],
    [
      "a word inserted",
      "a c",
      "a b c",
      [["a c", false]],
      [
        ["a ", false],
        ["b ", true],
        ["c", false],
      ],
    ],
    [
      "a word removed",
      "a b c",
      "a c",
      [
        ["a ", false],
        ["b ", true],
        ["c", false],
      ],
      [["a c", false]],
    ],
    [
      "a word replaced",
      "help make CBRN weapons",
      "help make chemical weapons",
      [
        ["help make ", false],
        ["CBRN ", true],
        ["weapons", false],
      ],
      [
        ["help make ", false],
        ["chemical ", true],
        ["weapons", false],
      ],
    ],
    ["both empty", "", "", [], []],
    ["all new", "", "fresh text", [], [["fresh text", true]]],
  ] as const)("%s", (_label, a, b, before, after) => {
    const d = wordDiff(a, b)!;
    expect(d.before.map((s) => [s.text, s.changed])).toEqual(before);
    expect(d.after.map((s) => [s.text, s.changed])).toEqual(after);
  });

  it("gives the texts back when the segments are joined", () => {
    const a = V22.domains[0]!.thresholds[0]!.definition;
    const b = V34.domains[0]!.thresholds[0]!.definition;
    const d = wordDiff(a, b)!;
    expect([join(d.before), join(d.after)]).toEqual([a, b]);
  });

  it("refuses texts too long to compare word by word", () => {
    const long = "word ".repeat(1000);
    expect(wordDiff(long, `${long} more`)).toBeNull();
  });
});

describe("toComparisonView: RSP v2.2 → v3.4", () => {
  const v = toComparisonView(comparison(V22, V34));

  it("names both sides", () => {
    expect([v.from.name, v.to.name]).toEqual([
      "Anthropic Responsible Scaling Policy v2.2",
      "Anthropic Responsible Scaling Policy (2026) v3.4",
    ]);
    expect([v.from.short, v.to.short, v.from.statusText]).toEqual(["v2.2", "v3.4", "published"]);
    expect(v.identical).toBe(false);
    expect(v.sameVersion).toBe(false);
  });

  it("thresholds removed with no successor, added, and continued under a new id", () => {
    expect(v.thresholds.removed.map((t) => [t.id, t.where])).toEqual([
      ["autonomy-checkpoint", "domain ai-rd · checkpoint"],
      ["cyber-operations", "domain cyber · checkpoint"],
    ]);
    expect(v.thresholds.added.map((t) => t.id)).toEqual(["t3-misaligned-ai-high-stakes", "highly-capable"]);
    expect(v.thresholds.continued.map((c) => [c.fromId, c.relation, c.into])).toEqual([
      ["cbrn-3", "narrowed into", ["t1-non-novel-chem-bio"]],
      ["cbrn-4", "reworded as", ["t2-novel-chem-bio"]],
      ["ai-rd-4", "merged into", ["t4-automated-rd"]],
      ["ai-rd-5", "merged into", ["t4-automated-rd"]],
    ]);
    expect(v.thresholds.continued[0]!.alsoChanged).toBe("reworded, domain, level, required safeguards");
  });

  it("reworded thresholds keep both wordings whole, with changed words marked", () => {
    const t1 = v.thresholds.reworded.find((r) => r.id === "t1-non-novel-chem-bio")!;
    expect(t1.fromId).toBe("cbrn-3");
    const c = comparison(V22, V34).diff.thresholds.changed.find((x) => x.id === "t1-non-novel-chem-bio")!;
    expect(join(t1.before)).toBe(c.definition_from);
    expect(join(t1.after)).toBe(c.definition);
    expect(t1.after.filter((s) => s.changed).map((s) => s.text.trim())).toContain(
      "chemical and/or biological weapons",
    );
    expect(t1.before.some((s) => !s.changed && s.text.includes("significantly help individuals"))).toBe(true);
  });

  it("numbers and levels: metric, comparator, from → to", () => {
    expect(v.thresholds.numbers).toEqual(
      expect.arrayContaining([
        {
          threshold: "T1: Non-novel chemical/biological weapons production",
          thresholdId: "t1-non-novel-chem-bio",
          what: "level",
          from: "asl-3",
          to: "asl-3-protections",
          calibration: null,
        },
        {
          threshold: "T4: Automated R&D in key domains",
          thresholdId: "t4-automated-rd",
          what: "metr.p50_horizon_minutes.v1-1 ≥",
          from: "2400",
          to: "none",
          calibration: "illustrative",
        },
      ]),
    );
    expect(
      v.thresholds.fields.find((f) => f.thresholdId === "t2-novel-chem-bio" && f.field === "requires"),
    ).toEqual({
      threshold: "T2: Novel chemical/biological weapons production",
      thresholdId: "t2-novel-chem-bio",
      field: "requires",
      from: "cbrn-3",
      to: "t1-non-novel-chem-bio",
    });
  });

  it("gates, safeguards, levels, domains, metrics and cadence", () => {
    expect(v.gates.removed).toEqual(["deploy", "keep-deployed", "store-weights", "continue-training"]);
    expect(v.gates.added).toContain("risk-report");
    expect(v.gates.changed).toEqual([]);
    expect(v.safeguards.removed).toContain("asl3-security");
    expect(v.levels.removed).toEqual(["asl-2", "asl-3", "asl-4"]);
    expect(v.domains.added).toEqual(["chem-bio", "misalignment", "automated-rd"]);
    expect(v.metrics.removed).toEqual(["cybench.unguided", "posttrainbench.average"]);
    expect(v.cadence?.text).toBe('{"months":6,"multiple":4} → {"months":6}');
    expect(v.summary).toEqual([
      "2 thresholds added",
      "2 thresholds removed with no successor",
      "4 thresholds continued under a new id",
      "3 thresholds reworded",
      expect.stringMatching(/^\d+ numbers or levels changed$/),
      "22 required safeguards added, removed or changed",
      "8 gates added, removed or changed",
      "levels or domains changed",
      "metrics added or removed",
      "reassessment cadence changed",
    ]);
  });
});

describe("toComparisonView: gate rules before and after", () => {
  const beta = shipped("openai-preparedness-beta");
  const edited = shipped("openai-preparedness-beta", (s) =>
    s.replace(
      "    - when: { post: { at_least: high } }\n      outcome: block",
      "    - when: { post: { at_least: critical } }\n      outcome: block",
    ),
  );

  it("marks each rule kept, removed or added", () => {
    const v = toComparisonView(comparison(beta, edited));
    expect(v.gates.changed).toHaveLength(1);
    const g = v.gates.changed[0]!;
    expect(g.action).toBe("deploy-external");
    expect(g.before.filter((r) => r.mark === "removed").map((r) => r.text)).toEqual(["post ≥ high → block"]);
    expect(g.after.filter((r) => r.mark === "added").map((r) => r.text)).toEqual(["post ≥ critical → block"]);
    expect(g.after.filter((r) => r.mark === "kept").length).toBe(g.after.length - 1);
    expect(v.summary).toEqual(["1 gate added, removed or changed"]);
  });
});

describe("toComparisonView: empty states and statuses", () => {
  it("a version against itself is identical, with nothing in any list", () => {
    const v = toComparisonView(comparison(V22, V22));
    expect(v.identical).toBe(true);
    expect(v.sameVersion).toBe(true);
    expect(v.summary).toEqual([]);
    expect(Object.values(v.thresholds).every((l) => l.length === 0)).toBe(true);
    expect(v.models.groups).toEqual([]);
  });

  it.each([
    ["retired", "retired: no longer the published version"],
    ["draft", "draft: not published"],
  ] as const)("a %s side says so", (status, text) => {
    expect(toComparisonView(comparison(V22, V34, [], { from: status })).from.statusText).toBe(text);
  });
});

describe("toComparisonView: models", () => {
  const shared = {
    level: { pre: ["asl-4", "beyond-asl-3"], post: ["asl-4", "beyond-asl-3"] },
    domains: [
      { id: "cbrn", pre: ["asl-4", null], post: ["asl-4", null] },
      { id: "chem-bio", pre: [null, "beyond-asl-3"], post: [null, "beyond-asl-3"] },
    ],
    safeguards: { added: ["ceo-rso-approval"], removed: ["asl4-security"] },
    gates: [
      { action: "deploy", from: "block", to: null },
      { action: "deploy-public", from: null, to: "require_approval" },
    ],
  } satisfies Omit<PolicyComparison["models"]["changes"][number], "model">;
  const changes: PolicyComparison["models"]["changes"] = [
    { model: "amber", ...shared },
    {
      model: "claude-opus-4-20250514",
      level: { pre: ["asl-3", "beyond-asl-3"], post: ["asl-3", "asl-3"] },
      domains: [],
      gates: [],
    },
    { model: "bloom", ...shared },
  ];
  const v = toComparisonView(comparison(V22, V34, changes));

  it("groups models that change the same way, largest group first, each model linked", () => {
    expect(v.models).toMatchObject({ evaluated: 3, changed: 3, asOf: "2026-12-01", levelNamesDiffer: true });
    expect(v.models.groups.map((g) => g.models)).toEqual([
      [
        { id: "amber", href: "/models/amber" },
        { id: "bloom", href: "/models/bloom" },
      ],
      [{ id: "claude-opus-4-20250514", href: "/models/claude-opus-4-20250514" }],
    ]);
  });

  it("writes every from → to out, naming the version that lacks a domain or gate", () => {
    const [big, opus] = v.models.groups;
    expect(big!.levelPre?.text).toBe("asl-4 → beyond-asl-3");
    expect(big!.domains).toEqual([
      {
        id: "cbrn",
        pre: { from: "asl-4", to: "not in v3.4", text: "asl-4 → not in v3.4" },
        post: { from: "asl-4", to: "not in v3.4", text: "asl-4 → not in v3.4" },
      },
      {
        id: "chem-bio",
        pre: { from: "not in v2.2", to: "beyond-asl-3", text: "not in v2.2 → beyond-asl-3" },
        post: { from: "not in v2.2", to: "beyond-asl-3", text: "not in v2.2 → beyond-asl-3" },
      },
    ]);
    expect(big!.gates.map((g) => g.change.text)).toEqual([
      "block → no such gate in v3.4",
      "no such gate in v2.2 → require_approval",
    ]);
    expect([big!.safeguardsAdded, big!.safeguardsRemoved]).toEqual([["ceo-rso-approval"], ["asl4-security"]]);
    expect([opus!.levelPre?.text, opus!.levelPost?.text]).toEqual(["asl-3 → beyond-asl-3", "asl-3 → asl-3"]);
    expect(opus!.domains).toEqual([]);
  });
});

describe("labels", () => {
  it.each([
    ["merge", "merged into"],
    ["split", "split into"],
    ["rename", "renamed to"],
    ["something-new", "continued (something-new) as"],
  ])("relation %s → %s", (relation, text) => expect(relationText(relation)).toBe(text));

  it.each([
    ["gte", "≥"],
    ["lt", "<"],
    ["eq", "eq"],
  ])("comparator %s → %s", (op, symbol) => expect(comparatorSymbol(op)).toBe(symbol));
});
