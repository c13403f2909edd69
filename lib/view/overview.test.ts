import { describe, expect, it } from "vitest";
import {
  buildOverview,
  developersOf,
  filterModels,
  formatCompute,
  hasEvidence,
  prepareOverview,
  sortModels,
} from "./overview";
import type { ModelFilters, OverviewModel } from "./overview";
import { ALPHA, BETA, MODELS, evaluateFixture, fixtureSource } from "./overview-fixture";
import { OverviewResponse } from "./overview-schema";
import type { OverviewParams, OverviewSort } from "./overview-schema";

const ids = (ms: { id: string }[]) => ms.map((m) => m.id);
const LEVELS: Record<string, string> = {
  "a-big": "high",
  "a-small": "low",
  "b-one": "medium",
  "c-none": "high",
};

describe("filterModels", () => {
  it.each<{ label: string; f: ModelFilters; want: string[] }>([
    { label: "no filter keeps every model", f: {}, want: ["a-big", "a-small", "b-one", "c-none", "d-det"] },
    { label: "developer", f: { developer: "Dune" }, want: ["d-det"] },
    { label: "developer, any case", f: { developer: "dune" }, want: ["d-det"] },
    {
      label: "developer among several listed",
      f: { developer: "Acme" },
      want: ["a-big", "a-small", "b-one"],
    },
    { label: "second of several developers", f: { developer: "Bolt" }, want: ["b-one"] },
    { label: "developer is not a substring match", f: { developer: "Acm" }, want: [] },
    { label: "family", f: { family: "Big" }, want: ["a-big", "d-det"] },
    { label: "family, any case", f: { family: "small" }, want: ["a-small"] },
    { label: "level", f: { level: "high" }, want: ["a-big", "c-none"] },
    { label: "level nobody has", f: { level: "critical" }, want: [] },
    { label: "search by name, any case", f: { q: "acme" }, want: ["a-big", "a-small"] },
    { label: "search by id", f: { q: "b-on" }, want: ["b-one"] },
    { label: "search trims", f: { q: "  crate " }, want: ["c-none"] },
    { label: "search with no match", f: { q: "zzz" }, want: [] },
    {
      label: "filters combine",
      f: { developer: "Acme", family: "Big", level: "high", q: "big" },
      want: ["a-big"],
    },
    { label: "combined to nothing", f: { developer: "Acme", level: "critical" }, want: [] },
  ])("$label", ({ f, want }) => {
    expect(ids(filterModels(MODELS, f, (id) => LEVELS[id] ?? null))).toEqual(want);
  });

  it("empty input", () => {
    expect(filterModels([], { q: "a" })).toEqual([]);
  });
});

describe("sortModels", () => {
  it.each<{ sort: OverviewSort; want: string[] }>([
    // release dates: a-big 2025-03-01, c-none 2025-01-15, b-one 2024-06-01, d-det 2023-01-01, a-small none
    { sort: "release-desc", want: ["a-big", "c-none", "b-one", "d-det", "a-small"] },
    { sort: "release-asc", want: ["d-det", "b-one", "c-none", "a-big", "a-small"] },
    // compute: a-big 5e25, c-none 3e24, a-small 1e23, b-one none, d-det NaN (unknown too)
    { sort: "compute-desc", want: ["a-big", "c-none", "a-small", "b-one", "d-det"] },
    { sort: "compute-asc", want: ["a-small", "c-none", "a-big", "b-one", "d-det"] },
    { sort: "name", want: ["a-big", "a-small", "b-one", "c-none", "d-det"] },
  ])("$sort, missing values last", ({ sort, want }) => {
    expect(ids(sortModels(MODELS, sort))).toEqual(want);
  });

  it("ties break by name then id, so the order is stable", () => {
    const same = (id: string, name: string): OverviewModel => ({
      id,
      name,
      developer: null,
      family: null,
      release_date: "2025-01-01",
      training_flop: 1e24,
    });
    const ms = [same("z", "Beta"), same("y", "alpha"), same("x", "Beta")];
    expect(ids(sortModels(ms, "release-desc"))).toEqual(["y", "x", "z"]);
    expect(ids(sortModels(ms, "compute-asc"))).toEqual(["y", "x", "z"]);
  });

  it("does not reorder its input", () => {
    const input = [...MODELS];
    sortModels(input, "name");
    expect(input).toEqual(MODELS);
  });
});

