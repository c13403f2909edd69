import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadPolicyText } from "@/lib/policy";
import type { GateRule, Policy, PolicyInput } from "@/lib/policy";
import {
  aggregateText,
  cadenceText,
  calibrationCounts,
  calibrationText,
  describeGate,
  earlyWarningText,
  gateViews,
  leafNotes,
  onMissingText,
  policyName,
  predicateLines,
  rollupText,
  safeguardsByTrack,
  summarisePolicy,
  wordingLabel,
} from "./policy";

const base: PolicyInput = {
  schema: "scalegate/policy@1",
  id: "view-policy",
  title: "View Policy",
  version: "1.0",
  publisher: "Example Lab",
  published: "2025-04-15",
  supersedes: "view-policy-beta",
  source: "https://example.org",
  levels: [{ id: "low", title: "Low" }, "medium", { id: "high", title: "High", description: "d" }],
  rollup: "max",
  aggregate: "max",
  metrics: [
    { id: "cy", domain: "cyber", unit: "fraction", higher_is_riskier: true, continuity: "continuous" },
    { id: "bio", domain: "bio", unit: "fraction", higher_is_riskier: true, continuity: "continuous" },
  ],
  domains: [
    {
      id: "cyber",
      title: "Cybersecurity",
      thresholds: [
        {
          id: "cyber-high",
          title: "Cyber High",
          level: "high",
          definition: "quoted",
          when: {
            any: [
              { metric: "cy", gte: 0.5, calibration: "illustrative", note: "half the tasks" },
              { all: [{ metric: "cy", lt: 0.9, calibration: "framework" }, { threshold: "watch" }] },
            ],
          },
          early_warning: { margin: 0.1 },
          safeguards: ["sec-high", "dep-high"],
        },
        {
          id: "watch",
          kind: "checkpoint",
          definition: "paraphrased",
          wording: "paraphrase",
          on_missing: "below",
          obligations: ["assess fully"],
        },
      ],
    },
    {
      id: "bio",
      title: "Biology",
      thresholds: [
        {
          id: "bio-medium",
          level: "medium",
          definition: "d",
          wording: "secondary",
          when: { not: { metric: "bio", lte: 0.2, calibration: "illustrative" } },
          safeguards: ["sec-high"],
        },
        { id: "bio-high", level: "high", definition: "d", requires: ["bio-medium"] },
      ],
    },
  ],
  safeguards: [
    { id: "sec-high", track: "security", title: "Security High" },
    { id: "dep-high", track: "deployment", title: "Deployment High", definition: "q", wording: "paraphrase" },
    { id: "sec-extra", track: "security", title: "Security Extra" },
  ],
  gates: { "deploy-external": [{ outcome: "block" }] },
  cadence: { effective_compute_multiple: 4, months: 6 },
};

function load(input: PolicyInput): Policy {
  const r = loadPolicyText(JSON.stringify(input), `${input.id}.yaml`);
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join("; "));
  return r.policy;
}

const policy = load(base);

