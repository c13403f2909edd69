import { describe, expect, it } from "vitest";
import {
  MAX_COMPARE,
  buildCompare,
  formatValue,
  parseCompareParams,
  suggestedPair,
} from "./overview-compare";
import type { CompareParams } from "./overview-compare";
import { MODELS, fixtureSource } from "./overview-fixture";
import type { RawParams } from "./overview-params";

const KNOWN = { models: MODELS.map((m) => m.id), policies: ["alpha", "beta"] };

describe("parseCompareParams", () => {
  it.each<{
    label: string;
    raw: RawParams;
    models: string[];
    unknown: string[];
    policy: string | null;
    notes: string[];
  }>([
    { label: "nothing asked", raw: {}, models: [], unknown: [], policy: null, notes: [] },
    {
      label: "two models",
      raw: { models: "a-big,b-one" },
      models: ["a-big", "b-one"],
      unknown: [],
      policy: null,
      notes: [],
    },
    {
      label: "spaces and empty entries",
      raw: { models: " a-big , ,b-one," },
      models: ["a-big", "b-one"],
      unknown: [],
      policy: null,
      notes: [],
    },
    {
      label: "any case, stored id kept",
      raw: { models: "A-BIG,b-one" },
      models: ["a-big", "b-one"],
      unknown: [],
      policy: null,
      notes: [],
    },
    {
      label: "duplicates once",
      raw: { models: "a-big,a-big,b-one" },
      models: ["a-big", "b-one"],
      unknown: [],
      policy: null,
      notes: [],
    },
    {
      label: "unknown ids named, known ones kept",
      raw: { models: "a-big,nope,b-one,ghost,nope" },
      models: ["a-big", "b-one"],
      unknown: ["nope", "ghost"],
      policy: null,
      notes: [],
    },
    {
      label: "repeated parameter",
      raw: { models: ["a-big", "b-one"] },
      models: ["a-big", "b-one"],
      unknown: [],
      policy: null,
      notes: [],
    },
    {
      label: "add appends",
      raw: { models: "a-big", add: "d-det" },
      models: ["a-big", "d-det"],
      unknown: [],
      policy: null,
      notes: [],
    },
    {
      label: "a policy",
      raw: { models: "a-big", policy: "beta" },
      models: ["a-big"],
      unknown: [],
      policy: "beta",
      notes: [],
    },
    {
      label: "an unknown policy: every policy",
      raw: { policy: "gamma" },
      models: [],
      unknown: [],
      policy: null,
      notes: ["policy"],
    },
    {
      label: "unknown parameter",
      raw: { model: "a-big" },
      models: [],
      unknown: [],
      policy: null,
      notes: ["model"],
    },
    { label: "bad diff", raw: { diff: "some" }, models: [], unknown: [], policy: null, notes: ["diff"] },
  ])("$label", ({ raw, models, unknown, policy, notes }) => {
    const r = parseCompareParams(raw, KNOWN);
    expect(r.params).toMatchObject({ models, unknown, policy });
    expect(r.notes.map((n) => n.param)).toEqual(notes);
  });

  it(`keeps at most ${MAX_COMPARE} models, with a note`, () => {
    const many = Array.from({ length: MAX_COMPARE + 2 }, (_, i) => `m${i}`);
    const r = parseCompareParams({ models: many.join(",") }, { models: many, policies: [] });
    expect(r.params.models).toEqual(many.slice(0, MAX_COMPARE));
    expect(r.notes[0]!.message).toContain("m6, m7");
  });

  it("diff=only", () => {
    expect(parseCompareParams({ diff: "only" }, KNOWN).params.onlyDifferences).toBe(true);
  });
});

const source = fixtureSource();
const params = (p: Partial<CompareParams>): CompareParams => ({
  models: ["a-big", "a-small"],
  unknown: [],
  policy: null,
  onlyDifferences: false,
  ...p,
});

