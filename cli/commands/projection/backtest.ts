import { parseArgs } from "node:util";
import { DomainError } from "@/lib/errors";
import { backtest } from "@/lib/projection";
import type { CommandHandler } from "../../types";
import { UsageError } from "../../types";
import { TABLE_FIT_OPTIONS, flop, fmt, numberOption, parseTable, readInput, xyPoints } from "./read-table";

const USAGE =
  "projection backtest --input <csv> --x <column> --y <column> --cutoff <flop> [--floor <v>] [--ceiling <v>] " +
  "[--x-scale <factor>] [--id <column>] [--resamples <n>] [--seed <n>] [--json]";

/**
 * Fits a sigmoid on the rows with x ≤ cutoff (raw FLOP; `--x-scale 1e21` for a column in units of
 * 1e21) and predicts the rest. JSON: { n_fit, n_test, mae, coverage80, predictions, skipped }.
 */
export const run: CommandHandler = async (argv, io) => {
  const { values } = parseArgs({
    args: argv,
    options: {
      ...TABLE_FIT_OPTIONS,
      cutoff: { type: "string" },
      resamples: { type: "string" },
    },
  });
  if (!values.input || !values.x || !values.y || values.cutoff === undefined) throw new UsageError(USAGE);
  const cutoff = numberOption(values.cutoff, "--cutoff", { positive: true }) as number;
  const floor = numberOption(values.floor, "--floor") ?? 0;
  const ceiling = numberOption(values.ceiling, "--ceiling") ?? 1;
  if (floor === ceiling) throw new UsageError("--floor and --ceiling must differ");
  const xScale = numberOption(values["x-scale"], "--x-scale", { positive: true }) ?? 1;
  const resamples = numberOption(values.resamples, "--resamples", { positive: true });
  const seed = numberOption(values.seed, "--seed");
  if (resamples !== undefined && !Number.isInteger(resamples))
    throw new UsageError("--resamples must be an integer");

  const table = parseTable(readInput(io, values.input), values.input);
  const id = values.id ?? (table.header[0] as string);
  const { points, skipped } = xyPoints(table, values.input, { x: values.x, y: values.y, id }, xScale);
  const xCut = Math.log10(cutoff);
  if (!points.some((p) => p.x > xCut))
    throw new DomainError("VALIDATION", `no row above the cutoff ${cutoff} FLOP to predict`);
  const r = backtest(points, {
    cutoff: { x: xCut },
    bounds: { floor, ceiling },
    ...(resamples !== undefined ? { resamples } : {}),
    ...(seed !== undefined ? { seed } : {}),
  });
  const out = {
    n_fit: r.nFit,
    n_test: r.nTest,
    mae: r.mae,
    coverage80: r.coverage,
    mae_within_one_oom: r.maeWithinOneOom,
    fit: { floor, ceiling, k: r.fit.k, x0_flop: flop(r.fit.x0), rmse: r.fit.rmse },
    predictions: r.predictions.map((p) => ({
      id: p.id,
      flop: flop(p.x),
      y: p.y,
      predicted: p.predicted,
      low: p.low,
      high: p.high,
      covered: p.covered,
      oom_ahead: p.ahead,
    })),
    skipped,
  };
  if (values.json) {
    io.stdout(JSON.stringify(out, null, 2) + "\n");
    return 0;
  }
  const lines = [
    `backtest of ${values.y} on ${values.x}: fit on ${r.nFit} rows ≤ ${fmt(cutoff)} FLOP, predicted ${r.nTest} above (${skipped} skipped: missing x or y)`,
    `  MAE ${fmt(r.mae)}${r.maeWithinOneOom !== null ? ` (${fmt(r.maeWithinOneOom)} within one order of magnitude, ${r.nWithinOneOom} rows)` : ""}`,
    `  coverage of the 80% prediction interval: ${fmt(r.coverage * 100)}%`,
    `  worst misses:`,
    ...[...r.predictions]
      .sort((a, b) => Math.abs(b.error) - Math.abs(a.error))
      .slice(0, 5)
      .map(
        (p) =>
          `    ${p.id}: observed ${fmt(p.y)}, predicted ${fmt(p.predicted)} [${fmt(p.low)}, ${fmt(p.high)}]`,
      ),
  ];
  io.stdout(lines.join("\n") + "\n");
  return 0;
};