describe("gate rules as sentences", () => {
  const table: { label: string; rules: GateRule[]; expected: string[] }[] = [
    {
      label: "unconditional rule alone: always",
      rules: [{ outcome: "allow" }],
      expected: ["always → allow"],
    },
    {
      label: "post bound then unconditional block",
      rules: [{ when: { post: { at_most: "medium" } }, outcome: "allow" }, { outcome: "block" }],
      expected: ["if post-mitigation level is at most medium → allow", "otherwise → block"],
    },
    {
      label: "conditions only: the fail-closed default is added",
      rules: [{ when: { pre: { at_least: "high" } }, outcome: "pause" }],
      expected: ["if pre-mitigation level is at least High → pause", "otherwise → block (fail closed)"],
    },
    {
      label: "domain-scoped bound names the domain by title",
      rules: [{ when: { pre: { at_most: "low", domain: "cyber" } }, outcome: "allow" }, { outcome: "block" }],
      expected: ["if pre-mitigation level in Cybersecurity is at most Low → allow", "otherwise → block"],
    },
    {
      label: "both bounds, and equal bounds",
      rules: [
        { when: { post: { at_least: "medium", at_most: "high" } }, outcome: "restrict" },
        { when: { post: { at_least: "low", at_most: "low" } }, outcome: "allow" },
        { outcome: "block" },
      ],
      expected: [
        "if post-mitigation level is at least medium and at most High → restrict",
        "if post-mitigation level is exactly Low → allow",
        "otherwise → block",
      ],
    },
    {
      label: "safeguards, all tracks and one track",
      rules: [
        { when: { safeguards: "attested" }, outcome: "conditional" },
        { when: { safeguards: "missing" }, outcome: "de_deploy" },
        { when: { safeguards: { track: "security", status: "attested" } }, outcome: "allow" },
        { when: { safeguards: { track: "security", status: "missing" } }, outcome: "delete_weights" },
      ],
      expected: [
        "if every required safeguard is attested → allow with conditions",
        "if a required safeguard is missing or expired → de-deploy",
        "if every required security safeguard is attested → allow",
        "if a required security safeguard is missing or expired → delete weights",
        "otherwise → block (fail closed)",
      ],
    },
    {
      label: "obligations and a combined rule",
      rules: [
        { when: { pre: { at_most: "low" }, obligations: "none_open" }, outcome: "allow" },
        { when: { obligations: "open" }, outcome: "conditional" },
        { outcome: "pause" },
      ],
      expected: [
        "if pre-mitigation level is at most Low and no checkpoint obligation is open → allow",
        "if a checkpoint obligation is open → allow with conditions",
        "otherwise → pause",
      ],
    },
    {
      label: "reassessment due and current",
      rules: [
        { when: { reassessment: "due" }, outcome: "block" },
        { when: { reassessment: "current" }, outcome: "allow" },
      ],
      expected: [
        "if a reassessment is due → block",
        "if no reassessment is due → allow",
        "otherwise → block (fail closed)",
      ],
    },
    {
      label: "an empty when is unconditional",
      rules: [
        { when: { reassessment: "due" }, outcome: "block" },
        { when: {}, outcome: "allow" },
      ],
      expected: ["if a reassessment is due → block", "otherwise → allow"],
    },
  ];

  it.each(table)("$label", ({ rules, expected }) => {
    expect(describeGate(policy, rules).map((r) => r.sentence)).toEqual(expected);
  });

  it("numbers the policy's rules and leaves the engine's default unnumbered", () => {
    const rules = describeGate(policy, [
      { when: { safeguards: "attested" }, outcome: "allow", reason: " why ", locator: "§1" },
    ]);
    expect(rules).toEqual([
      {
        rule: 1,
        conditions: ["every required safeguard is attested"],
        outcome: "allow",
        lead: "if every required safeguard is attested",
        outcomeText: "allow",
        sentence: "if every required safeguard is attested → allow",
        reason: "why",
        locator: "§1",
      },
      {
        rule: null,
        conditions: [],
        outcome: "block",
        lead: "otherwise",
        outcomeText: "block (fail closed)",
        sentence: "otherwise → block (fail closed)",
        reason: "No rule matched: gates fail closed.",
      },
    ]);
  });

  it("titles each action", () => {
    expect(gateViews(policy).map((g) => [g.action, g.title])).toEqual([
      ["deploy-external", "Deploy external"],
    ]);
  });
});

describe("policy summary counts", () => {
  it("counts levels, domains, thresholds, checkpoints and calibrations", () => {
    expect(summarisePolicy(policy)).toEqual({
      id: "view-policy",
      title: "View Policy",
      publisher: "Example Lab",
      version: "1.0",
      published: "2025-04-15",
      supersedes: "view-policy-beta",
      levels: [
        { id: "low", title: "Low" },
        { id: "medium", title: "medium" },
        { id: "high", title: "High", description: "d" },
      ],
      domainCount: 2,
      thresholdCount: 4,
      capabilityCount: 3,
      checkpointCount: 1,
      actionCount: 1,
      numbers: { framework: 1, illustrative: 2, total: 3, illustrativePercent: 67 },
    });
  });

  it.each([
    {
      label: "no numbers",
      c: { framework: 0, illustrative: 0, total: 0, illustrativePercent: null },
      text: "no numeric indicators",
    },
    {
      label: "one number",
      c: { framework: 0, illustrative: 1, total: 1, illustrativePercent: 100 },
      text: "1 of 1 number illustrative (100%), 0 from the framework",
    },
    {
      label: "mixed",
      c: { framework: 1, illustrative: 2, total: 3, illustrativePercent: 67 },
      text: "2 of 3 numbers illustrative (67%), 1 from the framework",
    },
  ])("calibration text: $label", ({ c, text }) => {
    expect(calibrationText(c)).toBe(text);
  });

  it("a policy whose thresholds have no indicators has no numbers", () => {
    const bare = load({
      ...base,
      domains: [{ id: "x", title: "X", thresholds: [{ id: "x-high", level: "high", definition: "d" }] }],
      safeguards: [],
    });
    expect(calibrationCounts(bare)).toEqual({
      framework: 0,
      illustrative: 0,
      total: 0,
      illustrativePercent: null,
    });
  });
});

describe("thresholds", () => {
  it("flattens the predicate into nested lines with their calibration", () => {
    const t = policy.domains[0]!.thresholds[0]!;
    expect(predicateLines(t.when!)).toEqual([
      { depth: 0, text: "any of:" },
      { depth: 1, text: "cy ≥ 0.5", calibration: "illustrative" },
      { depth: 1, text: "all of:" },
      { depth: 2, text: "cy < 0.9", calibration: "framework" },
      { depth: 2, text: "threshold watch is crossed" },
    ]);
    expect(leafNotes(t.when)).toEqual([{ metric: "cy", note: "half the tasks" }]);
    expect(leafNotes(undefined)).toEqual([]);
  });

  it.each([
    { wording: undefined, label: null },
    { wording: "verbatim" as const, label: null },
    { wording: "paraphrase" as const, label: "paraphrase" },
    { wording: "secondary" as const, label: "secondary source" },
  ])("wording $wording → $label", ({ wording, label }) => {
    expect(wordingLabel(wording)).toBe(label);
  });

  it("says what missing evidence means and when an early warning fires", () => {
    const [high, watch] = policy.domains[0]!.thresholds;
    expect(onMissingText(high!)).toMatch(/cannot be ruled out/);
    expect(onMissingText(watch!)).toMatch(/treated as below/);
    expect(earlyWarningText(high!)).toBe(
      "Early warning when a score is within 0.1 of a number above, on the safe side.",
    );
    expect(earlyWarningText(watch!)).toBeNull();
  });
});

