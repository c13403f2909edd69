import { describe, expect, it } from "vitest";
import { PYTHIA_TOKENS } from "@/test/fixtures/projection/load";
import { effectiveCompute } from "./effective-compute";

describe("effectiveCompute", () => {
  const eff = { factorPerYear: 3, baseYear: 2020 };
  const rows = [
    { label: "reported FLOP", input: { trainingFlop: 2.1e25 }, want: Math.log10(2.1e25), source: "flop" },
    {
      label: "reported FLOP wins over 6ND",
      input: { trainingFlop: 1e24, params: 7e9, tokens: 2e12 },
      want: 24,
      source: "flop",
    },
    {
      label: "6·N·D (Llama-2-7B: 7e9 × 2e12)",
      input: { params: 7e9, tokens: 2e12 },
      want: Math.log10(8.4e22),
      source: "6ND",
    },
    {
      label: "Pythia-12B, 6·N·D on 299.9B tokens",
      input: { params: 12e9, tokens: PYTHIA_TOKENS },
      want: Math.log10(6 * 12e9 * PYTHIA_TOKENS),
      source: "6ND",
    },
    {
      label: "mixture-of-experts uses active params (Mixtral 8×7B: 12.9B active)",
      input: { params: 46.7e9, activeParams: 12.9e9, tokens: 1e12 },
      want: Math.log10(6 * 12.9e9 * 1e12),
      source: "6ND",
    },
    {
      label: "zero FLOP falls back to 6ND",
      input: { trainingFlop: 0, params: 1e9, tokens: 1e12 },
      want: Math.log10(6e21),
      source: "6ND",
    },
  ] as const;
  it.each(rows)("$label", ({ input, want, source }) => {
    const r = effectiveCompute(input)!;
    expect(r.log10).toBeCloseTo(want, 12);
    expect(r.source).toBe(source);
    expect(r.log10Efficiency).toBe(0);
  });

  it.each([
    { label: "base year: no adjustment", date: "2020-01-01", years: 0 },
    { label: "three years later: 3³ = 27×", date: "2023-01-01", years: 3 },
    { label: "before the base year: discounted", date: "2019-01-01", years: -1 },
  ])("efficiency factor, $label", ({ date, years }) => {
    const r = effectiveCompute({ trainingFlop: 1e24, releaseDate: date }, eff)!;
    expect(r.log10Flop).toBe(24);
    expect(r.log10).toBeCloseTo(24 + years * Math.log10(3), 2);
  });

  it.each([
    { label: "nothing known", input: {} },
    { label: "params without tokens", input: { params: 7e9 } },
    { label: "negative FLOP and no params", input: { trainingFlop: -1 } },
    { label: "NaN tokens", input: { params: 1e9, tokens: NaN } },
  ])("null when compute is unknown: $label", ({ input }) => {
    expect(effectiveCompute(input)).toBeNull();
  });

  it("null with an efficiency factor but no release date (no mixing of adjusted and raw compute)", () => {
    expect(effectiveCompute({ trainingFlop: 1e24 }, eff)).toBeNull();
    expect(effectiveCompute({ trainingFlop: 1e24 })).not.toBeNull();
  });
});
