import { describe, expect, it } from "vitest";
import { apiKeys, apiPaths } from "./keys";

const startsWith = (key: readonly unknown[], prefix: readonly unknown[]) =>
  prefix.every((p, i) => JSON.stringify(key[i]) === JSON.stringify(p));

describe("apiKeys", () => {
  it.each([
    ["model list under models", apiKeys.models.list({ q: "gpt" }), apiKeys.models.all],
    ["model detail under models", apiKeys.models.detail("m1"), apiKeys.models.all],
    ["scores under their model", apiKeys.models.scores("m1"), apiKeys.models.detail("m1")],
    ["evaluations under evaluations", apiKeys.evaluations.list({ model: "m1" }), apiKeys.evaluations.all],
    ["determinations under determinations", apiKeys.determinations.list(), apiKeys.determinations.all],
    ["attestations under attestations", apiKeys.attestations.list(), apiKeys.attestations.all],
    ["batch list under batches", apiKeys.batches.list(), apiKeys.batches.all],
    ["policy detail under policies", apiKeys.policies.detail("p"), apiKeys.policies.all],
    ["every resource under the API root", apiKeys.policies.all, apiKeys.all],
  ])("%s: invalidating the prefix reaches it", (_label, key, prefix) => {
    expect(startsWith(key, prefix)).toBe(true);
  });

  it("scores of one model are not under another's detail", () => {
    expect(startsWith(apiKeys.models.scores("m1"), apiKeys.models.detail("m10"))).toBe(false);
  });

  it.each([
    ["undefined and empty values dropped", { q: "x", developer: undefined, family: "" }, { q: "x" }],
    ["key order does not matter", { family: "f", q: "x" }, { q: "x", family: "f" }],
    ["no filters = the empty filter", undefined, {}],
  ])("equal filters share one key: %s", (_label, a, b) => {
    expect(apiKeys.models.list(a)).toEqual(apiKeys.models.list(b));
    expect(JSON.stringify(apiKeys.models.list(a))).toBe(JSON.stringify(apiKeys.models.list(b)));
  });
});

describe("apiPaths", () => {
  it.each([
    [apiPaths.models({ q: "gpt 4", developer: undefined }), "/api/v1/models?q=gpt+4"],
    [apiPaths.models(), "/api/v1/models"],
    [apiPaths.model("a/b"), "/api/v1/models/a%2Fb"],
    [apiPaths.scores("m1"), "/api/v1/models/m1/scores"],
    [
      apiPaths.evaluations({ policy: "p", as_of: "2025-01-01" }),
      "/api/v1/evaluations?as_of=2025-01-01&policy=p",
    ],
    [apiPaths.rollback(7), "/api/v1/batches/7/rollback"],
    [apiPaths.policy("openai-preparedness-v2"), "/api/v1/policies/openai-preparedness-v2"],
  ])("%s", (got, want) => {
    expect(got).toBe(want);
  });
});
