import { describe, expect, it } from "vitest";
import {
  DEFAULT_COMPUTE_MULTIPLE,
  forecastAttention,
  nextPlannedRun,
  plannedRunText,
} from "./projection-attention";
import type { AttentionLeaf } from "./projection-attention";

const leaf = (over: Partial<AttentionLeaf>): AttentionLeaf => ({
  threshold: "t",
  domain: "d",
  level: "high",
  metric: "m",
  calibration: "framework",
  method: "compute-sigmoid",
  p_planned: 0,
  crossing: { status: "crosses", flop: 1e27, low: 1e26, high: 1e28, level: 0.8 } as AttentionLeaf["crossing"],
  ...over,
});
const crosses = (high: number | null) => ({ status: "crosses", flop: 1e26, low: 1e25, high });

describe("forecastAttention", () => {
  it.each([
    { label: "P exactly 0.5 is listed", l: leaf({ p_planned: 0.5 }), planned: 1e27, want: ["probability"] },
    { label: "P just under 0.5 is not", l: leaf({ p_planned: 0.4999 }), planned: 1e27, want: null },
    { label: "P 1 is listed", l: leaf({ p_planned: 1 }), planned: 1e27, want: ["probability"] },
    {
      label: "high equal to the planned run",
      l: leaf({ crossing: crosses(1e27) }),
      planned: 1e27,
      want: ["interval"],
    },
    {
      label: "high below the planned run",
      l: leaf({ crossing: crosses(1e26) }),
      planned: 1e27,
      want: ["interval"],
    },
    {
      label: "high just above the planned run",
      l: leaf({ crossing: crosses(1.0000001e27) }),
      planned: 1e27,
      want: null,
    },
    {
      label: "open-ended interval (null high) with low P",
      l: leaf({ crossing: crosses(null), p_planned: 0.3 }),
      planned: 1e30,
      want: null,
    },
    {
      label: "null high but P ≥ 0.5",
      l: leaf({ crossing: crosses(null), p_planned: 0.6 }),
      planned: 1e30,
      want: ["probability"],
    },
    {
      label: "both reasons",
      l: leaf({ crossing: crosses(1e26), p_planned: 0.9 }),
      planned: 1e27,
      want: ["probability", "interval"],
    },
    {
      label: "p_planned missing: interval rule only",
      l: leaf({ p_planned: undefined, crossing: crosses(1e26) }),
      planned: 1e27,
      want: ["interval"],
    },
    { label: "p_planned null and no interval", l: leaf({ p_planned: null }), planned: 1e27, want: null },
    { label: "NaN probability is ignored", l: leaf({ p_planned: NaN }), planned: 1e27, want: null },
    {
      label: "never crosses",
      l: leaf({ crossing: { status: "never", flop: null, low: null, high: null } }),
      planned: 1e40,
      want: null,
    },
    {
      label: "already past at every compute",
      l: leaf({ crossing: { status: "already", flop: null, low: null, high: null }, p_planned: 1 }),
      planned: 1e20,
      want: ["probability", "already"],
    },
    {
      label: "time-trend leaves have no compute",
      l: leaf({ method: "time-trend", p_planned: 1 }),
      planned: 1e27,
      want: null,
    },
    { label: "no projection", l: leaf({ method: "none", p_planned: 1 }), planned: 1e27, want: null },
    { label: "no planned run", l: leaf({ p_planned: 1 }), planned: null, want: null },
    { label: "undefined planned run", l: leaf({ p_planned: 1 }), planned: undefined, want: null },
    { label: "zero planned run", l: leaf({ p_planned: 1 }), planned: 0, want: null },
    { label: "NaN planned run", l: leaf({ p_planned: 1 }), planned: NaN, want: null },
  ])("$label", ({ l, planned, want }) => {
    const r = forecastAttention([l], planned);
    if (want === null) expect(r).toEqual([]);
    else {
      expect(r).toHaveLength(1);
      expect(r[0]!.leaves[0]!.reasons).toEqual(want);
    }
  });

  it("groups leaves by threshold, marks illustrative numbers, sorts by the highest probability", () => {
    const r = forecastAttention(
      {
        leaves: [
          leaf({ threshold: "a", metric: "x", p_planned: 0.55 }),
          leaf({ threshold: "b", metric: "y", p_planned: 0.7, calibration: "illustrative" }),
          leaf({ threshold: "b", metric: "z", p_planned: 0.9 }),
          leaf({ threshold: "c", metric: "w", p_planned: 0.2 }),
        ],
      },
      1e27,
    );
    expect(r.map((e) => e.threshold)).toEqual(["b", "a"]);
    expect(r[0]).toMatchObject({ p_max: 0.9, calibration: "illustrative" });
    expect(r[0]!.leaves.map((l) => l.metric)).toEqual(["y", "z"]);
    expect(r[1]).toMatchObject({ p_max: 0.55, calibration: "framework" });
  });

  it("carries the triggering leaf's warnings, so a flag from a shaky fit is read as such", () => {
    const r = forecastAttention(
      [leaf({ p_planned: 1, warnings: [{ code: "TOO_FEW_POINTS" }, { code: "STUCK_AT_FLOOR" }] })],
      1e27,
    );
    expect(r[0]!.leaves[0]!.warnings).toEqual(["TOO_FEW_POINTS", "STUCK_AT_FLOOR"]);
    expect(forecastAttention([leaf({ p_planned: 1 })], 1e27)[0]!.leaves[0]!.warnings).toEqual([]);
  });

  it("empty input, empty answer", () => expect(forecastAttention([], 1e27)).toEqual([]));
});

