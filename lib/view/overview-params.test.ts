import { describe, expect, it } from "vitest";
import {
  clearedParams,
  compareHref,
  overviewApiPath,
  overviewHref,
  overviewSearch,
  pageRange,
} from "./overview-links";
import { parseOverviewParams, resolveOverviewParams } from "./overview-params";
import type { OverviewOptions, RawParams } from "./overview-params";
import { OverviewQuery } from "./overview-schema";
import type { OverviewParams } from "./overview-schema";

describe("parseOverviewParams", () => {
  it.each<{ label: string; raw: RawParams; query: object; notes: string[] }>([
    { label: "empty", raw: {}, query: {}, notes: [] },
    {
      label: "every parameter valid",
      raw: {
        policy: "alpha",
        developer: "Acme",
        family: "Big",
        level: "high",
        q: " claude ",
        sort: "compute-asc",
        page: "3",
        evidence: "all",
      },
      query: {
        policy: "alpha",
        developer: "Acme",
        family: "Big",
        level: "high",
        q: "claude",
        sort: "compute-asc",
        page: 3,
        evidence: "all",
      },
      notes: [],
    },
    {
      label: "empty values are absent, silently",
      raw: { developer: "", q: "  ", page: "" },
      query: {},
      notes: [],
    },
    { label: "undefined values are absent", raw: { q: undefined }, query: {}, notes: [] },
    { label: "unknown parameter", raw: { utm: "x", q: "a" }, query: { q: "a" }, notes: ["utm"] },
    { label: "unknown sort", raw: { sort: "size" }, query: {}, notes: ["sort"] },
    { label: "page 0", raw: { page: "0" }, query: {}, notes: ["page"] },
    { label: "negative page", raw: { page: "-1" }, query: {}, notes: ["page"] },
    { label: "fractional page", raw: { page: "1.5" }, query: {}, notes: ["page"] },
    { label: "page not a number", raw: { page: "abc" }, query: {}, notes: ["page"] },
    { label: "page past the cap", raw: { page: "100001" }, query: {}, notes: ["page"] },
    { label: "page at the cap", raw: { page: "100000" }, query: { page: 100000 }, notes: [] },
    { label: "NaN page", raw: { page: "NaN" }, query: {}, notes: ["page"] },
    { label: "bad evidence scope", raw: { evidence: "some" }, query: {}, notes: ["evidence"] },
    { label: "search too long", raw: { q: "x".repeat(101) }, query: {}, notes: ["q"] },
    { label: "search at the limit", raw: { q: "x".repeat(100) }, query: { q: "x".repeat(100) }, notes: [] },
    { label: "planned run in FLOP", raw: { planned: "1.2e27" }, query: { planned: 1.2e27 }, notes: [] },
    { label: "planned run with e+", raw: { planned: "2e+27" }, query: { planned: 2e27 }, notes: [] },
    { label: "planned run not a number", raw: { planned: "lots" }, query: {}, notes: ["planned"] },
    { label: "planned run zero", raw: { planned: "0" }, query: {}, notes: ["planned"] },
    { label: "planned run negative", raw: { planned: "-1e27" }, query: {}, notes: ["planned"] },
    { label: "planned run past the cap", raw: { planned: "1e41" }, query: {}, notes: ["planned"] },
    {
      label: "repeated parameter: the first wins, with a note",
      raw: { developer: ["Acme", "Bolt"] },
      query: { developer: "Acme" },
      notes: ["developer"],
    },
    {
      label: "one bad value costs only itself",
      raw: { sort: "nope", q: "acme", page: "x" },
      query: { q: "acme" },
      notes: ["sort", "page"],
    },
  ])("$label", ({ raw, query, notes }) => {
    const r = parseOverviewParams(raw);
    expect(r.query).toEqual(query);
    expect(r.notes.map((n) => n.param)).toEqual(notes);
    for (const n of r.notes) expect(n.message.length).toBeGreaterThan(10);
  });

  it("names the bad value in the note", () => {
    expect(parseOverviewParams({ sort: "size" }).notes[0]!.message).toContain('"size"');
  });
});

describe("OverviewQuery (the API's strict reading)", () => {
  it.each([
    { label: "valid", raw: { policy: "alpha", page: "2" }, ok: true },
    { label: "unknown key", raw: { plicy: "alpha" }, ok: false },
    { label: "bad page", raw: { page: "0" }, ok: false },
    { label: "bad sort", raw: { sort: "size" }, ok: false },
    { label: "empty q", raw: { q: "" }, ok: false },
  ])("$label", ({ raw, ok }) => {
    expect(OverviewQuery.safeParse(raw).success).toBe(ok);
  });
});

const OPTIONS: OverviewOptions = {
  policies: [
    {
      id: "alpha",
      title: "Alpha Policy",
      levels: [
        { id: "low", title: "Low" },
        { id: "high", title: "High" },
      ],
    },
    {
      id: "beta",
      title: "Beta Policy",
      levels: [
        { id: "below", title: "Below" },
        { id: "above", title: "Above" },
      ],
    },
  ],
  developers: ["Acme", "Bolt"],
  families: ["Big"],
};

