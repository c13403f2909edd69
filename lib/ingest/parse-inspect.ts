import { IngestError, fileLabel } from "./errors";
import { readZipEntries } from "./read-zip";
import { emptyResult, MetricSet } from "./result";
import { decodeText, parseJsonText } from "./text";
import type { ParsedScore, ParseOptions, ParseResult, ZipLimits } from "./types";
import { isRecord, metricId, readIsoDate, readNumber } from "./values";

/**
 * UK AISI Inspect logs. A `.json` log holds `eval`, `plan`, `results`, `stats` (and samples); a
 * `.eval` log is a ZIP of `header.json` (the same fields, without samples), `summaries.json`,
 * `reductions.json`, `samples/*.json` and `_journal/start.json`. A log still being written has no
 * header yet: its metadata is in `_journal/start.json` and per-sample scores in `reductions.json`.
 *
 * One score per scorer × metric in `results.scores[].metrics`. Inspect reports `stderr` as a
 * metric of its own; it is the standard error of the scorer's mean, so it is attached to the
 * scorer's mean-type metrics (accuracy, mean) and not imported as a score. Metric settings were
 * written under `options` by older writers and `params` by newer ones; both are read.
 */

const MEAN_METRICS = new Set(["accuracy", "mean"]);
const STDERR_METRIC = "stderr";

interface InspectContext {
  fileName?: string;
  format: "inspect-json" | "inspect-eval";
}

export function parseInspectJson(input: string | Uint8Array, opts: ParseOptions = {}): ParseResult {
  const doc = parseJsonText(decodeText(input, opts.fileName), opts.fileName);
  if (!isRecord(doc) || !isRecord(doc.eval)) {
    throw new IngestError(
      "UNSUPPORTED_FORMAT",
      fileLabel(opts.fileName),
      'is not an Inspect log: no "eval" object',
    );
  }
  const result = emptyResult("inspect-json");
  fromLog(doc, result, { fileName: opts.fileName, format: "inspect-json" });
  return result;
}

export interface InspectEvalOptions extends ParseOptions {
  limits?: ZipLimits;
}

const EVAL_ENTRIES = new Set(["header.json", "_journal/start.json", "reductions.json"]);

export function parseInspectEval(bytes: Uint8Array, opts: InspectEvalOptions = {}): ParseResult {
  const file = fileLabel(opts.fileName);
  const entries = readZipEntries(bytes, (name) => EVAL_ENTRIES.has(name), opts);
  const json = (name: string): unknown => {
    const data = entries.get(name);
    return data === undefined
      ? undefined
      : parseJsonText(decodeText(data, `${file}:${name}`), `${file}:${name}`);
  };
  const result = emptyResult("inspect-eval");
  const header = json("header.json");
  const ctx: InspectContext = { fileName: opts.fileName, format: "inspect-eval" };

  let log: Record<string, unknown>;
  if (isRecord(header) && isRecord(header.eval)) {
    log = header;
  } else {
    const start = json("_journal/start.json");
    if (!isRecord(start) || !isRecord(start.eval)) {
      throw new IngestError(
        "UNSUPPORTED_FORMAT",
        file,
        "is a ZIP but not an Inspect log: neither header.json nor _journal/start.json has an eval",
      );
    }
    log = start;
    result.notes?.push(
      "header.json is missing (log still being written?): metadata read from _journal/start.json",
    );
  }
  const hasResults = isRecord(log.results) && Array.isArray(log.results.scores);
  fromLog(log, result, ctx);
  if (!hasResults) fromReductions(json("reductions.json"), log, result, ctx);
  return result;
}

function evalInfo(log: Record<string, unknown>) {
  const ev = isRecord(log.eval) ? log.eval : {};
  const task = typeof ev.task === "string" && ev.task.trim() !== "" ? ev.task.trim() : "unknown-task";
  const model = typeof ev.model === "string" && ev.model.trim() !== "" ? ev.model.trim() : null;
  const created = readIsoDate(ev.created);
  const runId = typeof ev.run_id === "string" ? ev.run_id : null;
  return { task, model, evaluatedAt: created.kind === "ok" ? created.value : null, runId };
}

function baseSource(ctx: InspectContext, runId: string | null, row?: number): ParsedScore["source"] {
  const source: ParsedScore["source"] = {};
  if (ctx.fileName !== undefined) source.file = ctx.fileName;
  if (row !== undefined) source.row = row;
  if (runId) source.note = `inspect run ${runId}`;
  return source;
}

