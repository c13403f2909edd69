import { parseArgs } from "node:util";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { DomainError } from "@/lib/errors";
import { dayNumber, fitDoublingTime } from "@/lib/projection";
import type { DatedValue } from "@/lib/projection";
import type { CommandHandler } from "../../types";
import { UsageError } from "../../types";
import { formatZodIssues } from "../../format";
import { fmt, numberOption, parseTable, readInput } from "./read-table";

const USAGE =
  "projection trend --input <METR yaml | csv model,date,value> [--since YYYY-MM-DD] [--sota-only] " +
  "[--horizon p50|p80] [--level <0..1>] [--json]";

const MetrHorizon = z.object({ estimate: z.number().positive() });
/** Only what the trend needs; METR's files carry much more (scaffolds, usage, CIs). */
const MetrYaml = z.object({
  results: z.record(
    z.string(),
    z.object({
      release_date: z.union([z.string(), z.date()]),
      metrics: z.object({ p50_horizon_length: MetrHorizon, p80_horizon_length: MetrHorizon.optional() }),
    }),
  ),
});

function metrPoints(text: string, file: string, horizon: "p50" | "p80"): DatedValue[] {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (e) {
    throw new DomainError("VALIDATION", `${file}: not valid YAML: ${(e as Error).message}`);
  }
  const r = MetrYaml.safeParse(doc);
  if (!r.success)
    throw new DomainError(
      "VALIDATION",
      `${file}: not a METR benchmark results file`,
      formatZodIssues(r.error.issues).map((m) => ({ path: file, message: m })),
    );
  const out: DatedValue[] = [];
  for (const [id, m] of Object.entries(r.data.results)) {
    const date = m.release_date instanceof Date ? m.release_date.toISOString().slice(0, 10) : m.release_date;
    const h = horizon === "p50" ? m.metrics.p50_horizon_length : m.metrics.p80_horizon_length;
    if (!h) throw new DomainError("VALIDATION", `${file}: ${id} has no ${horizon}_horizon_length`);
    out.push({ id, date, value: h.estimate });
  }
  return out;
}

function csvPoints(text: string, file: string): DatedValue[] {
  const table = parseTable(text, file);
  const find = (name: string) => table.header.find((h) => h.toLowerCase() === name);
  const [model, date, value] = [find("model"), find("date"), find("value")];
  if (!model || !date || !value)
    throw new DomainError(
      "VALIDATION",
      `${file}: expected columns model,date,value (got ${table.header.join(", ")})`,
    );
  const issues: { path: string; message: string }[] = [];
  const out: DatedValue[] = [];
  table.rows.forEach((row, i) => {
    const where = `${file}:${i + 2}`;
    const v = Number(row[value]);
    const d = row[date] ?? "";
    if (!/^\d{4}-\d{2}-\d{2}/.test(d) || Number.isNaN(Date.parse(d)))
      issues.push({ path: where, message: `date "${d}" is not YYYY-MM-DD` });
    else if (!(v > 0) || !Number.isFinite(v))
      issues.push({ path: where, message: `value "${row[value]}" is not a positive number` });
    else out.push({ id: row[model] || `row ${i + 2}`, date: d.slice(0, 10), value: v });
  });
  if (issues.length > 0)
    throw new DomainError("VALIDATION", `${file}: ${issues.length} invalid row(s)`, issues);
  return out;
}

/** Doubling time of a date-driven metric (METR horizons). JSON: { n, doubling_days, interval: [low, high] }. */
export const run: CommandHandler = async (argv, io) => {
  const { values } = parseArgs({
    args: argv,
    options: {
      input: { type: "string" },
      since: { type: "string" },
      "sota-only": { type: "boolean" },
      horizon: { type: "string" },
      level: { type: "string" },
      json: { type: "boolean" },
    },
  });
  if (!values.input) throw new UsageError(USAGE);
  if (
    values.since !== undefined &&
    (!/^\d{4}-\d{2}-\d{2}$/.test(values.since) || Number.isNaN(Date.parse(values.since)))
  )
    throw new UsageError(`--since must be YYYY-MM-DD, got "${values.since}"`);
  const horizon = values.horizon ?? "p50";
  if (horizon !== "p50" && horizon !== "p80")
    throw new UsageError(`--horizon must be p50 or p80, got "${horizon}"`);
  const level = numberOption(values.level, "--level", { positive: true });
  if (level !== undefined && !(level < 1)) throw new UsageError("--level must lie between 0 and 1");

  const text = readInput(io, values.input);
  const yaml = /\.ya?ml$/i.test(values.input) || /^\s*results\s*:/m.test(text);
  const points = yaml ? metrPoints(text, values.input, horizon) : csvPoints(text, values.input);
  const fit = fitDoublingTime(points, {
    sotaOnly: values["sota-only"] === true,
    ...(values.since !== undefined ? { since: values.since } : {}),
    ...(level !== undefined ? { level } : {}),
  });
  const out = {
    n: fit.n,
    doubling_days: fit.doublingDays,
    interval: [fit.interval.low, fit.interval.high],
    level: fit.interval.level,
    method: fit.method,
    models: fit.ids,
  };
  if (values.json) {
    io.stdout(JSON.stringify(out, null, 2) + "\n");
    return 0;
  }
  const first = Math.min(...points.filter((p) => fit.ids.includes(p.id)).map((p) => dayNumber(p.date)));
  io.stdout(
    `doubling time ${fmt(fit.doublingDays, 4)} days (${fmt(fit.doublingDays / 30.44)} months), ` +
      `${Math.round(fit.interval.level * 100)}% interval ${fmt(fit.interval.low, 4)} – ${fit.interval.high === null ? "∞" : fmt(fit.interval.high, 4)} days\n` +
      `  ${fit.n} ${values["sota-only"] ? "state-of-the-art " : ""}models released from ${new Date(first * 86_400_000).toISOString().slice(0, 10)}\n`,
  );
  return 0;
};
