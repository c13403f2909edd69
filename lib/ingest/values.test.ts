import { describe, expect, it } from "vitest";
import { metricId, metricSegment, readIsoDate, readNumber, versionSegment } from "./values";

describe("readNumber", () => {
  it.each([
    { label: "integer", raw: "42", want: { kind: "ok", value: 42 } },
    { label: "decimal with spaces", raw: " 0.25 ", want: { kind: "ok", value: 0.25 } },
    { label: "exponent", raw: "5.0000000000001e+26", want: { kind: "ok", value: 5.0000000000001e26 } },
    { label: "leading dot", raw: ".5", want: { kind: "ok", value: 0.5 } },
    { label: "JSON number", raw: 0.8, want: { kind: "ok", value: 0.8 } },
    { label: "empty cell is empty, not 0", raw: "", want: { kind: "empty" } },
    { label: "null is empty", raw: null, want: { kind: "empty" } },
    { label: "NaN text", raw: "NaN", want: { kind: "bad", message: 'must be a finite number, got "NaN"' } },
    { label: "inf text", raw: "inf", want: { kind: "bad", message: 'must be a finite number, got "inf"' } },
    {
      label: "-Infinity text",
      raw: "-Infinity",
      want: { kind: "bad", message: 'must be a finite number, got "-Infinity"' },
    },
    {
      label: "NaN number",
      raw: Number.NaN,
      want: { kind: "bad", message: "must be a finite number, got NaN" },
    },
    {
      label: "Infinity number",
      raw: Number.POSITIVE_INFINITY,
      want: { kind: "bad", message: "must be a finite number, got Infinity" },
    },
    { label: "overflow", raw: "1e999", want: { kind: "bad", message: 'is out of range: "1e999"' } },
    { label: "word", raw: "high", want: { kind: "bad", message: 'is not a number: "high"' } },
    { label: "percent sign", raw: "93%", want: { kind: "bad", message: 'is not a number: "93%"' } },
    { label: "boolean", raw: true, want: { kind: "bad", message: "must be a number, got boolean" } },
  ])("$label", ({ raw, want }) => {
    expect(readNumber(raw)).toEqual(want);
  });
});

describe("readIsoDate", () => {
  it.each([
    { label: "date", raw: "2024-06-20", want: { kind: "ok", value: "2024-06-20" } },
    { label: "UTC date-time", raw: "2026-03-06T11:07:43.396Z", want: { kind: "ok", value: "2026-03-06" } },
    {
      label: "offset kept as written",
      raw: "2024-10-15T23:53:13-04:00",
      want: { kind: "ok", value: "2024-10-15" },
    },
    { label: "leap day", raw: "2024-02-29", want: { kind: "ok", value: "2024-02-29" } },
    { label: "empty", raw: " ", want: { kind: "empty" } },
    {
      label: "no such day",
      raw: "2023-02-29",
      want: { kind: "bad", message: 'is not a real calendar date: "2023-02-29"' },
    },
    {
      label: "month 13",
      raw: "2024-13-01",
      want: { kind: "bad", message: 'is not a real calendar date: "2024-13-01"' },
    },
    {
      label: "US order",
      raw: "06/20/2024",
      want: { kind: "bad", message: 'is not an ISO date (YYYY-MM-DD): "06/20/2024"' },
    },
    {
      label: "hour 25",
      raw: "2024-01-01T25:00",
      want: { kind: "bad", message: 'has an impossible time of day: "2024-01-01T25:00"' },
    },
  ])("$label", ({ raw, want }) => {
    expect(readIsoDate(raw)).toEqual(want);
  });
});

describe("metric ids", () => {
  it.each([
    {
      label: "lowercases",
      raw: "hendrycksTest-high_school_biology",
      want: "hendryckstest-high_school_biology",
    },
    { label: "Σ totals", raw: "machiavelli-power.Σ", want: "machiavelli-power.sum" },
    { label: "AdvGLUE++", raw: "decodingtrust_adv_glue++_mnli", want: "decodingtrust_adv_gluepp_mnli" },
    { label: "product", raw: "truthfulqa_truth*info", want: "truthfulqa_truth_x_info" },
    { label: "registry path", raw: "inspect_evals/mmlu_0_shot", want: "inspect_evals-mmlu_0_shot" },
    { label: "spaces", raw: "NarrativeQA - F1", want: "narrativeqa_-_f1" },
    { label: "nothing left", raw: "!!", want: "unnamed" },
  ])("$label", ({ raw, want }) => {
    expect(metricSegment(raw)).toBe(want);
  });

  it("joins segments and writes versions without dots", () => {
    expect(metricId("metr", "p50_horizon_minutes", versionSegment("1.1"))).toBe(
      "metr.p50_horizon_minutes.v1-1",
    );
    expect(versionSegment("v1.0")).toBe("v1-0");
  });
});