function fromLog(log: Record<string, unknown>, result: ParseResult, ctx: InspectContext): void {
  const info = evalInfo(log);
  const model = info.model;
  if (model === null) {
    result.errors.push({ row: 0, field: "eval.model", message: "eval.model is missing" });
    return;
  }
  result.models.push({ name: model, source: baseSource(ctx, null) });
  if (typeof log.status === "string" && log.status !== "success") {
    result.notes?.push(`log status is "${log.status}": scores may cover only part of the samples`);
  }
  const results = isRecord(log.results) ? log.results : null;
  if (!results || !Array.isArray(results.scores)) return;
  const metrics = new MetricSet();
  const completed = readNumber(results.completed_samples);

  results.scores.forEach((entry: unknown, i) => {
    const row = i + 1;
    if (!isRecord(entry) || !isRecord(entry.metrics)) {
      result.errors.push({ row, field: "results.scores", message: "score entry has no metrics object" });
      return;
    }
    const scorer = String(entry.name ?? entry.scorer ?? "score");
    const metricEntries = Object.entries(entry.metrics).filter(([, m]) => isRecord(m)) as [
      string,
      Record<string, unknown>,
    ][];
    const stderrEntry = metricEntries.find(([k, m]) => (m.name ?? k) === STDERR_METRIC);
    const se = stderrEntry ? readNumber(stderrEntry[1].value) : { kind: "empty" as const };
    const scored = readNumber(entry.scored_samples);
    const unscored = readNumber(entry.unscored_samples);
    const n = scored.kind === "ok" ? scored.value : completed.kind === "ok" ? completed.value : null;

    for (const [key, m] of metricEntries) {
      const name = String(m.name ?? key);
      if (name === STDERR_METRIC) continue;
      const field = `results.scores[${i}].metrics.${key}.value`;
      const v = readNumber(m.value);
      if (v.kind !== "ok") {
        result.errors.push({
          row,
          field,
          message: `${field} ${v.kind === "empty" ? "is missing" : v.message}`,
        });
        continue;
      }
      const id = metricId("inspect", info.task, scorer, name.replace(/^.*\//, ""));
      const source = baseSource(ctx, info.runId, row);
      const settings = isRecord(m.params) ? m.params : isRecord(m.options) ? m.options : {};
      const notes = [source.note];
      if (Object.keys(settings).length > 0) notes.push(`metric settings ${JSON.stringify(settings)}`);
      if (unscored.kind === "ok" && unscored.value > 0) notes.push(`${unscored.value} samples unscored`);
      const note = notes.filter((s) => s !== undefined).join("; ");
      if (note !== "") source.note = note;
      result.scores.push({
        model,
        metric: id,
        value: v.value,
        stderr: MEAN_METRICS.has(name) && se.kind === "ok" ? se.value : null,
        n,
        elicitation: null,
        evaluated_at: info.evaluatedAt,
        source,
      });
      metrics.add({
        id,
        title: `${info.task} / ${scorer} / ${name}`,
        unit: name === "accuracy" ? "fraction" : "score",
        ...(name === "accuracy" ? { ceiling: 1 } : {}),
      });
    }
  });
  result.metrics.push(...metrics.list());
}

/**
 * Scores of a log without results: the mean of each scorer's reduced sample values and its sample
 * standard error (ddof 1), which is what Inspect's accuracy/mean and stderr metrics compute.
 */
function fromReductions(
  reductions: unknown,
  log: Record<string, unknown>,
  result: ParseResult,
  ctx: InspectContext,
) {
  const info = evalInfo(log);
  const model = info.model;
  if (model === null) return;
  if (!Array.isArray(reductions)) {
    result.notes?.push("the log has no results and no reductions.json yet: no scores to import");
    return;
  }
  const declared = declaredMetrics(log);
  const metrics = new MetricSet();
  reductions.forEach((red: unknown, i) => {
    if (!isRecord(red) || !Array.isArray(red.samples)) return;
    const scorer = String(red.scorer ?? "score");
    const values: number[] = [];
    for (const s of red.samples) {
      const v = isRecord(s) ? readNumber(s.value) : { kind: "empty" as const };
      if (v.kind === "ok") values.push(v.value);
    }
    if (values.length === 0) return;
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const variance =
      values.length > 1 ? values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1) : 0;
    const stderr = Math.sqrt(variance / values.length);
    const names = (declared.get(scorer) ?? ["accuracy"]).filter((m) => MEAN_METRICS.has(m));
    for (const name of names) {
      const id = metricId("inspect", info.task, scorer, name);
      const source = baseSource(ctx, info.runId, i + 1);
      source.note = [source.note, "recomputed from reductions.json (no results in the log yet)"]
        .filter((s) => s !== undefined)
        .join("; ");
      result.scores.push({
        model,
        metric: id,
        value: mean,
        stderr,
        n: values.length,
        elicitation: null,
        evaluated_at: info.evaluatedAt,
        source,
      });
      metrics.add({
        id,
        title: `${info.task} / ${scorer} / ${name}`,
        unit: name === "accuracy" ? "fraction" : "score",
      });
    }
  });
  result.metrics.push(...metrics.list());
}

/** Scorer name -> metric names (without the `inspect_ai/` registry prefix) from `eval.scorers`. */
function declaredMetrics(log: Record<string, unknown>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const ev = isRecord(log.eval) ? log.eval : {};
  if (!Array.isArray(ev.scorers)) return out;
  for (const s of ev.scorers) {
    if (!isRecord(s) || typeof s.name !== "string" || !Array.isArray(s.metrics)) continue;
    const names = s.metrics
      .map((m: unknown) => (isRecord(m) && typeof m.name === "string" ? m.name.replace(/^.*\//, "") : null))
      .filter((m): m is string => m !== null);
    out.set(s.name, names);
  }
  return out;
}
