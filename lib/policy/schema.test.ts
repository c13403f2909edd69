import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { Policy, policyJsonSchema, SCHEMA_ID } from "./schema";

const COMMITTED = path.resolve(import.meta.dirname, "../../policies/schema/policy.schema.json");

type JsonObject = Record<string, unknown>;

function at(obj: unknown, ...keys: (string | number)[]): JsonObject {
  let cur: unknown = obj;
  for (const k of keys) cur = (cur as Record<string | number, unknown>)[k];
  return cur as JsonObject;
}

describe("policy JSON Schema", () => {
  it("the committed policies/schema/policy.schema.json is up to date", () => {
    const expected = JSON.stringify(policyJsonSchema(), null, 2) + "\n";
    const committed = readFileSync(COMMITTED, "utf8");
    expect(
      committed === expected,
      "policies/schema/policy.schema.json is stale: run `npm run schema:write` and commit the result",
    ).toBe(true);
  });

  const schema = policyJsonSchema();
  const thresholdVariants = at(schema, "properties", "domains", "items", "properties", "thresholds", "items")
    .anyOf as JsonObject[];

  it.each([
    { label: "the policy object", node: () => schema },
    { label: "a metric", node: () => at(schema, "properties", "metrics", "items") },
    { label: "a domain", node: () => at(schema, "properties", "domains", "items") },
    {
      label: "a checkpoint threshold",
      node: () => thresholdVariants.find((t) => "obligations" in at(t, "properties"))!,
    },
    {
      label: "a capability threshold",
      node: () => thresholdVariants.find((t) => "level" in at(t, "properties"))!,
    },
    {
      label: "a threshold's early_warning",
      node: () => at(thresholdVariants[1], "properties", "early_warning"),
    },
  ])("$label rejects unknown keys (additionalProperties: false)", ({ node }) => {
    expect(node().additionalProperties).toBe(false);
  });

  it("has the three threshold kinds (checkpoint, derived, capability) and names itself", () => {
    expect(thresholdVariants).toHaveLength(3);
    expect(schema.$id).toBe("https://scalegate.dev/schema/policy@1.json");
    expect(schema.$schema).toBe("http://json-schema.org/draft-07/schema#");
    expect(at(schema, "properties", "schema").const).toBe(SCHEMA_ID);
    expect(schema.required).toEqual(
      expect.arrayContaining([
        "schema",
        "id",
        "title",
        "version",
        "publisher",
        "published",
        "source",
        "levels",
        "rollup",
        "aggregate",
        "metrics",
        "domains",
        "gates",
      ]),
    );
  });

  it("lists every gate outcome", () => {
    const rule = at(schema, "properties", "gates", "additionalProperties", "items");
    expect(at(rule, "properties", "outcome").enum).toEqual([
      "allow",
      "conditional",
      "pause",
      "block",
      "restrict",
      "de_deploy",
      "delete_weights",
      "require_report",
      "require_external_review",
      "require_approval",
      "delay",
    ]);
  });
});

describe("Policy (zod)", () => {
  const base = {
    schema: SCHEMA_ID,
    id: "p",
    title: "T",
    version: "1",
    publisher: "P",
    published: "2025-01-01",
    source: "s",
    levels: ["low", "high"],
    rollup: "max",
    aggregate: "max",
    metrics: [],
    domains: [{ id: "d", title: "D", thresholds: [{ id: "t", level: "high", definition: "x" }] }],
    gates: {},
  };
  it.each([
    { label: "the minimal policy", patch: {}, ok: true },
    { label: "unknown top-level key", patch: { bogus: 1 }, ok: false },
    { label: "wrong schema id", patch: { schema: "scalegate/policy@2" }, ok: false },
    { label: "id with upper case", patch: { id: "Policy" }, ok: false },
    { label: "published not a real date", patch: { published: "2025-02-30x" }, ok: false },
    { label: "no levels", patch: { levels: [] }, ok: false },
    { label: "unknown rollup", patch: { rollup: "sum" }, ok: false },
    { label: "unknown aggregate", patch: { aggregate: "median" }, ok: false },
    {
      label: "cadence multiple of exactly 1",
      patch: { cadence: { effective_compute_multiple: 1 } },
      ok: false,
    },
    { label: "cadence of 0 months", patch: { cadence: { months: 0 } }, ok: false },
    { label: "cadence of 6 months", patch: { cadence: { months: 6 } }, ok: true },
    {
      label: "a gate rule with an unknown outcome",
      patch: { gates: { deploy: [{ outcome: "maybe" }] } },
      ok: false,
    },
    { label: "a gate with no rules", patch: { gates: { deploy: [] } }, ok: false },
    {
      label: "a level bound with neither at_most nor at_least",
      patch: { gates: { deploy: [{ when: { pre: {} }, outcome: "allow" }] } },
      ok: false,
    },
  ])("$label -> ok=$ok", ({ patch, ok }) => {
    expect(Policy.safeParse({ ...base, ...patch }).success).toBe(ok);
  });

  it("safeguards default to an empty list", () => {
    expect(Policy.parse(base).safeguards).toEqual([]);
  });
});