describe("resolveOverviewParams", () => {
  it.each<{ label: string; query: OverviewQuery; params: Partial<OverviewParams>; notes: string[] }>([
    {
      label: "defaults: the first policy, newest first, page 1, with evidence",
      query: {},
      params: { policy: "alpha", sort: "release-desc", page: 1, evidence: "with" },
      notes: [],
    },
    { label: "a known policy", query: { policy: "beta" }, params: { policy: "beta" }, notes: [] },
    {
      label: "an unknown policy falls back to the first",
      query: { policy: "gamma" },
      params: { policy: "alpha" },
      notes: ["policy"],
    },
    {
      label: "developer in any case, stored spelling kept",
      query: { developer: "acme" },
      params: { developer: "Acme" },
      notes: [],
    },
    {
      label: "unknown developer ignored",
      query: { developer: "Nope" },
      params: { developer: undefined },
      notes: ["developer"],
    },
    { label: "family in any case", query: { family: "BIG" }, params: { family: "Big" }, notes: [] },
    {
      label: "unknown family ignored",
      query: { family: "Small" },
      params: { family: undefined },
      notes: ["family"],
    },
    { label: "a level of the chosen policy", query: { level: "HIGH" }, params: { level: "high" }, notes: [] },
    {
      label: "a level of another policy is ignored",
      query: { policy: "beta", level: "high" },
      params: { policy: "beta", level: undefined },
      notes: ["level"],
    },
    {
      label: "a level is checked against the fallback policy",
      query: { policy: "gamma", level: "low" },
      params: { policy: "alpha", level: "low" },
      notes: ["policy"],
    },
    { label: "search kept as given", query: { q: "Acme B" }, params: { q: "Acme B" }, notes: [] },
    {
      label: "a planned run is kept as given",
      query: { planned: 3e26 },
      params: { planned: 3e26 },
      notes: [],
    },
    { label: "no planned run: the default", query: {}, params: { planned: undefined }, notes: [] },
  ])("$label", ({ query, params, notes }) => {
    const r = resolveOverviewParams(query, OPTIONS);
    const present = Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined));
    expect(r.params).toMatchObject(present);
    for (const [k, v] of Object.entries(params)) if (v === undefined) expect(r.params).not.toHaveProperty(k);
    expect(r.notes.map((n) => n.param)).toEqual(notes);
  });

  it("no published policy: no params", () => {
    expect(resolveOverviewParams({ q: "x" }, { ...OPTIONS, policies: [] }).params).toBeNull();
  });
});

describe("links", () => {
  const base: OverviewParams = { policy: "alpha", sort: "release-desc", page: 1, evidence: "with" };

  it.each<{ label: string; params: OverviewParams; href: string }>([
    { label: "defaults leave only the policy", params: base, href: "/?policy=alpha" },
    {
      label: "fixed order, every non-default written",
      params: {
        ...base,
        page: 2,
        evidence: "all",
        sort: "name",
        level: "high",
        family: "Big",
        developer: "Acme",
        q: "a b",
      },
      href: "/?policy=alpha&q=a+b&developer=Acme&family=Big&level=high&sort=name&evidence=all&page=2",
    },
  ])("$label", ({ params, href }) => {
    expect(overviewHref(params)).toBe(href);
    expect(overviewApiPath(params)).toBe(`/api/v1/overview${href.slice(1)}`);
  });

  it("a planned run is written last and reads back as the same number", () => {
    const href = overviewHref({ ...base, q: "x", planned: 2e27 });
    expect(href).toBe("/?policy=alpha&q=x&planned=2e%2B27");
    const raw = Object.fromEntries(new URL(href, "http://h").searchParams);
    expect(parseOverviewParams(raw).query.planned).toBe(2e27);
    expect(overviewSearch({ ...base, planned: 1.5e26 }).planned).toBe("1.5e+26");
  });

  it("equal views give equal keys whatever the order the filters were set in", () => {
    expect(overviewSearch({ ...base, q: "x", developer: "Acme" })).toEqual(
      overviewSearch({ ...base, developer: "Acme", q: "x" }),
    );
  });

  it("clearing keeps the policy and the sort", () => {
    expect(clearedParams({ ...base, sort: "name", q: "x", level: "low", page: 4, evidence: "all" })).toEqual({
      ...base,
      sort: "name",
    });
  });

  it.each([
    { label: "no models", models: [], policy: null, diff: false, href: "/compare" },
    {
      label: "two models, commas kept",
      models: ["a", "b"],
      policy: null,
      diff: false,
      href: "/compare?models=a,b",
    },
    {
      label: "with a policy",
      models: ["a", "b"],
      policy: "alpha",
      diff: false,
      href: "/compare?models=a,b&policy=alpha",
    },
    {
      label: "only differences",
      models: ["a"],
      policy: null,
      diff: true,
      href: "/compare?models=a&diff=only",
    },
    {
      label: "ids are encoded",
      models: ["a/b", "c d"],
      policy: null,
      diff: false,
      href: "/compare?models=a%2Fb,c+d",
    },
  ])("compare: $label", ({ models, policy, diff, href }) => {
    expect(compareHref(models, policy, { onlyDifferences: diff })).toBe(href);
  });
});

describe("pageRange", () => {
  it.each([
    { label: "no items", page: 1, total: 0, want: { number: 1, pages: 1, start: 0, end: 0 } },
    { label: "exactly one page", page: 1, total: 100, want: { number: 1, pages: 1, start: 0, end: 100 } },
    { label: "one past a page", page: 2, total: 101, want: { number: 2, pages: 2, start: 100, end: 101 } },
    {
      label: "past the end: the last page",
      page: 9,
      total: 250,
      want: { number: 3, pages: 3, start: 200, end: 250 },
    },
    {
      label: "below 1: the first page",
      page: 0,
      total: 250,
      want: { number: 1, pages: 3, start: 0, end: 100 },
    },
  ])("$label", ({ page, total, want }) => {
    expect(pageRange(page, total)).toMatchObject(want);
  });
});
