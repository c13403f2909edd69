import { describe, expect, it } from "vitest";
import { formatProblem, loadPolicyText } from "@/lib/policy";
import type { Policy } from "@/lib/policy";
import { evaluate } from "./evaluate";
import type { ModelInput } from "./input";

/**
 * The constructs the 2026 frameworks need (RSP v3.x, FSF v3.1): context facts (usage thresholds and
 * conditional requirements), progress-rate leaves, derived thresholds, tiers, lineage, ordinal ladders
 * with modifiers, requirement kinds, and procedural gate outcomes.
 */
function policy(over: Record<string, unknown> = {}): Policy {
  const doc = {
    schema: "scalegate/policy@1",
    id: "v3-policy",
    title: "Constructs",
    version: "1",
    publisher: "tests",
    published: "2026-01-01",
    source: "https://example.org",
    levels: ["base", "heightened"],
    rollup: "max",
    aggregate: "max",
    metrics: [],
    facts: [
      { id: "highly-relied-on", title: "Highly relied on internally" },
      { id: "competitors-strong", title: "Competitors have comparably capable models" },
    ],
    series: [{ id: "capability-index", title: "Aggregate capability index" }],
    ladders: { security: ["sl2", { id: "sl2-plus", title: "SL2+" }, "sl3", "sl4"] },
    domains: [
      {
        id: "misalignment",
        title: "Misaligned AI in high-stakes settings",
        thresholds: [
          {
            id: "usage",
            level: "heightened",
            tier: "critical",
            definition: "usage threshold",
            when: { fact: "highly-relied-on" },
            safeguards: ["risk-report", "industry-case", "security"],
            lineage: { from: [], relation: "new" },
          },
        ],
      },
      {
        id: "rnd",
        title: "Automated R&D",
        thresholds: [
          {
            id: "acceleration",
            level: "heightened",
            definition: "double the rate of progress",
            when: {
              rate: {
                series: "capability-index",
                recent_days: 365,
                baseline: { from: "2018-01-01", to: "2024-01-01" },
                ratio_gte: 2,
              },
              calibration: "framework",
            },
            lineage: { from: ["ai-rd-4", "ai-rd-5"], relation: "merge" },
          },
          {
            id: "highly-capable",
            kind: "derived",
            definition: "highly capable := acceleration crossed",
            when: { threshold: "acceleration" },
          },
        ],
      },
    ],
    safeguards: [
      {
        id: "risk-report",
        track: "company-plan",
        kind: "report",
        title: "Risk Report",
        approvers: ["CEO", "RSO"],
      },
      {
        id: "industry-case",
        track: "industry-recommendation",
        kind: "safety_argument",
        commitment: "conditional",
        title: "Strong argument",
        claim: "no sabotage",
        actor_scope: ["insiders"],
        active_when: ["competitors-strong"],
      },
      { id: "security", track: "security", title: "Security", ladder: "security", min: "sl2-plus" },
    ],
    gates: {
      deploy: [
        {
          when: { thresholds: { "highly-capable": "counted" } },
          outcome: "require_external_review",
          within_days: 30,
        },
        { when: { facts: { "competitors-strong": true }, safeguards: "missing" }, outcome: "delay" },
        { when: { pre: { at_most: "base" } }, outcome: "allow" },
        { when: { safeguards: "attested" }, outcome: "require_approval", approvers: ["CEO", "RSO"] },
        { outcome: "block" },
      ],
    },
    ...over,
  };
  const r = loadPolicyText(JSON.stringify(doc), "v3-policy.yaml");
  if (!r.ok) throw new Error(r.problems.map(formatProblem).join("\n"));
  return r.policy;
}

const P = policy();
const AS_OF = "2026-06-01";
const input = (over: Partial<ModelInput> = {}): ModelInput => ({
  model: { id: "synthetic-v3" },
  scores: [],
  ...over,
});
const threshold = (ev: ReturnType<typeof evaluate>, id: string) =>
  ev.domains.flatMap((d) => d.thresholds).find((t) => t.id === id)!;

