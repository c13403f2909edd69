import { describe, expect, it } from "vitest";
import type { Comparator, Metric } from "@/lib/policy/schema";
import { leafStatus, Z95 } from "./leaf";
import type { CompiledPredicate } from "./compile";
import type { IndicatedStatus } from "./types";

type Leaf = Extract<CompiledPredicate, { type: "metric" }>;

const FRACTION: Metric = {
  id: "cyber.ctf",
  domain: "cyber",
  unit: "fraction",
  higher_is_riskier: true,
  continuity: "continuous",
};
const MINUTES: Metric = { ...FRACTION, id: "auto.horizon", unit: "minutes" };

function leaf(op: Comparator, value: number, metric: Metric = FRACTION): Leaf {
  return { type: "metric", metric, op, value, calibration: "illustrative", path: "when/any/0" };
}

interface Row {
  label: string;
  op: Comparator;
  t: number;
  value: number;
  stderr?: number | null;
  margin?: number;
  metric?: Metric;
  status: IndicatedStatus;
}

const EPS = 1e-9;

const comparatorRows: Row[] = [
  {
    label: "gte exactly at the threshold is reached (inclusive)",
    op: "gte",
    t: 0.5,
    value: 0.5,
    status: "reached",
  },
  { label: "gte threshold + 1e-9 is reached", op: "gte", t: 0.5, value: 0.5 + EPS, status: "reached" },
  { label: "gte threshold - 1e-9 is below", op: "gte", t: 0.5, value: 0.5 - EPS, status: "below" },
  { label: "gt exactly at the threshold is below (strict)", op: "gt", t: 0.5, value: 0.5, status: "below" },
  { label: "gt threshold + 1e-9 is reached", op: "gt", t: 0.5, value: 0.5 + EPS, status: "reached" },
  { label: "gt threshold - 1e-9 is below", op: "gt", t: 0.5, value: 0.5 - EPS, status: "below" },
  {
    label: "lte exactly at the threshold is reached (inclusive)",
    op: "lte",
    t: 0.5,
    value: 0.5,
    status: "reached",
  },
  { label: "lte threshold - 1e-9 is reached", op: "lte", t: 0.5, value: 0.5 - EPS, status: "reached" },
  { label: "lte threshold + 1e-9 is below", op: "lte", t: 0.5, value: 0.5 + EPS, status: "below" },
  { label: "lt exactly at the threshold is below (strict)", op: "lt", t: 0.5, value: 0.5, status: "below" },
  { label: "lt threshold - 1e-9 is reached", op: "lt", t: 0.5, value: 0.5 - EPS, status: "reached" },
  { label: "lt threshold + 1e-9 is below", op: "lt", t: 0.5, value: 0.5 + EPS, status: "below" },
  { label: "gte at 0 with value 0 is reached", op: "gte", t: 0, value: 0, status: "reached" },
  { label: "lte at 1 with value 1 is reached", op: "lte", t: 1, value: 1, status: "reached" },
  {
    label: "gte on minutes, 1e-9 short of 120 is below",
    op: "gte",
    t: 120,
    value: 120 - EPS,
    metric: MINUTES,
    status: "below",
  },
  {
    label: "gte on minutes at 120 is reached",
    op: "gte",
    t: 120,
    value: 120,
    metric: MINUTES,
    status: "reached",
  },
];

const stderrRows: Row[] = [
  {
    label: "gte: threshold inside value ± 1.96·se",
    op: "gte",
    t: 0.5,
    value: 0.45,
    stderr: 0.05,
    status: "cannot_rule_out",
  },
  {
    label: "gte: threshold exactly at the upper interval edge (inclusive)",
    op: "gte",
    t: 0.4 + Z95 * 0.05,
    value: 0.4,
    stderr: 0.05,
    status: "cannot_rule_out",
  },
  {
    label: "gte: threshold at the decimal upper edge 0.02 + 1.96·0.01 = 0.0396",
    op: "gte",
    t: 0.0396,
    value: 0.02,
    stderr: 0.01,
    status: "cannot_rule_out",
  },
  {
    label: "gte: threshold 1e-9 above the upper interval edge is below",
    op: "gte",
    t: 0.4 + Z95 * 0.05 + EPS,
    value: 0.4,
    stderr: 0.05,
    status: "below",
  },
  { label: "gte: stderr 0 gives no interval", op: "gte", t: 0.5, value: 0.499, stderr: 0, status: "below" },
  {
    label: "gte: stderr null gives no interval",
    op: "gte",
    t: 0.5,
    value: 0.499,
    stderr: null,
    status: "below",
  },
  {
    label: "gte: reached wins over the interval",
    op: "gte",
    t: 0.5,
    value: 0.6,
    stderr: 0.1,
    status: "reached",
  },
  {
    label: "lte: threshold inside value ± 1.96·se",
    op: "lte",
    t: 0.5,
    value: 0.55,
    stderr: 0.05,
    status: "cannot_rule_out",
  },
  {
    label: "lte: threshold exactly at the lower interval edge (inclusive)",
    op: "lte",
    t: 0.6 - Z95 * 0.05,
    value: 0.6,
    stderr: 0.05,
    status: "cannot_rule_out",
  },
  {
    label: "lte: threshold at the decimal lower edge 0.02 − 1.96·0.01 = 0.0004",
    op: "lte",
    t: 0.0004,
    value: 0.02,
    stderr: 0.01,
    status: "cannot_rule_out",
  },
  {
    label: "lte: threshold 1e-9 below the lower interval edge is below",
    op: "lte",
    t: 0.6 - Z95 * 0.05 - EPS,
    value: 0.6,
    stderr: 0.05,
    status: "below",
  },
  {
    label: "gt: value at the threshold with stderr > 0 cannot be ruled out",
    op: "gt",
    t: 0.5,
    value: 0.5,
    stderr: 0.01,
    status: "cannot_rule_out",
  },
  {
    label: "lt: value at the threshold with stderr > 0 cannot be ruled out",
    op: "lt",
    t: 0.5,
    value: 0.5,
    stderr: 0.01,
    status: "cannot_rule_out",
  },
  {
    label: "interval wins over early warning",
    op: "gte",
    t: 0.5,
    value: 0.45,
    stderr: 0.05,
    margin: 0.1,
    status: "cannot_rule_out",
  },
];