describe("buildCompare", () => {
  it("every policy, one group for the overall levels and one per domain", () => {
    const v = buildCompare(source, params({}));
    expect(v.policies.map((p) => p.id)).toEqual(["alpha", "beta"]);
    expect(v.policies[0]!.groups.map((g) => g.id)).toEqual(["overall", "bio", "cyber"]);
    expect(v.policies[0]!.groups[2]!.rows.map((r) => r.id)).toEqual([
      "cyber-level-pre",
      "cyber-level-post",
      "cyber-evidenced-pre",
      "cyber-med-pre",
      "cyber-med-post",
      "cyber-high-pre",
      "cyber-high-post",
    ]);
  });

  it("marks the rows where the models differ, and only those", () => {
    const alpha = buildCompare(source, params({ models: ["a-big", "b-one"], policy: "alpha" })).policies[0]!;
    const rows = new Map(alpha.groups.flatMap((g) => g.rows.map((r) => [r.id, r])));
    // Both medium on cyber-med (reached); a-big high, b-one medium overall; bio reached vs cannot rule out
    expect(rows.get("cyber-med-pre")!.differs).toBe(false);
    expect(rows.get("overall-level-pre")!.differs).toBe(true);
    expect(rows.get("overall-level-pre")!.cells.map((c) => c.text)).toEqual(["high", "medium"]);
    expect(rows.get("bio-med-pre")!.differs).toBe(true);
    expect(rows.get("bio-level-pre")!.differs).toBe(false);
    expect(alpha.differing).toBe([...rows.values()].filter((r) => r.differs).length);
  });

  it("a threshold cell: status in words, markers, the values behind it, a link to the threshold", () => {
    const v = buildCompare(source, params({ models: ["a-big", "b-one"], policy: "alpha" }));
    const bio = v.policies[0]!.groups.find((g) => g.id === "bio")!.rows.find((r) => r.id === "bio-med-pre")!;
    expect(bio.cells[0]).toMatchObject({
      text: "reached",
      tone: "top",
      markers: [],
      values: ["bio = 0.6 (threshold ≥ 0.5)"],
      href: "/models/a-big?policy=alpha#threshold-bio-med",
    });
    expect(bio.cells[1]).toMatchObject({
      text: "cannot rule out",
      markers: ["missing"],
      values: ["bio: no score (threshold ≥ 0.5)"],
      label: "Bolt One, Bio-med (before mitigation): cannot rule out; missing evidence".replace(
        "Bio-med",
        "bio-med",
      ),
    });
  });

  it("a determination is marked on its threshold", () => {
    const v = buildCompare(source, params({ models: ["a-big", "d-det"], policy: "alpha" }));
    const cyber = v.policies[0]!.groups.find((g) => g.id === "cyber")!.rows.find(
      (r) => r.id === "cyber-med-pre",
    )!;
    expect(cyber.cells[1]).toMatchObject({
      text: "cannot rule out (determined)",
      // held by the determination: not also marked as missing evidence
      markers: ["cannot_rule_out", "determined"],
    });
  });

  it("only the rows that differ, groups without any left out", () => {
    const v = buildCompare(
      source,
      params({ models: ["a-big", "b-one"], policy: "beta", onlyDifferences: true }),
    );
    const rows = v.policies[0]!.groups.flatMap((g) => g.rows);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.differs)).toBe(true);
    expect(v.policies[0]!.differing).toBe(rows.length);
  });

  it("identical models: nothing differs", () => {
    const v = buildCompare(
      source,
      params({ models: ["b-one", "a-small"], policy: "beta", onlyDifferences: true }),
    );
    expect(v.policies[0]!.differing).toBe(0);
    expect(v.policies[0]!.groups).toEqual([]);
  });

  it("fewer than two known models: no tables", () => {
    expect(buildCompare(source, params({ models: ["a-big"] })).policies).toEqual([]);
    expect(buildCompare(source, params({ models: [] })).policies).toEqual([]);
  });

  it("model headers with remove links that keep the rest of the view", () => {
    const v = buildCompare(
      source,
      params({ models: ["a-big", "a-small", "b-one"], policy: "beta", onlyDifferences: true }),
    );
    expect(v.models.map((m) => m.remove_href)).toEqual([
      "/compare?models=a-small,b-one&policy=beta&diff=only",
      "/compare?models=a-big,b-one&policy=beta&diff=only",
      "/compare?models=a-big,a-small&policy=beta&diff=only",
    ]);
    expect(v.toggle_differences_href).toBe("/compare?models=a-big,a-small,b-one&policy=beta");
    expect(v.models[0]!.href).toBe("/models/a-big?policy=beta");
  });

  it("unknown ids are passed through to be named", () => {
    expect(buildCompare(source, params({ unknown: ["ghost"] })).unknown).toEqual(["ghost"]);
  });

  it.each([
    { v: 0.6, want: "0.6" },
    { v: 101.182643, want: "101" },
    { v: 0.123456, want: "0.123" },
    { v: 0, want: "0" },
    { v: 2400, want: "2400" },
    { v: 3.866e24, want: "3.87e24" },
    { v: 0.00012, want: "1.20e-4" },
  ])("formatValue($v)", ({ v, want }) => {
    expect(formatValue(v)).toBe(want);
  });

  it("the suggested pair: the two newest models with evidence", () => {
    expect(suggestedPair(MODELS, new Set(["a-big", "b-one", "d-det"])).map((m) => m.id)).toEqual([
      "a-big",
      "b-one",
    ]);
    expect(suggestedPair(MODELS, new Set())).toEqual([]);
  });
});
