import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DomainError } from "@/lib/errors";
import { UsageError } from "../../types";
import { run } from "./backtest";
import { fakeIo, FIXTURES } from "./fake-io";

const OBS = `${FIXTURES}/base_llm_benchmark_eval.csv`;
const obsArgs = (y: string, floor: string) => [
  "--input",
  OBS,
  "--x",
  "FLOPs (1E21)",
  "--x-scale",
  "1e21",
  "--y",
  y,
  "--cutoff",
  "8.4e22",
  "--floor",
  floor,
  "--json",
];
const golden = JSON.parse(
  readFileSync(
    path.resolve(import.meta.dirname, "../../..", FIXTURES, "obsscaling-backtest.golden.json"),
    "utf8",
  ),
) as {
  benchmarks: Record<string, { mae: number; coverage80: number; n_fit: number; n_test: number }>;
};

const RAW = [
  "model,flop,score",
  "a,1e21,0.26",
  "b,3e21,0.27",
  "c,1e22,0.30",
  "d,3e22,0.36",
  "e,1e23,0.48",
  "f,3e23,0.60",
  "g,,0.70",
  "h,1e24,",
  "i,3e24,0.80",
].join("\n");

describe("projection backtest", () => {
  it.each([
    { label: "MMLU", y: "MMLU", floor: "0.25", skipped: 25 },
    { label: "GSM8K", y: "GSM8K", floor: "0", skipped: 25 },
    { label: "HumanEval (gaps in the score column too)", y: "HumanEval", floor: "0", skipped: 36 },
  ])("ObsScaling $label --json reproduces the lib golden", async ({ y, floor, skipped }) => {
    const io = fakeIo();
    expect(await run(obsArgs(y, floor), io)).toBe(0);
    const out = JSON.parse(io.out());
    const want = golden.benchmarks[y]!;
    expect(out.n_fit).toBe(want.n_fit);
    expect(out.n_test).toBe(want.n_test);
    expect(Math.abs(out.mae - want.mae)).toBeLessThan(1e-6);
    expect(Math.abs(out.coverage80 - want.coverage80)).toBeLessThan(1e-6);
    expect(out.skipped).toBe(skipped);
    expect(out.predictions).toHaveLength(want.n_test);
    expect(out.predictions[0]).toEqual(
      expect.objectContaining({
        id: expect.any(String),
        flop: expect.any(Number),
        predicted: expect.any(Number),
        low: expect.any(Number),
        high: expect.any(Number),
        covered: expect.any(Boolean),
      }),
    );
  });

  it("raw FLOP column: rows with a missing x or y are skipped and counted", async () => {
    const io = fakeIo({ "raw.csv": RAW });
    expect(
      await run(
        [
          "--input",
          "raw.csv",
          "--x",
          "flop",
          "--y",
          "score",
          "--cutoff",
          "1e23",
          "--floor",
          "0.25",
          "--json",
        ],
        io,
      ),
    ).toBe(0);
    const out = JSON.parse(io.out());
    expect(out).toMatchObject({ n_fit: 5, n_test: 2, skipped: 2 });
    expect(out.predictions.map((p: { id: string }) => p.id)).toEqual(["f", "i"]);
    expect(out.predictions[0].flop).toBeCloseTo(3e23, -18);
  });

  it("prints a readable summary without --json", async () => {
    const io = fakeIo();
    expect(await run(obsArgs("MMLU", "0.25").slice(0, -1), io)).toBe(0);
    expect(io.out()).toMatch(/fit on 77 rows/);
    expect(io.out()).toMatch(/MAE 0\.115/);
    expect(io.out()).toMatch(/coverage of the 80% prediction interval: 65\.2%/);
    expect(io.out()).toMatch(/cerebras\/btlm-3b-8k-base/);
  });

  it.each([
    { label: "no --cutoff", argv: ["--input", "raw.csv", "--x", "flop", "--y", "score"], msg: /--cutoff/ },
    {
      label: "non-numeric cutoff",
      argv: ["--input", "raw.csv", "--x", "flop", "--y", "score", "--cutoff", "lots"],
      msg: /--cutoff must be a positive number/,
    },
    {
      label: "zero cutoff",
      argv: ["--input", "raw.csv", "--x", "flop", "--y", "score", "--cutoff", "0"],
      msg: /positive/,
    },
    {
      label: "floor = ceiling",
      argv: ["--input", "raw.csv", "--x", "flop", "--y", "score", "--cutoff", "1e23", "--floor", "1"],
      msg: /differ/,
    },
    {
      label: "fractional resamples",
      argv: ["--input", "raw.csv", "--x", "flop", "--y", "score", "--cutoff", "1e23", "--resamples", "1.5"],
      msg: /integer/,
    },
  ])("usage error: $label", async ({ argv, msg }) => {
    await expect(run(argv, fakeIo({ "raw.csv": RAW }))).rejects.toThrow(UsageError);
    await expect(run(argv, fakeIo({ "raw.csv": RAW }))).rejects.toThrow(msg);
  });

  it.each<{ label: string; files: Record<string, string>; x: string; code: string; msg: RegExp }>([
    {
      label: "unknown column",
      files: { "raw.csv": RAW },
      x: "compute",
      code: "VALIDATION",
      msg: /no column "compute"/,
    },
    {
      label: "non-numeric FLOP",
      files: { "raw.csv": RAW.replace("3e21", "three") },
      x: "flop",
      code: "VALIDATION",
      msg: /1 invalid row/,
    },
    {
      label: "nothing above the cutoff",
      files: { "raw.csv": RAW.replace("3e24", "1e22").replace("3e23", "1e22") },
      x: "flop",
      code: "VALIDATION",
      msg: /no row above/,
    },
    { label: "missing file", files: {}, x: "flop", code: "NOT_FOUND", msg: /cannot read/ },
  ])("invalid input: $label", async ({ files, x, code, msg }) => {
    const p = run(["--input", "raw.csv", "--x", x, "--y", "score", "--cutoff", "1e23"], fakeIo(files));
    await expect(p).rejects.toBeInstanceOf(DomainError);
    await expect(
      run(["--input", "raw.csv", "--x", x, "--y", "score", "--cutoff", "1e23"], fakeIo(files)),
    ).rejects.toMatchObject({ code, message: expect.stringMatching(msg) });
  });

  it("locates a bad row by file and line", async () => {
    const err = await run(
      ["--input", "raw.csv", "--x", "flop", "--y", "score", "--cutoff", "1e23"],
      fakeIo({ "raw.csv": RAW.replace("0.36", "n/a") }),
    ).catch((e: unknown) => e);
    expect((err as DomainError).issues).toEqual([
      { path: "raw.csv:5", message: 'score "n/a" is not a number' },
    ]);
  });
});