const earlyWarningRows: Row[] = [
  {
    label: "upward: inside the margin",
    op: "gte",
    t: 0.5,
    value: 0.45,
    margin: 0.1,
    status: "early_warning",
  },
  {
    label: "upward: exactly at the margin (0.5 − 0.25)",
    op: "gte",
    t: 0.5,
    value: 0.25,
    margin: 0.25,
    status: "early_warning",
  },
  {
    label: "upward: 1e-9 beyond the margin",
    op: "gte",
    t: 0.5,
    value: 0.25 - EPS,
    margin: 0.25,
    status: "below",
  },
  {
    label: "upward: decimal margin edge 0.8 − 0.1 = 0.7",
    op: "gte",
    t: 0.8,
    value: 0.7,
    margin: 0.1,
    status: "early_warning",
  },
  { label: "upward: outside the margin", op: "gte", t: 0.5, value: 0.3, margin: 0.1, status: "below" },
  {
    label: "upward gt: at the threshold is an early warning",
    op: "gt",
    t: 0.5,
    value: 0.5,
    margin: 0.1,
    status: "early_warning",
  },
  {
    label: "downward: inside the margin",
    op: "lte",
    t: 0.2,
    value: 0.25,
    margin: 0.1,
    status: "early_warning",
  },
  {
    label: "downward: exactly at the margin (0.5 + 0.25)",
    op: "lte",
    t: 0.5,
    value: 0.75,
    margin: 0.25,
    status: "early_warning",
  },
  {
    label: "downward: 1e-9 beyond the margin",
    op: "lte",
    t: 0.5,
    value: 0.75 + EPS,
    margin: 0.25,
    status: "below",
  },
  {
    label: "downward: decimal margin edge 0.3 + 0.1 = 0.4",
    op: "lte",
    t: 0.3,
    value: 0.4,
    margin: 0.1,
    status: "early_warning",
  },
  { label: "downward: outside the margin", op: "lt", t: 0.2, value: 0.5, margin: 0.1, status: "below" },
  {
    label: "downward lt: at the threshold is an early warning",
    op: "lt",
    t: 0.5,
    value: 0.5,
    margin: 0.1,
    status: "early_warning",
  },
  { label: "no margin configured: just short is below", op: "gte", t: 0.5, value: 0.499, status: "below" },
  { label: "reached wins over early warning", op: "gte", t: 0.5, value: 0.5, margin: 0.1, status: "reached" },
];

describe("leafStatus", () => {
  describe.each([
    ["comparators", comparatorRows],
    ["stderr interval", stderrRows],
    ["early warning", earlyWarningRows],
  ] as const)("%s", (_name, rows) => {
    it.each(rows)("$label", (row) => {
      const e = leafStatus(
        leaf(row.op, row.t, row.metric),
        { value: row.value, stderr: row.stderr ?? null, scores: [{ id: "s1", value: row.value }] },
        row.margin ?? null,
        "max",
      );
      expect(e.status).toBe(row.status);
      expect(e.value).toBe(row.value);
      expect(e.threshold).toBe(row.t);
      expect(e.comparator).toBe(row.op);
    });
  });

  it("reports the signed margin toward the risky side and the 95% interval", () => {
    const up = leafStatus(leaf("gte", 0.5), { value: 0.45, stderr: 0.05, scores: [] }, null, "max");
    expect(up.margin).toBeCloseTo(-0.05, 12);
    expect(up.interval![0]).toBeCloseTo(0.352, 12);
    expect(up.interval![1]).toBeCloseTo(0.548, 12);
    const down = leafStatus(leaf("lte", 0.5), { value: 0.4, stderr: null, scores: [] }, null, "max");
    expect(down.margin).toBeCloseTo(0.1, 12);
    expect(down.interval).toBeNull();
    expect(down.stderr).toBeNull();
    expect(down.status).toBe("reached");
  });

  it("carries the leaf path, metric, calibration, aggregate and score refs", () => {
    const e = leafStatus(
      leaf("gte", 0.5),
      { value: 0.7, stderr: 0.01, scores: [{ id: "row-7", value: 0.7, source: "run.json" }] },
      0.1,
      "mean",
    );
    expect(e).toMatchObject({
      kind: "metric",
      leaf: "when/any/0",
      metric: "cyber.ctf",
      calibration: "illustrative",
      aggregate: "mean",
      stderr: 0.01,
      scores: [{ id: "row-7", value: 0.7, source: "run.json" }],
    });
  });

  it.each([
    { label: "no margin", margin: null },
    { label: "with a margin", margin: 0.1 },
  ])("no aggregated score is missing, never below ($label)", ({ margin }) => {
    const e = leafStatus(leaf("gte", 0.5), null, margin, "max");
    expect(e.status).toBe("missing");
    expect(e.value).toBeNull();
    expect(e.margin).toBeNull();
    expect(e.interval).toBeNull();
    expect(e.scores).toEqual([]);
    expect(e.note).toBe("no score for this metric");
  });
});