/** A series growing `early` doublings a year until 2024-01-01, then `late` a year (exact in days). */
function series(early: number, late: number) {
  const out: { date: string; value: number }[] = [];
  const start = Date.UTC(2018, 0, 1);
  const switchDay = (Date.UTC(2024, 0, 1) - start) / 86_400_000;
  for (let day = 0; day <= 8 * 365; day += 73) {
    const years = (d: number) => d / 365.25;
    const log2 =
      day <= switchDay ? early * years(day) : early * years(switchDay) + late * years(day - switchDay);
    out.push({ date: new Date(start + day * 86_400_000).toISOString().slice(0, 10), value: 2 ** log2 });
  }
  return { "capability-index": out };
}

describe("fact leaves (usage thresholds)", () => {
  it.each([
    {
      label: "fact true → reached",
      facts: { "highly-relied-on": true },
      status: "reached",
      level: "heightened",
    },
    { label: "fact false → below", facts: { "highly-relied-on": false }, status: "below", level: "base" },
    {
      label: "fact unknown → missing evidence → cannot rule out",
      facts: {},
      status: "cannot_rule_out",
      level: "heightened",
    },
  ])("$label", ({ facts, status, level }) => {
    const ev = evaluate(P, input({ facts: facts as Record<string, boolean> }), { asOf: AS_OF });
    expect(threshold(ev, "usage").status).toBe(status);
    expect(ev.domains.find((d) => d.id === "misalignment")!.level.pre).toBe(level);
    expect(threshold(ev, "usage").evidence[0]).toMatchObject({ kind: "fact", fact: "highly-relied-on" });
  });
});

describe("rate leaves (progress rate against a dated baseline)", () => {
  it.each([
    { label: "rate doubled exactly → reached", s: series(1, 2), status: "reached", ratio: 2 },
    { label: "just under double → below", s: series(1, 1.999), status: "below", ratio: 1.999 },
    { label: "no series → missing → cannot rule out", s: {}, status: "cannot_rule_out", ratio: null },
    { label: "flat baseline → no ratio → missing", s: series(0, 1), status: "cannot_rule_out", ratio: null },
  ])("$label", ({ s, status, ratio }) => {
    const ev = evaluate(P, input({ facts: { "highly-relied-on": false }, series: s }), { asOf: AS_OF });
    const t = threshold(ev, "acceleration");
    expect(t.status).toBe(status);
    const e = t.evidence[0] as { kind: string; ratio: number | null };
    expect(e.kind).toBe("rate");
    if (ratio === null) expect(e.ratio).toBeNull();
    else expect(e.ratio).toBeCloseTo(ratio, 9);
  });
});

describe("series respect the evaluation date", () => {
  it("values dated after as_of are not on record yet", () => {
    const ev = evaluate(P, input({ facts: { "highly-relied-on": false }, series: series(1, 2) }), {
      asOf: "2023-12-31",
    });
    // Only the baseline years are on record: the recent window holds the same early growth → ratio 1.
    const e = threshold(ev, "acceleration").evidence[0] as { ratio: number | null };
    expect(e.ratio).toBeCloseTo(1, 9);
    expect(threshold(ev, "acceleration").status).toBe("below");
  });
});

describe("derived thresholds and procedural gates", () => {
  it("a derived threshold counts with what it is defined from, assigns no level, and drives a gate", () => {
    const ev = evaluate(P, input({ facts: { "highly-relied-on": false }, series: series(1, 2) }), {
      asOf: AS_OF,
    });
    const hc = threshold(ev, "highly-capable");
    expect(hc).toMatchObject({ kind: "derived", level: null, status: "reached", counted: true });
    expect(ev.gates[0]).toMatchObject({
      action: "deploy",
      outcome: "require_external_review",
      within_days: 30,
      rule: 1,
    });
  });

  it("an unknown fact never satisfies a gate condition on it", () => {
    const ev = evaluate(P, input({ facts: { "highly-relied-on": true }, series: series(1, 1) }), {
      asOf: AS_OF,
    });
    expect(ev.gates[0]!.reasons.join(" ")).toContain("competitors-strong is unknown");
    expect(ev.gates[0]!.outcome).toBe("block");
  });

  it("require_approval carries its approvers", () => {
    const ev = evaluate(
      P,
      input({
        facts: { "highly-relied-on": true, "competitors-strong": false },
        series: series(1, 1),
        attestations: [
          { safeguard: "risk-report", status: "verified", by: "RSO", at: "2026-05-01" },
          { safeguard: "security", status: "verified", by: "CISO", at: "2026-05-01", level: "sl3" },
        ],
      }),
      { asOf: AS_OF },
    );
    expect(ev.gates[0]).toMatchObject({ outcome: "require_approval", approvers: ["CEO", "RSO"] });
  });
});