describe("safeguards by track", () => {
  it("groups by track in order of appearance, with the thresholds that require each", () => {
    const tracks = safeguardsByTrack(policy);
    expect(
      tracks.map((t) => ({
        track: t.track,
        title: t.title,
        safeguards: t.safeguards.map((s) => ({
          id: s.safeguard.id,
          wording: s.wording,
          by: s.requiredBy.map((r) => r.id),
        })),
      })),
    ).toEqual([
      {
        track: "security",
        title: "Security",
        safeguards: [
          { id: "sec-high", wording: null, by: ["cyber-high", "bio-medium"] },
          { id: "sec-extra", wording: null, by: [] },
        ],
      },
      {
        track: "deployment",
        title: "Deployment",
        safeguards: [{ id: "dep-high", wording: "paraphrase", by: ["cyber-high"] }],
      },
    ]);
  });

  it("a policy without safeguards has no tracks", () => {
    const bare = load({
      ...base,
      domains: [{ id: "x", title: "X", thresholds: [{ id: "x-high", level: "high", definition: "d" }] }],
      safeguards: [],
    });
    expect(safeguardsByTrack(bare)).toEqual([]);
  });
});

describe("policy names", () => {
  it.each([
    { title: "Anthropic RSP", version: "2.2", name: "Anthropic RSP v2.2" },
    {
      title: "OpenAI Preparedness Framework (Beta)",
      version: "Beta",
      name: "OpenAI Preparedness Framework (Beta)",
    },
    { title: "Some Framework", version: "Draft", name: "Some Framework Draft" },
  ])("$title + $version", ({ title, version, name }) => {
    expect(policyName(title, version)).toBe(name);
  });
});

describe("rollup and aggregate", () => {
  it.each([
    { rollup: "max" as const, text: /highest level of any domain/ },
    { rollup: "none" as const, text: /per domain only/ },
  ])("rollup $rollup", ({ rollup, text }) => {
    expect(rollupText({ ...policy, rollup })).toMatch(text);
  });

  it.each([
    { aggregate: "max" as const, text: /riskiest/ },
    { aggregate: "latest" as const, text: /newest/ },
    { aggregate: "mean" as const, text: /mean/ },
  ])("aggregate $aggregate", ({ aggregate, text }) => {
    expect(aggregateText({ ...policy, aggregate })).toMatch(text);
  });
});

describe("cadence", () => {
  it.each([
    {
      label: "both",
      c: { effective_compute_multiple: 4, months: 6 },
      text: "A reassessment is due when the model family's effective compute has grown 4× since the last full assessment, or when 6 months have passed since it.",
    },
    {
      label: "months only",
      c: { months: 1 },
      text: "A reassessment is due when 1 month has passed since the last full assessment.",
    },
    {
      label: "none",
      c: undefined,
      text: "No reassessment cadence: a reassessment is never due on a schedule.",
    },
    { label: "empty", c: {}, text: "No reassessment cadence: a reassessment is never due on a schedule." },
  ])("$label", ({ c, text }) => {
    expect(cadenceText(c)).toBe(text);
  });
});

describe("shipped policies", () => {
  const rsp = (() => {
    const file = path.join(import.meta.dirname, "../../policies/anthropic-rsp-v2-2.yaml");
    const r = loadPolicyText(readFileSync(file, "utf8"), "anthropic-rsp-v2-2.yaml");
    if (!r.ok) throw new Error("RSP does not load");
    return r.policy;
  })();

  it("RSP v2.2: every number illustrative, the deploy gate ends in block", () => {
    const s = summarisePolicy(rsp);
    expect(s.levels.map((l) => l.id)).toEqual(["asl-2", "asl-3", "asl-4"]);
    expect([s.domainCount, s.thresholdCount, s.checkpointCount]).toEqual([3, 6, 2]);
    expect(s.numbers.framework).toBe(0);
    expect(s.numbers.illustrativePercent).toBe(100);
    const deploy = gateViews(rsp).find((g) => g.action === "deploy")!;
    expect(deploy.rules.map((r) => r.sentence)).toEqual([
      "if a reassessment is due → block",
      "if pre-mitigation level is at most ASL-2 Standard (baseline) → allow",
      "if every required safeguard is attested → allow with conditions",
      "otherwise → block",
    ]);
  });
});
