import { parseArgs } from "node:util";
import { project, THRESHOLD_OPS } from "@/lib/projection";
import type { ThresholdOp } from "@/lib/projection";
import type { CliIo, CommandHandler } from "../../types";
import { UsageError } from "../../types";
import { TABLE_FIT_OPTIONS, flop, fmt, numberOption, parseTable, readInput, xyPoints } from "./read-table";

const USAGE =
  "project --policy <id> [--model-family <f>] [--planned <flop>] [--json], or project --input <csv> --x <column> --y <column> --threshold <v> [--op gte|gt|lte|lt] " +
  "[--floor <v>] [--ceiling <v>] [--planned <flop>] [--x-scale <factor>] [--id <column>] [--seed <n>] [--json]";

/**
 * Fits the sigmoid, inverts the threshold and, with --planned, gives P(a run of that many FLOP is
 * past it). JSON: { fit, crossing: { x, low, high } | null, p_planned?, warnings }, computes in FLOP.
 */
export const run: CommandHandler = async (argv, io) => {
  const { values } = parseArgs({
    args: argv,
    options: {
      ...TABLE_FIT_OPTIONS,
      threshold: { type: "string" },
      op: { type: "string" },
      planned: { type: "string" },
      policy: { type: "string" },
      "model-family": { type: "string" },
    },
  });
  if (values.policy)
    return projectFromDatabase(io, values.policy, {
      family: values["model-family"],
      planned: numberOption(values.planned, "--planned", { positive: true }),
      seed: numberOption(values.seed, "--seed"),
      json: values.json ?? false,
    });
  if (!values.input || !values.x || !values.y || values.threshold === undefined) throw new UsageError(USAGE);
  const threshold = numberOption(values.threshold, "--threshold") as number;
  const op = (values.op ?? "gte") as ThresholdOp;
  if (!THRESHOLD_OPS.includes(op))
    throw new UsageError(`--op must be one of ${THRESHOLD_OPS.join(", ")}, got "${values.op}"`);
  const floor = numberOption(values.floor, "--floor") ?? 0;
  const ceiling = numberOption(values.ceiling, "--ceiling") ?? 1;
  if (floor === ceiling) throw new UsageError("--floor and --ceiling must differ");
  const planned = numberOption(values.planned, "--planned", { positive: true });
  const xScale = numberOption(values["x-scale"], "--x-scale", { positive: true }) ?? 1;
  const seed = numberOption(values.seed, "--seed");

  const table = parseTable(readInput(io, values.input), values.input);
  const id = values.id ?? (table.header[0] as string);
  const { points, skipped } = xyPoints(table, values.input, { x: values.x, y: values.y, id }, xScale);
  const p = project({
    points,
    bounds: { floor, ceiling },
    threshold: { op, value: threshold },
    metric: { id: values.y },
    siblingMetrics: table.header.filter((h) => h !== values.y),
    ...(planned !== undefined ? { plannedX: Math.log10(planned) } : {}),
    ...(seed !== undefined ? { seed } : {}),
  });
  const c = p.crossing;
  const out = {
    fit: {
      floor,
      ceiling,
      k: p.fit.k,
      x0: flop(p.fit.x0),
      n: p.fit.n,
      rmse: p.fit.rmse,
      converged: p.fit.converged,
      skipped,
    },
    crossing:
      c.status === "crosses"
        ? {
            x: flop(c.x),
            low: flop(c.low),
            high: flop(c.high),
            log10: { x: c.x, low: c.low, high: c.high },
            level: c.level,
            never_fraction: c.neverFraction,
          }
        : null,
    ...(c.status !== "crosses" ? { crossing_status: c.status } : {}),
    ...(p.pPlanned !== undefined ? { p_planned: p.pPlanned } : {}),
    warnings: p.warnings,
  };
  if (values.json) {
    io.stdout(JSON.stringify(out, null, 2) + "\n");
    return 0;
  }
  const opText = { gte: "≥", gt: ">", lte: "≤", lt: "<" }[op];
  const lines = [
    `${values.y} vs ${values.x}: sigmoid on ${p.fit.n} models (${skipped} skipped), floor ${floor}, ceiling ${ceiling}, ` +
      `k ${fmt(p.fit.k)} per decade, midpoint ${fmt(flop(p.fit.x0))} FLOP, rmse ${fmt(p.fit.rmse)}`,
    c.status === "crosses"
      ? `  reaches ${opText} ${threshold} at ${fmt(flop(c.x))} FLOP (80%: ${fmt(flop(c.low))} – ${c.high === null ? "never" : fmt(flop(c.high))}; ${fmt(c.neverFraction * 100)}% of resamples never cross)`
      : c.status === "never"
        ? `  never reaches ${opText} ${threshold} as compute grows`
        : `  already ${opText} ${threshold} at any compute`,
    ...(p.pPlanned !== undefined
      ? [`  P(a ${fmt(planned)} FLOP run is past the threshold) = ${fmt(p.pPlanned)}`]
      : []),
    ...p.warnings.map((w) => `  warning ${w.code}: ${w.message}`),
  ];
  io.stdout(lines.join("\n") + "\n");
  return 0;
};