describe("requirements: activation conditions, ladders, kinds", () => {
  const run = (facts: Record<string, boolean>, securityLevel?: string) =>
    evaluate(
      P,
      input({
        facts: { "highly-relied-on": true, ...facts },
        attestations: securityLevel
          ? [
              {
                safeguard: "security",
                status: "verified",
                by: "CISO",
                at: "2026-05-01",
                level: securityLevel,
              },
            ]
          : [],
      }),
      { asOf: AS_OF },
    ).safeguards;

  it.each([
    { label: "condition known false → inactive", facts: { "competitors-strong": false }, status: "inactive" },
    { label: "condition unknown → still required", facts: {}, status: "missing" },
    { label: "condition true → required", facts: { "competitors-strong": true }, status: "missing" },
  ])("$label", ({ facts, status }) => {
    const s = run(facts as Record<string, boolean>).find((x) => x.id === "industry-case")!;
    expect(s).toMatchObject({ status, kind: "safety_argument", commitment: "conditional" });
  });

  it.each([
    { label: "below the minimum rung → insufficient", level: "sl2", status: "insufficient" },
    { label: "exactly the minimum rung (SL2+) → attested", level: "sl2-plus", status: "attested" },
    { label: "above the minimum → attested", level: "sl4", status: "attested" },
    { label: "no level given → insufficient", level: undefined, status: "missing" },
  ])("$label", ({ level, status }) => {
    expect(run({}, level).find((x) => x.id === "security")).toMatchObject({ status, min: "sl2-plus" });
  });

  it("an inactive requirement neither blocks nor counts", () => {
    const ev = evaluate(
      P,
      input({
        facts: { "highly-relied-on": true, "competitors-strong": false },
        series: series(1, 1),
        attestations: [
          { safeguard: "risk-report", status: "verified", by: "RSO", at: "2026-05-01" },
          { safeguard: "security", status: "verified", by: "CISO", at: "2026-05-01", level: "sl2-plus" },
        ],
      }),
      { asOf: AS_OF },
    );
    expect(ev.gates[0]!.outcome).toBe("require_approval");
  });
});

describe("loader checks for the new constructs", () => {
  it.each([
    {
      label: "undeclared fact in a leaf",
      over: { facts: [{ id: "competitors-strong", title: "x" }] },
      message: 'fact "highly-relied-on" is not declared in facts',
    },
    {
      label: "undeclared series",
      over: { series: [] },
      message: 'series "capability-index" is not declared in series',
    },
    {
      label: "a rung not on the ladder",
      over: { ladders: { security: ["sl2", "sl3"] } },
      message: '"sl2-plus" is not a rung of ladder security',
    },
  ])("rejects $label", ({ over, message }) => {
    expect(() => policy(over)).toThrow(message);
  });

  it("rejects a gate naming an undeclared threshold or fact", () => {
    expect(() =>
      policy({
        gates: {
          deploy: [
            { when: { thresholds: { nope: "counted" }, facts: { nofact: true } }, outcome: "allow" },
            { outcome: "block" },
          ],
        },
      }),
    ).toThrow(/threshold "nope" is not declared[\s\S]*fact "nofact" is not declared/);
  });

  it("rejects a ladder without a minimum", () => {
    const bad = JSON.parse(JSON.stringify(P)) as Record<string, unknown> & {
      safeguards: Record<string, unknown>[];
    };
    delete bad.safeguards[2]!.min;
    const r = loadPolicyText(JSON.stringify(bad), "v3-policy.yaml");
    expect(r.ok).toBe(false);
    expect(r.problems.map((p) => p.message).join(" ")).toContain("ladder and min go together");
  });
});
