import { describe, expect, it } from "vitest";
import { emergentPoints } from "@/test/fixtures/projection/load";
import { UsageError } from "../../types";
import { fakeIo, FIXTURES } from "./fake-io";
import { run } from "./project";

const OBS = `${FIXTURES}/base_llm_benchmark_eval.csv`;
const base = (y: string, threshold: string) => [
  "--input",
  OBS,
  "--x",
  "FLOPs (1E21)",
  "--x-scale",
  "1e21",
  "--y",
  y,
  "--floor",
  "0.25",
  "--threshold",
  threshold,
];

/** ipa_transliterate exact_match and BLEU side by side with raw FLOP, as a user's CSV would be. */
function ipaCsv(): string {
  const exact = emergentPoints("ipa_transliterate_2_exact_match");
  const bleu = new Map(emergentPoints("ipa_transliterate_2_bleu").map((p) => [p.id, p.y]));
  return [
    "model,flop,ipa_transliterate_2_exact_match,ipa_transliterate_2_bleu",
    ...exact.map((p) => `${p.id},${10 ** p.x},${p.y},${bleu.get(p.id) ?? ""}`),
  ].join("\n");
}

describe("projection project", () => {
  it("MMLU ≥ 0.9 with a planned 1e26 FLOP run (--json)", async () => {
    const io = fakeIo();
    expect(await run([...base("MMLU", "0.9"), "--planned", "1e26", "--json"], io)).toBe(0);
    const out = JSON.parse(io.out());
    expect(out.fit).toMatchObject({ floor: 0.25, ceiling: 1, n: 123, skipped: 25, converged: true });
    expect(out.fit.k).toBeCloseTo(1.4067, 3);
    expect(out.crossing.log10.x).toBeCloseTo(25.085, 2);
    expect(out.crossing.x).toBeCloseTo(10 ** out.crossing.log10.x, -20);
    expect(out.crossing.low).toBeLessThan(out.crossing.x);
    expect(out.crossing.high).toBeGreaterThan(out.crossing.x);
    expect(out.p_planned).toBeGreaterThan(0.9);
    expect(out.warnings).toEqual([]);
  });

  it("no p_planned without --planned; crossing null when never reached", async () => {
    const io = fakeIo();
    expect(await run([...base("MMLU", "1"), "--json"], io)).toBe(0);
    const out = JSON.parse(io.out());
    expect(out.crossing).toBeNull();
    expect(out.crossing_status).toBe("never");
    expect(out).not.toHaveProperty("p_planned");
  });

  it("TruthfulQA carries the non-monotone and extrapolation warnings", async () => {
    const io = fakeIo();
    expect(await run([...base("TruthfulQA", "0.9"), "--json"], io)).toBe(0);
    const codes = JSON.parse(io.out()).warnings.map((w: { code: string }) => w.code);
    expect(codes).toEqual(["EXTRAPOLATION", "NON_MONOTONE"]);
  });

  it("an exact-match column gets the mirage warning naming the BLEU column of the same file", async () => {
    const io = fakeIo({ "ipa.csv": ipaCsv() });
    expect(
      await run(
        [
          "--input",
          "ipa.csv",
          "--x",
          "flop",
          "--y",
          "ipa_transliterate_2_exact_match",
          "--threshold",
          "0.5",
          "--json",
        ],
        io,
      ),
    ).toBe(0);
    const w = JSON.parse(io.out()).warnings.find((x: { code: string }) => x.code === "DISCONTINUOUS_METRIC");
    expect(w.suggestion).toBe("ipa_transliterate_2_bleu");
  });

  it("--op lte on a falling metric (mirror direction)", async () => {
    const csv = [
      "model,flop,refusal",
      "a,1e21,0.9",
      "b,1e22,0.8",
      "c,1e23,0.5",
      "d,1e24,0.25",
      "e,1e25,0.12",
      "f,1e26,0.08",
    ].join("\n");
    const io = fakeIo({ "m.csv": csv });
    expect(
      await run(
        ["--input", "m.csv", "--x", "flop", "--y", "refusal", "--threshold", "0.2", "--op", "lte", "--json"],
        io,
      ),
    ).toBe(0);
    const out = JSON.parse(io.out());
    expect(out.fit.k).toBeLessThan(0);
    expect(out.crossing.log10.x).toBeGreaterThan(24);
    expect(out.crossing.log10.x).toBeLessThan(25);
  });

  it("prints a readable summary without --json", async () => {
    const io = fakeIo();
    expect(await run([...base("MMLU", "0.9"), "--planned", "1e26"], io)).toBe(0);
    expect(io.out()).toMatch(/reaches ≥ 0\.9 at 1\.2\de\+25 FLOP/);
    expect(io.out()).toMatch(/P\(a 1e\+26 FLOP run is past the threshold\) = 0\.9/);
  });

  it.each([
    { label: "no threshold", argv: ["--input", OBS, "--x", "a", "--y", "b"], msg: /--threshold/ },
    { label: "bad op", argv: [...base("MMLU", "0.9"), "--op", "ge"], msg: /--op must be one of/ },
    { label: "bad planned", argv: [...base("MMLU", "0.9"), "--planned", "0"], msg: /--planned/ },
    { label: "non-numeric threshold", argv: base("MMLU", "high"), msg: /--threshold must be a number/ },
  ])("usage error: $label", async ({ argv, msg }) => {
    await expect(run(argv, fakeIo())).rejects.toThrow(UsageError);
    await expect(run(argv, fakeIo())).rejects.toThrow(msg);
  });
});