/** Every numeric threshold leaf of a published policy, projected from the models in the database. */
async function projectFromDatabase(
  io: CliIo,
  policyId: string,
  o: { family: string | undefined; planned: number | undefined; seed: number | undefined; json: boolean },
): Promise<number> {
  const { getDb } = await import("@/db");
  const { policyProjections } = await import("@/db/projections");
  const r = policyProjections(getDb(), policyId, {
    ...(o.family ? { family: o.family } : {}),
    ...(o.planned !== undefined ? { plannedFlop: o.planned } : {}),
    ...(o.seed !== undefined ? { seed: o.seed } : {}),
  });
  const leaves = r.leaves.map(({ points: _points, fit, ...rest }) => ({
    ...rest,
    ...(fit
      ? { fit: { k: fit.k, x0_flop: 10 ** fit.x0, floor: fit.floor, ceiling: fit.ceiling, rmse: fit.rmse } }
      : {}),
  }));
  if (o.json) {
    io.stdout(JSON.stringify({ policy: r.policy, frontier: r.frontier, leaves }, null, 2) + "\n");
    return 0;
  }
  io.stdout(`${r.policy.id} ${r.policy.version}: ${leaves.length} threshold leaves\n`);
  for (const l of leaves) {
    const when =
      l.method === "none"
        ? `no projection: ${l.skipped}`
        : l.method === "time-trend"
          ? `trend doubling every ${l.trend?.doublingDays.toFixed(0)} days; reaches it ${l.crossing_date?.date ?? "never"} (80%: ${l.crossing_date?.low ?? "?"} – ${l.crossing_date?.high ?? "?"})`
          : `crosses at ${sci(l.crossing?.flop, "never")} FLOP (80%: ${sci(l.crossing?.low, "?")} – ${sci(l.crossing?.high, "beyond")})${l.crossing_date?.date ? `, around ${l.crossing_date.date}` : ""}${l.p_planned !== undefined ? `; P(planned run past it) ${fmt(l.p_planned)}` : ""}`;
    io.stdout(`  ${l.threshold} [${l.metric} ${l.op} ${l.value}, ${l.calibration}] n=${l.n}: ${when}\n`);
    for (const w of l.warnings) io.stdout(`    warning ${w.code}: ${w.message}\n`);
    if (l.backtest && "mae" in l.backtest)
      io.stdout(
        `    backtest (fit ${l.backtest.cutoff}): MAE ${fmt(l.backtest.mae)}, 80% coverage ${fmt(l.backtest.coverage80)} on ${l.backtest.n_test} models\n`,
      );
  }
  return 0;
}

const sci = (v: number | null | undefined, none: string): string =>
  v === null || v === undefined ? none : v.toExponential(2);