describe("helpers", () => {
  it.each([
    { developer: null, want: [] },
    { developer: "", want: [] },
    { developer: "Acme", want: ["Acme"] },
    { developer: "Google DeepMind,Google", want: ["Google DeepMind", "Google"] },
    { developer: " A , ,B ", want: ["A", "B"] },
  ])("developersOf($developer)", ({ developer, want }) => {
    expect(developersOf({ developer })).toEqual(want);
  });

  it.each([
    { flop: null, want: "unknown" },
    { flop: Number.NaN, want: "unknown" },
    { flop: Number.POSITIVE_INFINITY, want: "unknown" },
    { flop: 3.866e24, want: "3.9e24 FLOP" },
    { flop: 1e23, want: "1.0e23 FLOP" },
  ])("formatCompute($flop)", ({ flop, want }) => {
    expect(formatCompute(flop)).toBe(want);
  });

  it.each([
    { label: "scores the policy reads", model: "a-big", policy: ALPHA, want: true },
    { label: "no score and no determination", model: "c-none", policy: ALPHA, want: false },
    { label: "only a determination counts as evidence", model: "d-det", policy: ALPHA, want: true },
    { label: "scores only for metrics another policy reads", model: "d-det", policy: BETA, want: false },
  ])("hasEvidence: $label", ({ model, policy, want }) => {
    expect(
      hasEvidence(
        evaluateFixture(
          policy,
          MODELS.find((m) => m.id === model)!,
        ),
      ),
    ).toBe(want);
  });

  it("prepares filter options and evidence sets once", () => {
    const ctx = prepareOverview(fixtureSource());
    expect(ctx.options.developers).toEqual(["Acme", "Bolt", "Dune"]);
    expect(ctx.options.families).toEqual(["Big", "Small"]);
    expect(ctx.options.policies.map((p) => p.id)).toEqual(["alpha", "beta"]);
    expect([...ctx.evidence.get("alpha")!]).toEqual(["a-big", "a-small", "b-one", "d-det"]);
    expect([...ctx.evidence.get("beta")!]).toEqual(["a-big", "a-small", "b-one"]);
  });
});

const BASE: OverviewParams = { policy: "alpha", sort: "release-desc", page: 1, evidence: "with" };

describe("buildOverview", () => {
  const ctx = prepareOverview(fixtureSource());

  it("answers a valid response", () => {
    expect(OverviewResponse.safeParse(buildOverview(ctx, BASE)).success).toBe(true);
  });

  it("lists models with evidence, and counts the others without hiding them silently", () => {
    const o = buildOverview(ctx, BASE);
    expect(ids(o.rows.map((r) => r.model))).toEqual(["a-big", "b-one", "d-det", "a-small"]);
    expect(o.counts).toEqual({ models: 5, matching: 5, listed: 4 });
    expect(o.without_evidence).toMatchObject({
      count: 1,
      hidden: true,
      models: [{ id: "c-none", name: "Crate None", href: "/models/c-none?policy=alpha" }],
      show_all_href: "/?policy=alpha&evidence=all",
    });
  });

  it("evidence=all lists every matching model", () => {
    const o = buildOverview(ctx, { ...BASE, evidence: "all" });
    expect(ids(o.rows.map((r) => r.model))).toEqual(["a-big", "c-none", "b-one", "d-det", "a-small"]);
    expect(o.without_evidence).toMatchObject({ count: 1, hidden: false });
  });

  it("the evidence scope follows the policy", () => {
    const o = buildOverview(ctx, { ...BASE, policy: "beta" });
    expect(ids(o.rows.map((r) => r.model))).toEqual(["a-big", "b-one", "a-small"]);
    expect(o.policy.domains).toEqual([{ id: "cyber", title: "Cyber" }]);
    expect(o.rows[0]!.cells).toHaveLength(1);
  });

  it("filters by the chosen policy's overall level", () => {
    expect(ids(buildOverview(ctx, { ...BASE, level: "high" }).rows.map((r) => r.model))).toEqual([
      "a-big",
      "d-det",
    ]);
    expect(
      ids(buildOverview(ctx, { ...BASE, policy: "beta", level: "above" }).rows.map((r) => r.model)),
    ).toEqual(["a-big"]);
  });

  it("search narrows rows, without-evidence count and attention alike", () => {
    const o = buildOverview(ctx, { ...BASE, q: "acme" });
    expect(ids(o.rows.map((r) => r.model))).toEqual(["a-big", "a-small"]);
    expect(o.without_evidence.count).toBe(0);
    expect(o.attention.entries.map((e) => e.model.id)).toEqual(["a-big"]);
    expect(o.clear_href).toBe("/?policy=alpha");
  });

  it("a cell: level, evidenced level when it differs, markers, evidence link and a spoken label", () => {
    const row = buildOverview(ctx, BASE).rows.find((r) => r.model.id === "d-det")!;
    const [bio, cyber] = row.cells;
    expect(bio).toMatchObject({
      level: "low",
      evidenced_differs: false,
      tone: "baseline",
      markers: ["determined", "disagreement"],
      href: "/models/d-det?policy=alpha#domain-bio",
    });
    // held by a determination of "cannot rule out" on cyber-med, cyber-high open for lack of evidence
    expect(cyber).toMatchObject({
      level: "high",
      evidenced: "medium",
      evidenced_differs: true,
      tone: "top",
      markers: ["cannot_rule_out", "determined", "missing"],
      href: "/models/d-det?policy=alpha#domain-cyber",
      label:
        "Cyber for Dune Det: high; evidenced level medium; cannot be ruled out; human determination; missing evidence",
    });
    expect(row.overall).toMatchObject({
      level: "high",
      markers: ["cannot_rule_out", "determined", "disagreement", "missing"],
      href: "/models/d-det?policy=alpha",
    });
  });

  it("early warnings and missing evidence are marked", () => {
    const rows = buildOverview(ctx, BASE).rows;
    expect(rows.find((r) => r.model.id === "a-small")!.cells[0]!.markers).toEqual(["early_warning"]);
    expect(rows.find((r) => r.model.id === "b-one")!.cells[0]).toMatchObject({
      level: "medium",
      evidenced: "low",
      markers: ["missing"],
    });
  });

  it("the policy matrix has every policy's overall level, linked per policy", () => {
    const row = buildOverview(ctx, BASE).rows.find((r) => r.model.id === "a-big")!;
    expect(row.by_policy.map((c) => [c.level, c.tone, c.href])).toEqual([
      ["high", "top", "/models/a-big?policy=alpha"],
      ["above", "top", "/models/a-big?policy=beta"],
    ]);
    expect(row.by_policy[1]!.label).toBe("Beta Policy for Acme Big: above");
  });

  it("model columns: compute in words, unknown dates kept null", () => {
    const rows = buildOverview(ctx, BASE).rows;
    expect(rows[0]!.model).toMatchObject({
      id: "a-big",
      compute_label: "5.0e25 FLOP",
      href: "/models/a-big?policy=alpha",
    });
    expect(rows.find((r) => r.model.id === "d-det")!.model).toMatchObject({
      training_flop: null,
      compute_label: "unknown",
    });
    expect(rows.find((r) => r.model.id === "a-small")!.model.release_date).toBeNull();
  });

  it("no model matches: no rows, counts say so", () => {
    const o = buildOverview(ctx, { ...BASE, q: "zzz" });
    expect(o.rows).toEqual([]);
    expect(o.counts).toEqual({ models: 5, matching: 0, listed: 0 });
    expect(o.page).toMatchObject({ number: 1, pages: 1, from: 0, to: 0, prev_href: null, next_href: null });
    expect(o.attention).toEqual({ count: 0, entries: [] });
  });

  it("an unknown policy is a programming error, not a silent default", () => {
    expect(() => buildOverview(ctx, { ...BASE, policy: "gamma" })).toThrow(/gamma/);
  });
});