describe("forecastAttention: unreliable fits are never a confident forecast", () => {
  const inData = [{ x: 24 }, { x: 25 }];
  it.each([
    { label: "too few points", codes: ["TOO_FEW_POINTS"], unreliable: ["TOO_FEW_POINTS"] },
    { label: "stuck at the floor", codes: ["STUCK_AT_FLOOR"], unreliable: ["STUCK_AT_FLOOR"] },
    {
      label: "both (the PostTrainBench leaf)",
      codes: ["TOO_FEW_POINTS", "STUCK_AT_FLOOR", "EXTRAPOLATION"],
      unreliable: ["TOO_FEW_POINTS", "STUCK_AT_FLOOR"],
    },
    { label: "non-monotone scaling", codes: ["NON_MONOTONE"], unreliable: ["NON_MONOTONE"] },
    { label: "a discontinuous metric is a caveat only", codes: ["DISCONTINUOUS_METRIC"], unreliable: [] },
    { label: "no warnings", codes: [], unreliable: [] },
  ])("$label", ({ codes, unreliable }) => {
    const l = leaf({
      p_planned: 1,
      points: inData,
      crossing: { status: "crosses", flop: 1e25, low: 1e24, high: 1e26 },
      warnings: codes.map((code) => ({ code })),
    });
    const [a] = forecastAttention([l], 1e27);
    expect(a!.leaves[0]!.unreliable).toEqual(unreliable);
    expect(a!.reliable).toBe(unreliable.length === 0);
    // A shaky fit's P = 1 is not shown as the threshold's probability.
    expect(a!.p_max).toBe(unreliable.length === 0 ? 1 : null);
  });

  it.each([
    { label: "crossing inside the data, run far beyond", flop: 3e25, unreliable: [] },
    { label: "crossing exactly 1 OOM beyond the data", flop: 1e26, unreliable: [] },
    { label: "crossing more than 1 OOM beyond the data", flop: 1.01e26, unreliable: ["EXTRAPOLATION"] },
    { label: "crossing unknown", flop: null, unreliable: ["EXTRAPOLATION"] },
  ])("extrapolation: $label", ({ flop, unreliable }) => {
    const l = leaf({
      p_planned: 0.9,
      points: [{ x: 23 }, { x: 25 }],
      crossing: { status: "crosses", flop, low: null, high: null },
      warnings: [{ code: "EXTRAPOLATION" }],
    });
    expect(forecastAttention([l], 1e28)[0]!.leaves[0]!.unreliable).toEqual(unreliable);
  });

  it("extrapolation without the data's range is not trusted; an 'already' crossing is", () => {
    const w = [{ code: "EXTRAPOLATION" }];
    expect(forecastAttention([leaf({ p_planned: 0.9, warnings: w })], 1e28)[0]!.reliable).toBe(false);
    const already = leaf({
      p_planned: 1,
      warnings: w,
      crossing: { status: "already", flop: null, low: null, high: null },
    });
    expect(forecastAttention([already], 1e28)[0]!.reliable).toBe(true);
  });

  it("a threshold is reliable when one triggering leaf is; its P comes from the reliable leaves only", () => {
    const r = forecastAttention(
      [
        leaf({ threshold: "a", metric: "shaky", p_planned: 1, warnings: [{ code: "STUCK_AT_FLOOR" }] }),
        leaf({ threshold: "a", metric: "solid", p_planned: 0.6 }),
        leaf({ threshold: "b", metric: "shaky", p_planned: 1, warnings: [{ code: "TOO_FEW_POINTS" }] }),
        leaf({ threshold: "c", metric: "solid", p_planned: 0.55 }),
      ],
      1e27,
    );
    // reliable first by P, unreliable last
    expect(r.map((a) => [a.threshold, a.reliable, a.p_max])).toEqual([
      ["a", true, 0.6],
      ["c", true, 0.55],
      ["b", false, null],
    ]);
  });
});

