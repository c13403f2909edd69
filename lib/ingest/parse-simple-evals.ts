import { IngestError, fileLabel } from "./errors";
import { splitElicitation } from "./model-names";
import { emptyResult } from "./result";
import { decodeText, parseJsonText } from "./text";
import type { ParsedMetric, ParseOptions, ParseResult } from "./types";
import { isRecord, metricId, readNumber } from "./values";

/**
 * openai/simple-evals style summary JSON: a flat object `{ "score": x, "score:std": s,
 * "<metric>": y, "<metric>:std": t }`. `:std` is the standard deviation over samples, not a
 * standard error, and the sample count is not in the file, so no stderr is derived; the std is
 * kept in the note. Neither the model nor the eval is in the content: they come from the options or
 * from a runner file name `[<eval>_]<model>_temp<t>_<YYYYMMDD>_<HHMMSS>.json`.
 */

export interface SimpleEvalsOptions extends ParseOptions {
  model?: string;
  /** Eval name (e.g. "gpqa"); part of the metric id. */
  evalName?: string;
}

const RUNNER_NAME = /^(?<stem>.+?)_temp(?<temp>[\d.]+)_(?<date>\d{8})_(?<time>\d{6})$/;

export function parseSimpleEvals(input: string | Uint8Array, opts: SimpleEvalsOptions = {}): ParseResult {
  const file = fileLabel(opts.fileName);
  const doc = parseJsonText(decodeText(input, opts.fileName), opts.fileName);
  if (!isRecord(doc) || readNumber(doc.score).kind !== "ok") {
    throw new IngestError("UNSUPPORTED_FORMAT", file, 'is not a simple-evals summary: no numeric "score"');
  }
  const result = emptyResult("simple-evals-json");
  const base = (opts.fileName ?? "").replace(/^.*[\\/]/, "").replace(/\.json$/i, "");
  const named = RUNNER_NAME.exec(base)?.groups;
  const stem = named?.stem ?? base;
  // gpt-oss style runners write `<model>-<reasoning effort>`; simple-evals writes `<eval>_<model>`.
  const evalName = opts.evalName ?? (stem.includes("_") ? stem.slice(0, stem.indexOf("_")) : null);
  const rawModel = opts.model ?? (stem.includes("_") ? stem.slice(stem.indexOf("_") + 1) : stem);
  if (rawModel.trim() === "") {
    result.errors.push({
      row: 0,
      field: "model",
      message: "no model: pass options.model or use a runner file name",
    });
    return result;
  }
  const effort = /^(.*)-(minimal|low|medium|high)$/.exec(rawModel);
  const { model, elicitation: suffix } = effort
    ? { model: effort[1] ?? rawModel, elicitation: effort[2] ?? null }
    : splitElicitation(rawModel);
  const elicitation =
    [suffix, named?.temp ? `temperature=${named.temp}` : null].filter((s) => s !== null).join("; ") || null;
  const d = named?.date;
  const evaluatedAt = d ? `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}` : null;
  if (evalName === null) {
    result.notes?.push(
      'the eval name is not in the file or its name: metric ids use "simple-evals.<metric>"',
    );
  }

  for (const [key, raw] of Object.entries(doc)) {
    if (key.endsWith(":std")) continue;
    const v = readNumber(raw);
    if (v.kind !== "ok") {
      result.errors.push({
        row: 0,
        field: key,
        message: `${key} ${v.kind === "empty" ? "is empty" : v.message}`,
      });
      continue;
    }
    const id = evalName === null ? metricId("simple-evals", key) : metricId("simple-evals", evalName, key);
    const std = readNumber(doc[`${key}:std`]);
    const note = [std.kind === "ok" ? `${key}:std (sample standard deviation) ${std.value}` : null]
      .filter(Boolean)
      .join("; ");
    const source: ParseResult["scores"][number]["source"] =
      opts.fileName === undefined ? {} : { file: opts.fileName };
    if (note !== "") source.note = note;
    result.scores.push({
      model,
      metric: id,
      value: v.value,
      stderr: null,
      elicitation,
      evaluated_at: evaluatedAt,
      source,
    });
    const metric: ParsedMetric = { id, title: key, unit: key === "score" ? "fraction" : "score" };
    if (key === "score") metric.ceiling = 1;
    result.metrics.push(metric);
  }
  result.models.push({ name: model, source: opts.fileName === undefined ? {} : { file: opts.fileName } });
  return result;
}
