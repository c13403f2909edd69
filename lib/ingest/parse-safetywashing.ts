import { IngestError, fileLabel } from "./errors";
import { cellAt, columnIndex, readCsv } from "./read-csv";
import { emptyResult, ModelSet } from "./result";
import { decodeText } from "./text";
import type { ParsedMetric, ParsedModel, ParseOptions, ParseResult } from "./types";
import { metricId, readNumber, textOrNull } from "./values";

/**
 * Center for AI Safety "Safetywashing" tables (MIT): one row per model, one column per benchmark,
 * with `benchmarks_info.csv` (`benchmark,name,metric`) describing each column, e.g.
 * "Accuracy (↑)", "Attack failure rate (↑)", "Negated score (↑)".
 *
 * Direction is read from that metadata, never assumed. The arrow says which way is *better* on the
 * benchmark's own terms. Where the metric names a safety outcome (an attack that failed, a safe
 * answer, a negated harm count) better means safer, so higher_is_riskier is false. WMDP's "Score"
 * is the Safetywashing transform that rises as hazardous knowledge falls (Falcon-7B ≈ 1.0,
 * Llama-3-70B-Instruct bio 0.244; data README), so it is false too. Everything else ("Accuracy (↑)"
 * on MMLU, "Score (↑)" on MT-Bench) says nothing about risk: left undefined and counted in a note.
 *
 * Units are not in the metadata. HarmBench and CyberSecEval rates are on 0..100 (percent); the
 * MACHIAVELLI columns are raw points and counts (score); other columns are fractions unless their
 * values leave 0..1, in which case a "rate" on 0..100 is a percent and anything else a score.
 */

const MODEL_COLUMNS = new Set(["model", "name", "type", "model_size", "FLOP"]);
const SAFETY_OUTCOMES = [
  "attack failure rate",
  "negated score",
  "safe suggestion rate",
  "safe response rate",
  "non-sycophantic answer",
];

export interface BenchmarkInfo {
  benchmark: string;
  name: string;
  /** The metric text as written, e.g. "Attack failure rate (↑)". */
  metric: string;
  /** The metric text without its arrow, lowercase. */
  label: string;
  higherIsBetter: boolean | null;
}

/** `benchmarks_info.csv` -> benchmark column -> its description. Throws on a file of another shape. */
export function readSafetywashingInfo(
  input: string | Uint8Array,
  fileName?: string,
): Map<string, BenchmarkInfo> {
  const table = readCsv(decodeText(input, fileName));
  const col = columnIndex(table.header);
  if (!col.has("benchmark") || !col.has("metric")) {
    throw new IngestError(
      "UNSUPPORTED_FORMAT",
      fileLabel(fileName),
      "is not a benchmarks_info.csv (benchmark,name,metric)",
    );
  }
  const out = new Map<string, BenchmarkInfo>();
  for (const { cells } of table.rows) {
    const benchmark = cellAt(cells, col.get("benchmark")).trim();
    if (benchmark === "") continue;
    const metric = cellAt(cells, col.get("metric")).trim();
    const arrow = /\((↑|↓)\)\s*$/.exec(metric)?.[1];
    out.set(benchmark, {
      benchmark,
      name: cellAt(cells, col.get("name")).trim(),
      metric,
      label: metric
        .replace(/\((↑|↓)\)\s*$/, "")
        .trim()
        .toLowerCase(),
      higherIsBetter: arrow === "↑" ? true : arrow === "↓" ? false : null,
    });
  }
  return out;
}

function riskDirection(benchmark: string, info: BenchmarkInfo | undefined): boolean | undefined {
  if (!info || info.higherIsBetter === null) return undefined;
  const safetyOutcome =
    SAFETY_OUTCOMES.includes(info.label) || (/^wmdp/i.test(benchmark) && info.label === "score");
  return safetyOutcome ? !info.higherIsBetter : undefined;
}

/** Metric texts that are never proportions (log-likelihood gaps, Elo ratings given as "N/A"). */
const NOT_PROPORTIONS = new Set(["difference in log likelihoods", "n/a"]);

const WMDP_DOMAIN: Record<string, string> = { wmdp_bio: "bio", wmdp_chem: "chem", wmdp_cyber: "cyber" };