describe("nextPlannedRun", () => {
  const models = [
    { id: "small", effective_flop: 1e24 },
    { id: "big", effective_flop: 5e26 },
    { id: "unknown", effective_flop: null },
    { id: "nan", effective_flop: NaN },
    { id: "zero", effective_flop: 0 },
  ];

  it.each([
    {
      label: "the policy's multiple",
      multiple: 4,
      want: { flop: 2e27, base: { id: "big", flop: 5e26 }, multiple: 4, multiple_from: "policy" },
    },
    {
      label: "another multiple",
      multiple: 2,
      want: { flop: 1e27, base: { id: "big", flop: 5e26 }, multiple: 2, multiple_from: "policy" },
    },
    {
      label: "no multiple: 4× assumed",
      multiple: undefined,
      want: { flop: 2e27, multiple: DEFAULT_COMPUTE_MULTIPLE, multiple_from: "assumed" },
    },
    { label: "null multiple: 4× assumed", multiple: null, want: { flop: 2e27, multiple_from: "assumed" } },
  ])("$label", ({ multiple, want }) => {
    expect(nextPlannedRun(models, multiple)).toMatchObject({ source: "default", ...want });
  });

  it("an override wins, whatever the data", () => {
    expect(nextPlannedRun(models, 4, 1.2e27)).toEqual({
      flop: 1.2e27,
      source: "override",
      base: null,
      multiple: null,
      multiple_from: null,
    });
    expect(nextPlannedRun([], undefined, 3e25)?.flop).toBe(3e25);
  });

  it("no model with a compute and no override: no run is invented", () => {
    expect(nextPlannedRun([], 4)).toBeNull();
    expect(nextPlannedRun([{ id: "a", effective_flop: null }], 4)).toBeNull();
  });

  it("the default run is rounded to three significant digits; the base model keeps its stored compute", () => {
    const r = nextPlannedRun([{ id: "g", effective_flop: 5.00000000000001e26 }], 4)!;
    expect(r.flop).toBe(2e27);
    expect(r.base!.flop).toBe(5.00000000000001e26);
    expect(nextPlannedRun([{ id: "g", effective_flop: 3.1234e25 }], 3)!.flop).toBe(9.37e25);
  });

  it("a tie goes to the smaller id, whatever the order", () => {
    const tie = [
      { id: "b", effective_flop: 1e25 },
      { id: "a", effective_flop: 1e25 },
    ];
    expect(nextPlannedRun(tie, 4)?.base?.id).toBe("a");
    expect(nextPlannedRun([...tie].reverse(), 4)?.base?.id).toBe("a");
  });

  it.each([0, -1, NaN, Infinity])("a planned FLOP of %s is refused, naming it", (bad) => {
    expect(() => nextPlannedRun(models, 4, bad)).toThrow(/planned FLOP must be a positive number/);
  });

  it.each([1, 0.5, -4, NaN])("a policy multiple of %s is refused", (bad) => {
    expect(() => nextPlannedRun(models, bad)).toThrow(/effective_compute_multiple must be greater than 1/);
  });

  it("says how the run was arrived at", () => {
    expect(plannedRunText(nextPlannedRun(models, 4)!)).toBe(
      "2e27 FLOP: 4× the largest effective compute of any model in the database (big, 5e26 FLOP); 4× is the policy's effective-compute multiple for reassessment",
    );
    expect(plannedRunText(nextPlannedRun(models, undefined)!)).toBe(
      "2e27 FLOP: 4× the largest effective compute of any model in the database (big, 5e26 FLOP); the policy sets no effective-compute multiple, so 4× is assumed",
    );
    expect(plannedRunText(nextPlannedRun(models, 4, 1.2e27)!)).toBe(
      "1.2e27 FLOP, as set by the planned parameter of this page's address",
    );
  });
});
