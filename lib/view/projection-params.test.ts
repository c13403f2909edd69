import { describe, expect, it } from "vitest";
import {
  parsePlanned,
  projectionsApiPath,
  projectionsHref,
  resolveProjectionParams,
} from "./projection-params";
import { ProjectionsQuery } from "./projection-schema";

describe("planned FLOP", () => {
  it.each([
    { raw: "1e28", want: 1e28 },
    { raw: "1E27", want: 1e27 },
    { raw: "3.5e26", want: 3.5e26 },
    { raw: "1e+28", want: 1e28 },
    { raw: " 2e25 ", want: 2e25 },
    { raw: "100000000000000000000000000", want: 1e26 },
    { raw: "1e40", want: 1e40 },
  ])("accepts $raw", ({ raw, want }) => expect(parsePlanned(raw)).toEqual({ value: want }));

  it.each([
    { label: "words", raw: "lots" },
    { label: "negative", raw: "-1e27" },
    { label: "zero", raw: "0" },
    { label: "hex", raw: "0x10" },
    { label: "empty", raw: "" },
    { label: "beyond 1e40", raw: "1e41" },
    { label: "infinite", raw: "1e400" },
    { label: "a negative exponent", raw: "1e-3" },
  ])("rejects $label", ({ raw }) => expect(parsePlanned(raw)).toHaveProperty("error"));
});

describe("URL state", () => {
  it.each([
    {
      label: "defaults to the first policy",
      sp: {},
      want: { policy: "a", plannedRaw: null, planned: null, plannedError: null, family: null },
    },
    {
      label: "reads every parameter",
      sp: { policy: "b", planned: "1e28", family: "claude" },
      want: { policy: "b", plannedRaw: "1e28", planned: 1e28, plannedError: null, family: "claude" },
    },
    {
      label: "keeps an invalid planned value with its error",
      sp: { policy: "b", planned: "soon" },
      want: {
        policy: "b",
        plannedRaw: "soon",
        planned: null,
        plannedError: "must be a number of FLOP such as 1e27",
        family: null,
      },
    },
    {
      label: "first of repeated parameters; blank is absent",
      sp: { policy: ["c", "d"], planned: "  ", family: "" },
      want: { policy: "c", plannedRaw: null, planned: null, plannedError: null, family: null },
    },
    {
      label: "URLSearchParams",
      sp: new URLSearchParams("policy=zz&planned=1e27"),
      want: { policy: "zz", plannedRaw: "1e27", planned: 1e27, plannedError: null, family: null },
    },
  ])("$label", ({ sp, want }) => expect(resolveProjectionParams(sp, ["a", "b"])).toEqual(want));

  it("hrefs keep a fixed order and drop empty values", () => {
    expect(projectionsHref({ policy: "p q", planned: "1e28", family: null })).toBe(
      "/projections?policy=p+q&planned=1e28",
    );
    expect(projectionsHref({ policy: "p", planned: "", family: "f" })).toBe("/projections?policy=p&family=f");
    expect(projectionsApiPath({ policy: "p", planned: 1e28 })).toBe(
      "/api/v1/projections?policy=p&planned=1e%2B28",
    );
  });

  it("the API path round-trips through the request schema", () => {
    const qs = new URL(projectionsApiPath({ policy: "p", planned: 1e28, family: "f" }), "http://x")
      .searchParams;
    expect(ProjectionsQuery.parse(Object.fromEntries(qs))).toEqual({
      policy: "p",
      planned: 1e28,
      family: "f",
    });
  });

  it.each([
    { label: "unknown parameter", q: { policy: "p", plan: "1e27" } },
    { label: "missing policy", q: { planned: "1e27" } },
    { label: "bad planned", q: { policy: "p", planned: "x" } },
  ])("the request schema rejects $label", ({ q }) =>
    expect(ProjectionsQuery.safeParse(q).success).toBe(false),
  );
});
