import { evaluate } from "@/lib/engine";
import type { Evaluation, ModelInput } from "@/lib/engine";
import { levelId, levelTitle, loadPolicyText } from "@/lib/policy";
import type { Policy } from "@/lib/policy";
import type { OverviewModel, OverviewSource } from "./overview";

/** Test data for the overview mappers: two small policies evaluated by the real engine. */

function load(doc: object, file: string): Policy {
  const r = loadPolicyText(JSON.stringify(doc), file);
  if (!r.ok) throw new Error(r.problems[0]!.message);
  return r.policy;
}

export const ALPHA = load(
  {
    schema: "scalegate/policy@1",
    id: "alpha",
    title: "Alpha Policy",
    version: "1",
    publisher: "p",
    published: "2025-01-01",
    source: "s",
    levels: ["low", "medium", "high"],
    rollup: "max",
    aggregate: "max",
    metrics: [
      { id: "bio", domain: "bio", unit: "fraction", higher_is_riskier: true, continuity: "continuous" },
      { id: "cyber", domain: "cyber", unit: "fraction", higher_is_riskier: true, continuity: "continuous" },
    ],
    domains: [
      {
        id: "bio",
        title: "Bio",
        thresholds: [
          {
            id: "bio-med",
            level: "medium",
            definition: "d",
            when: { metric: "bio", gte: 0.5, calibration: "illustrative" },
            early_warning: { margin: 0.1 },
            safeguards: ["bio-guard"],
          },
        ],
      },
      {
        id: "cyber",
        title: "Cyber",
        thresholds: [
          {
            id: "cyber-med",
            level: "medium",
            definition: "d",
            when: { metric: "cyber", gte: 0.5, calibration: "illustrative" },
          },
          {
            id: "cyber-high",
            level: "high",
            definition: "d",
            when: { metric: "cyber", gte: 0.9, calibration: "illustrative" },
          },
        ],
      },
    ],
    safeguards: [{ id: "bio-guard", track: "deployment", title: "Bio guard" }],
    gates: {
      deploy: [
        { when: { pre: { at_most: "low" } }, outcome: "allow" },
        { when: { safeguards: "attested" }, outcome: "conditional" },
        { outcome: "block" },
      ],
    },
  },
  "alpha.yaml",
);

export const BETA = load(
  {
    schema: "scalegate/policy@1",
    id: "beta",
    title: "Beta Policy",
    version: "2",
    publisher: "p",
    published: "2025-01-01",
    source: "s",
    levels: [
      { id: "below", title: "Below" },
      { id: "above", title: "Above the line" },
    ],
    rollup: "max",
    aggregate: "max",
    metrics: [
      { id: "cyber", domain: "cyber", unit: "fraction", higher_is_riskier: true, continuity: "continuous" },
    ],
    domains: [
      {
        id: "cyber",
        title: "Cyber",
        thresholds: [
          {
            id: "cyber-line",
            level: "above",
            definition: "d",
            when: { metric: "cyber", gte: 0.7, calibration: "illustrative" },
            on_missing: "below",
          },
        ],
      },
    ],
    gates: { deploy: [{ when: { pre: { at_most: "below" } }, outcome: "allow" }, { outcome: "pause" }] },
  },
  "beta.yaml",
);

export const MODELS: OverviewModel[] = [
  {
    id: "a-big",
    name: "Acme Big",
    developer: "Acme",
    family: "Big",
    release_date: "2025-03-01",
    training_flop: 5e25,
  },
  {
    id: "a-small",
    name: "Acme Small",
    developer: "Acme",
    family: "Small",
    release_date: null,
    training_flop: 1e23,
  },
  {
    id: "b-one",
    name: "Bolt One",
    developer: "Bolt,Acme",
    family: null,
    release_date: "2024-06-01",
    training_flop: null,
  },
  {
    id: "c-none",
    name: "Crate None",
    developer: null,
    family: null,
    release_date: "2025-01-15",
    training_flop: 3e24,
  },
  {
    id: "d-det",
    name: "Dune Det",
    developer: "Dune",
    family: "Big",
    release_date: "2023-01-01",
    training_flop: Number.NaN,
  },
];

/** Scores and records per model: c-none has none at all. */
export const INPUTS: Record<string, Omit<ModelInput, "model">> = {
  "a-big": {
    scores: [
      { metric: "bio", value: 0.6 },
      { metric: "cyber", value: 0.95 },
    ],
  },
  "a-small": {
    scores: [
      { metric: "bio", value: 0.45 },
      { metric: "cyber", value: 0.2 },
    ],
  },
  "b-one": { scores: [{ metric: "cyber", value: 0.55 }] },
  "c-none": { scores: [] },
  "d-det": {
    scores: [{ metric: "bio", value: 0.9 }],
    determinations: [
      { threshold: "bio-med", outcome: "not_reached", by: "lab", rationale: "r", at: "2025-01-02" },
      { threshold: "cyber-med", outcome: "cannot_rule_out", by: "lab", rationale: "r", at: "2025-01-02" },
    ],
  },
};

export const AS_OF = "2025-06-01";

export function evaluateFixture(policy: Policy, m: OverviewModel): Evaluation {
  const input = INPUTS[m.id] ?? { scores: [] };
  return evaluate(policy, { model: { id: m.id, name: m.name }, ...input }, { asOf: AS_OF });
}

export function fixtureSource(models: OverviewModel[] = MODELS): OverviewSource {
  const policies = [ALPHA, BETA];
  return {
    asOf: AS_OF,
    models,
    policies: policies.map((p) => ({
      id: p.id,
      title: p.title,
      version: p.version,
      levels: p.levels.map((l) => ({ id: levelId(l), title: levelTitle(l) })),
      domains: p.domains.map((d) => ({ id: d.id, title: d.title })),
    })),
    evaluations: new Map(
      policies.map((p) => [p.id, new Map(models.map((m) => [m.id, evaluateFixture(p, m)] as const))]),
    ),
  };
}
