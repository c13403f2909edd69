import { describe, expect, it } from "vitest";
import { DomainError } from "@/lib/errors";
import { UsageError } from "../../types";
import { fakeIo, FIXTURES } from "./fake-io";
import { run } from "./trend";

const METR = `${FIXTURES}/benchmark_results_1_1.yaml`;

describe("projection trend", () => {
  it.each([
    {
      label: "SOTA from 2023 (METR: 130.8 days)",
      argv: ["--since", "2023-01-01", "--sota-only"],
      n: 11,
      days: 130.8,
      low: 105.31,
      high: 172.57,
    },
    {
      label: "SOTA all time (METR: 196.5 days)",
      argv: ["--sota-only"],
      n: 14,
      days: 196.47,
      low: null,
      high: null,
    },
    {
      label: "every model from 2023",
      argv: ["--since", "2023-01-01"],
      n: 14,
      days: 120.95,
      low: null,
      high: null,
    },
  ])("METR YAML, $label", async ({ argv, n, days, low, high }) => {
    const io = fakeIo();
    expect(await run(["--input", METR, ...argv, "--json"], io)).toBe(0);
    const out = JSON.parse(io.out());
    expect(out.n).toBe(n);
    expect(out.doubling_days).toBeCloseTo(days, 1);
    expect(out.interval).toHaveLength(2);
    if (low !== null) expect(out.interval[0]).toBeCloseTo(low, 1);
    if (high !== null) expect(out.interval[1]).toBeCloseTo(high, 1);
    expect(out.interval[0]).toBeLessThan(out.doubling_days);
  });

  it("p80 horizons and an 80% level", async () => {
    const io = fakeIo();
    expect(
      await run(
        [
          "--input",
          METR,
          "--sota-only",
          "--since",
          "2023-01-01",
          "--horizon",
          "p80",
          "--level",
          "0.8",
          "--json",
        ],
        io,
      ),
    ).toBe(0);
    const out = JSON.parse(io.out());
    expect(out.level).toBe(0.8);
    expect(out.doubling_days).toBeGreaterThan(50);
    expect(out.doubling_days).toBeLessThan(400);
  });

  it("CSV model,date,value: an exact 100-day doubling", async () => {
    const csv = [
      "model,date,value",
      "a,2024-01-01,1",
      "b,2024-04-10,2",
      "c,2024-07-19,4",
      "d,2024-10-27,8",
    ].join("\n");
    const io = fakeIo({ "h.csv": csv });
    expect(await run(["--input", "h.csv", "--json"], io)).toBe(0);
    const out = JSON.parse(io.out());
    expect(out.n).toBe(4);
    expect(out.doubling_days).toBeCloseTo(100, 9);
  });

  it("prints a readable summary without --json", async () => {
    const io = fakeIo();
    expect(await run(["--input", METR, "--since", "2023-01-01", "--sota-only"], io)).toBe(0);
    expect(io.out()).toMatch(/doubling time 130\.8 days \(4\.3 months\), 95% interval 105\.3 – 172\.6 days/);
    expect(io.out()).toMatch(/11 state-of-the-art models released from 2023-03-14/);
  });

  it.each([
    { label: "no input", argv: [], msg: /--input/ },
    { label: "bad since", argv: ["--input", METR, "--since", "2023"], msg: /--since must be YYYY-MM-DD/ },
    { label: "bad horizon", argv: ["--input", METR, "--horizon", "p90"], msg: /--horizon/ },
    { label: "level ≥ 1", argv: ["--input", METR, "--level", "95"], msg: /--level/ },
  ])("usage error: $label", async ({ argv, msg }) => {
    await expect(run(argv, fakeIo())).rejects.toThrow(UsageError);
    await expect(run(argv, fakeIo())).rejects.toThrow(msg);
  });

  it.each([
    {
      label: "YAML that is not METR's",
      file: "x.yaml",
      text: "results:\n  a: 1\n",
      msg: /not a METR benchmark results file/,
    },
    {
      label: "CSV without the columns",
      file: "x.csv",
      text: "name,when,score\na,2024-01-01,1\n",
      msg: /expected columns model,date,value/,
    },
    {
      label: "CSV with a bad date",
      file: "x.csv",
      text: "model,date,value\na,2024-01-01,1\nb,soon,2\nc,2024-06-01,4\n",
      msg: /1 invalid row/,
    },
    {
      label: "CSV with a zero value",
      file: "x.csv",
      text: "model,date,value\na,2024-01-01,0\nb,2024-02-01,2\nc,2024-06-01,4\n",
      msg: /1 invalid row/,
    },
    {
      label: "too few models",
      file: "x.csv",
      text: "model,date,value\na,2024-01-01,1\nb,2024-02-01,2\n",
      msg: /at least 3/,
    },
  ])("invalid input: $label", async ({ file, text, msg }) => {
    const err = await run(["--input", file], fakeIo({ [file]: text })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).code).toBe("VALIDATION");
    expect((err as DomainError).message).toMatch(msg);
  });
});
