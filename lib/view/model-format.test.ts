import { describe, expect, it } from "vitest";
import { fileRow, formatFlop, formatNumber, formatSigned, policyLabel, versionLabel } from "./model-format";

describe("formatNumber", () => {
  it.each([
    ["METR p50 horizon", 101.182643, "101.18"],
    ["integer", 120, "120"],
    ["fraction, three significant digits", 0.7626262626262627, "0.763"],
    ["stderr", 0.03031371053819892, "0.0303"],
    ["exactly 1", 1, "1"],
    ["zero", 0, "0"],
    ["negative", -18.817357, "-18.82"],
    ["very large", 2.5e7, "2.50e7"],
    ["very small", 3e-6, "3.00e-6"],
    ["null", null, "—"],
    ["undefined", undefined, "—"],
    ["NaN", Number.NaN, "—"],
    ["infinity", Number.POSITIVE_INFINITY, "—"],
  ])("%s", (_label, v, want) => {
    expect(formatNumber(v)).toBe(want);
  });
});

describe("formatSigned", () => {
  it.each([
    ["short of a gte threshold", -18.817357, "−18.82"],
    ["past it", 0.05, "+0.05"],
    ["at it", 0, "0"],
    ["no value", null, "—"],
  ])("%s", (_label, v, want) => {
    expect(formatSigned(v)).toBe(want);
  });
});

describe("formatFlop", () => {
  it.each([
    ["GPT-4 scale", 2.1e25, "2.1 × 10²⁵ FLOP"],
    ["rounding carries into the exponent", 9.999e24, "1 × 10²⁵ FLOP"],
    ["exact power", 1e24, "1 × 10²⁴ FLOP"],
    ["unknown", null, "—"],
    ["zero is not a compute", 0, "—"],
  ])("%s", (_label, v, want) => {
    expect(formatFlop(v)).toBe(want);
  });
});

describe("fileRow", () => {
  it("joins file and row, or gives the file alone", () => {
    expect(fileRow("db/seed/metr/benchmark_results_1_1.yaml", 107)).toBe(
      "db/seed/metr/benchmark_results_1_1.yaml:107",
    );
    expect(fileRow("upload.csv", null)).toBe("upload.csv");
  });
});

describe("versionLabel", () => {
  it.each([
    ["numbered", "2.2", "v2.2"],
    ["named", "Beta", "Beta"],
  ])("%s", (_label, v, want) => {
    expect(versionLabel(v)).toBe(want);
  });
});

describe("policyLabel", () => {
  it.each([
    [
      "numbered version appended",
      "Anthropic Responsible Scaling Policy",
      "2.2",
      "Anthropic Responsible Scaling Policy v2.2",
    ],
    [
      "title already names it",
      "OpenAI Preparedness Framework (Beta)",
      "Beta",
      "OpenAI Preparedness Framework (Beta)",
    ],
    ["named version appended", "Some Framework", "Draft", "Some Framework Draft"],
  ])("%s", (_label, title, version, want) => {
    expect(policyLabel(title, version)).toBe(want);
  });
});
