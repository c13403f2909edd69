import { describe, expect, it } from "vitest";
import { forecastAttention } from "./projection-attention";
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