export function safetywashingMetric(
  benchmark: string,
  info: BenchmarkInfo | undefined,
  values: number[],
): ParsedMetric {
  const m: ParsedMetric = { id: metricId("safetywashing", benchmark), unit: "fraction" };
  if (info) {
    if (info.name !== "") m.title = info.name;
    m.description = info.metric;
    if (info.higherIsBetter !== null) m.higher_is_better = info.higherIsBetter;
  }
  const risk = riskDirection(benchmark, info);
  if (risk !== undefined) m.higher_is_riskier = risk;
  const domain = WMDP_DOMAIN[benchmark.toLowerCase()];
  if (domain) m.domain = domain;
  if (/^wmdp/i.test(benchmark)) {
    m.normalisation = "none: Safetywashing's transformed WMDP score, higher = less hazardous knowledge";
  }

  const outside01 = values.some((v) => v < 0 || v > 1);
  const within100 = values.every((v) => v >= 0 && v <= 100);
  const isRate = info ? /rate/.test(info.label) : false;
  if (
    /^harmbench/i.test(benchmark) ||
    /^cyberseceval2_(instruct|autocomplete)$/i.test(benchmark) ||
    (outside01 && isRate && within100)
  ) {
    m.unit = "percent";
    m.ceiling = 100;
    m.original_unit = "0..100";
    m.normalisation = "none: kept on the source's 0..100 scale";
  } else if (/^machiavelli-/i.test(benchmark) || outside01 || NOT_PROPORTIONS.has(info?.label ?? "")) {
    m.unit = "score";
    m.normalisation = "none: raw points or counts, no fixed scale";
  } else {
    m.ceiling = 1;
  }
  return m;
}

export interface SafetywashingOptions extends ParseOptions {
  /** Text of `benchmarks_info.csv`; without it, units are inferred and every direction is unknown. */
  benchmarksInfo?: string | Uint8Array;
}

export function parseSafetywashing(input: string | Uint8Array, opts: SafetywashingOptions = {}): ParseResult {
  const result = emptyResult("safetywashing-csv");
  const table = readCsv(decodeText(input, opts.fileName));
  result.errors.push(...table.errors);
  if (table.header.length === 0) return result;
  const col = columnIndex(table.header);
  if (!col.has("model")) {
    throw new IngestError(
      "UNSUPPORTED_FORMAT",
      fileLabel(opts.fileName),
      'is not a Safetywashing table: no "model" column',
    );
  }
  const info =
    opts.benchmarksInfo === undefined
      ? null
      : readSafetywashingInfo(opts.benchmarksInfo, "benchmarks_info.csv");
  if (!info)
    result.notes?.push(
      "no benchmarks_info.csv given: metric directions unknown (higher_is_riskier left undefined)",
    );

  const benchmarks = table.header.filter((h) => !MODEL_COLUMNS.has(h));
  const observed = new Map<string, number[]>(benchmarks.map((b) => [b, []]));
  const models = new ModelSet();
  let skipped = 0;

  for (const { row, cells } of table.rows) {
    const model = cellAt(cells, col.get("model")).trim();
    const source = { row, ...(opts.fileName === undefined ? {} : { file: opts.fileName }) };
    if (model === "") {
      result.errors.push({ row, field: "model", message: "model is empty" });
      continue;
    }
    const m: ParsedModel = { name: model, source };
    const display = textOrNull(cellAt(cells, col.get("name")));
    if (display) m.display_name = display;
    const size = readNumber(cellAt(cells, col.get("model_size")));
    if (size.kind === "ok") m.params_b = size.value / 1e9;
    const flop = readNumber(cellAt(cells, col.get("FLOP")));
    if (col.has("FLOP")) m.training_flop = flop.kind === "ok" ? flop.value : null;
    models.add(m);

    for (const b of benchmarks) {
      const r = readNumber(cellAt(cells, col.get(b)));
      if (r.kind === "empty") {
        skipped++;
        continue;
      }
      if (r.kind === "bad") {
        result.errors.push({ row, field: b, message: `${b} ${r.message}` });
        continue;
      }
      observed.get(b)?.push(r.value);
      result.scores.push({
        model,
        metric: metricId("safetywashing", b),
        value: r.value,
        stderr: null,
        elicitation: null,
        evaluated_at: null,
        source: { ...source },
      });
    }
  }

  result.metrics = benchmarks.map((b) => safetywashingMetric(b, info?.get(b), observed.get(b) ?? []));
  if (info) {
    const undocumented = benchmarks.filter((b) => !info.has(b));
    if (undocumented.length > 0)
      result.notes?.push(`columns missing from benchmarks_info.csv: ${undocumented.join(", ")}`);
    const unknown = result.metrics.filter((m) => m.higher_is_riskier === undefined).length;
    result.notes?.push(
      `${unknown} of ${result.metrics.length} metrics: the metadata states which way is better but not whether ` +
        "higher is riskier; higher_is_riskier left undefined",
    );
  }
  result.models = models.list();
  result.skipped = skipped + table.blankRows;
  return result;
}

/** `benchmarks_info.csv` on its own: the metric descriptions, no scores. */
export function parseSafetywashingInfo(input: string | Uint8Array, opts: ParseOptions = {}): ParseResult {
  const result = emptyResult("safetywashing-info-csv");
  const info = readSafetywashingInfo(input, opts.fileName);
  for (const entry of info.values()) {
    if (MODEL_COLUMNS.has(entry.benchmark)) continue;
    result.metrics.push(safetywashingMetric(entry.benchmark, entry, []));
  }
  result.notes?.push(
    "metric descriptions only; units are confirmed when a score table is parsed with this file",
  );
  return result;
}