describe("pagination", () => {
  // 250 models with evidence, released one a day: page 1 holds the 100 newest
  const many: OverviewModel[] = Array.from({ length: 250 }, (_, i) => ({
    id: `m-${String(i).padStart(3, "0")}`,
    name: `Model ${String(i).padStart(3, "0")}`,
    developer: "Acme",
    family: null,
    release_date: new Date(Date.UTC(2024, 0, 1 + i)).toISOString().slice(0, 10),
    training_flop: null,
  }));
  const source = fixtureSource(many);
  // every generated model gets the inputs of a-small (scores, so evidence)
  for (const m of many) {
    for (const p of [ALPHA, BETA])
      source.evaluations
        .get(p.id)!
        .set(m.id, evaluateFixture(p, { ...MODELS[1]!, id: "a-small", name: m.name }));
  }
  const ctx = prepareOverview(source);

  it.each([
    {
      label: "first page",
      page: 1,
      from: 1,
      to: 100,
      first: "m-249",
      prev: null,
      next: "/?policy=alpha&page=2",
    },
    {
      label: "middle page",
      page: 2,
      from: 101,
      to: 200,
      first: "m-149",
      prev: "/?policy=alpha",
      next: "/?policy=alpha&page=3",
    },
    {
      label: "last, partial page",
      page: 3,
      from: 201,
      to: 250,
      first: "m-049",
      prev: "/?policy=alpha&page=2",
      next: null,
    },
  ])("$label", ({ page, from, to, first, prev, next }) => {
    const o = buildOverview(ctx, { ...BASE, page });
    expect(o.rows).toHaveLength(to - from + 1);
    expect(o.rows[0]!.model.id).toBe(first);
    expect(o.page).toMatchObject({
      number: page,
      pages: 3,
      size: 100,
      from,
      to,
      prev_href: prev,
      next_href: next,
    });
    expect(o.notes).toEqual([]);
  });

  it("a page past the end shows the last page with a note", () => {
    const o = buildOverview(ctx, { ...BASE, page: 7 });
    expect(o.page.number).toBe(3);
    expect(o.params.page).toBe(3);
    expect(o.notes).toEqual([{ param: "page", message: "There is no page 7; showing page 3 of 3." }]);
  });

  it("page links keep the filters", () => {
    const o = buildOverview(ctx, { ...BASE, q: "model", sort: "release-asc" });
    expect(o.page.next_href).toBe("/?policy=alpha&q=model&sort=release-asc&page=2");
    expect(o.rows[0]!.model.id).toBe("m-000");
  });
});

describe("policy view", () => {
  it("levels lowest first, each with its badge tone", () => {
    const o = buildOverview(prepareOverview(fixtureSource()), BASE);
    expect(o.policy.levels).toEqual([
      { id: "low", title: "low", tone: "baseline" },
      { id: "medium", title: "medium", tone: "high" },
      { id: "high", title: "high", tone: "top" },
    ]);
    expect(o.policies[1]!.levels.map((l) => [l.id, l.title, l.tone])).toEqual([
      ["below", "Below", "baseline"],
      ["above", "Above the line", "top"],
    ]);
  });
});
