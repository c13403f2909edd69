import { IngestError, fileLabel } from "./errors";
import { emptyResult, MetricSet } from "./result";
import { decodeText, parseJsonText } from "./text";
import type { ParsedMetric, ParsedScore, ParseOptions, ParseResult } from "./types";
import { isRecord, metricId, readNumber } from "./values";

/**
 * EleutherAI lm-evaluation-harness results JSON.
 *  - v0.3 (legacy, e.g. Pythia's evals): `results{task:{acc, acc_stderr, acc_norm, ...}}`,
 *    `versions`, `config.model_args` a string `pretrained=EleutherAI/pythia-v1.1-12b,revision=...`.
 *  - v0.4+: `results{task:{"acc,none": x, "acc_stderr,none": y, alias}}` (metric,filter keys; a
 *    stderr may be "N/A"), `model_name`, `config.model_args` a string or an object, `n-shot`,
 *    `n-samples{task:{original, effective}}`, `higher_is_better`, `date` (unix seconds).
 * Metric id: `lm-eval.<task>.<metric>`, plus `.<filter>` when the filter is not "none". The task
 * version goes to `suite_version` of the metric.
 */

/** Metrics that are not proportions; everything else is a fraction when its values fit 0..1. */
const SCORE_METRICS = new Set([
  "ppl",
  "perplexity",
  "word_perplexity",
  "byte_perplexity",
  "bits_per_byte",
  "likelihood_difference",
]);
const LOWER_IS_BETTER = new Set([...SCORE_METRICS].filter((m) => m !== "likelihood_difference"));
const DISCONTINUOUS = new Set(["exact_match", "em"]);

export function parseLmEval(input: string | Uint8Array, opts: ParseOptions = {}): ParseResult {
  const file = fileLabel(opts.fileName);
  const doc = parseJsonText(decodeText(input, opts.fileName), opts.fileName);
  if (!isRecord(doc) || !isRecord(doc.results)) {
    throw new IngestError(
      "UNSUPPORTED_FORMAT",
      file,
      'is not an lm-evaluation-harness result: no "results" object',
    );
  }
  const result = emptyResult("lm-eval-harness");
  const config = isRecord(doc.config) ? doc.config : {};
  const args = modelArgs(config.model_args);
  const model =
    (typeof doc.model_name === "string" && doc.model_name.trim() !== "" ? doc.model_name.trim() : null) ??
    args.pretrained ??
    (typeof config.model === "string" ? config.model : null);
  if (model === null) {
    result.errors.push({
      row: 0,
      field: "config.model_args",
      message: "no model name (model_name or pretrained=...)",
    });
    return result;
  }
  const source0: ParsedScore["source"] = opts.fileName === undefined ? {} : { file: opts.fileName };
  const revisionNote = args.revision ? `revision=${args.revision}` : undefined;
  result.models.push({ name: model, source: { ...source0 } });

  const versions = isRecord(doc.versions) ? doc.versions : {};
  const nShot = isRecord(doc["n-shot"]) ? doc["n-shot"] : {};
  const nSamples = isRecord(doc["n-samples"]) ? doc["n-samples"] : {};
  const better = isRecord(doc.higher_is_better) ? doc.higher_is_better : {};
  const fewshot = readNumber(config.num_fewshot);
  const date = readNumber(doc.date);
  const evaluatedAt =
    date.kind === "ok" && date.value > 0 ? new Date(date.value * 1000).toISOString().slice(0, 10) : null;
  const isV04 = Object.values(doc.results).some(
    (t) => isRecord(t) && Object.keys(t).some((k) => k.includes(",")),
  );
  if (!isV04) result.notes?.push("lm-evaluation-harness v0.3 (legacy) layout");

  const metrics = new MetricSet();
  const observed = new Map<string, { metric: string; values: number[] }>();
  let skipped = 0;

  for (const [task, values] of Object.entries(doc.results)) {
    if (!isRecord(values)) continue;
    const shots = readNumber(nShot[task]);
    const shotCount = shots.kind === "ok" ? shots.value : fewshot.kind === "ok" ? fewshot.value : null;
    const samples = isRecord(nSamples[task])
      ? readNumber(nSamples[task].effective)
      : { kind: "empty" as const };
    const taskBetter = isRecord(better[task]) ? better[task] : {};
    const version = versions[task];

    for (const [key, raw] of Object.entries(values)) {
      if (key === "alias" || key === "name" || key === "sample_len" || key === "samples") continue;
      const [metric, filter] = isV04 ? splitKey(key) : [key, "none"];
      if (metric.endsWith("_stderr")) continue;
      const v = readNumber(raw);
      if (v.kind !== "ok") {
        skipped++;
        continue;
      }
      const seRaw = isV04 ? values[`${metric}_stderr,${filter}`] : values[`${metric}_stderr`];
      const se = readNumber(seRaw);
      const id =
        filter === "none" ? metricId("lm-eval", task, metric) : metricId("lm-eval", task, metric, filter);
      const source: ParsedScore["source"] = {
        ...source0,
        note: [`results.${task}.${key}`, revisionNote].filter(Boolean).join("; "),
      };
      result.scores.push({
        model,
        metric: id,
        value: v.value,
        stderr: se.kind === "ok" && se.value >= 0 ? se.value : null,
        n: samples.kind === "ok" ? samples.value : null,
        elicitation: shotCount === null ? null : `${shotCount}-shot`,
        evaluated_at: evaluatedAt,
        source,
      });
      const seen = observed.get(id) ?? { metric, values: [] };
      seen.values.push(v.value);
      observed.set(id, seen);
      const m: ParsedMetric = {
        id,
        title: `${task} ${metric}${filter === "none" ? "" : ` (${filter})`}`,
        unit: "score",
      };
      if (typeof taskBetter[metric] === "boolean") m.higher_is_better = taskBetter[metric];
      else if (LOWER_IS_BETTER.has(metric)) m.higher_is_better = false;
      if (DISCONTINUOUS.has(metric)) m.continuity = "discontinuous";
      if (typeof version === "number" || typeof version === "string") m.suite_version = String(version);
      metrics.add(m);
    }
  }

  for (const m of metrics.list()) {
    const seen = observed.get(m.id);
    if (seen && !SCORE_METRICS.has(seen.metric) && seen.values.every((x) => x >= 0 && x <= 1)) {
      m.unit = "fraction";
      m.ceiling = 1;
    }
    result.metrics.push(m);
  }
  result.skipped = skipped;
  if (result.scores.length === 0)
    result.errors.push({ row: 0, field: "results", message: "results has no numeric metrics" });
  return result;
}

function splitKey(key: string): [string, string] {
  const i = key.indexOf(",");
  return i < 0 ? [key, "none"] : [key.slice(0, i), key.slice(i + 1)];
}

/** `pretrained=EleutherAI/pythia-v1.1-12b,revision=step143000` or `{ pretrained: ... }`. */
function modelArgs(raw: unknown): { pretrained: string | null; revision: string | null } {
  const pick = (v: unknown) => (typeof v === "string" && v.trim() !== "" ? v.trim() : null);
  if (isRecord(raw))
    return { pretrained: pick(raw.pretrained) ?? pick(raw.model), revision: pick(raw.revision) };
  if (typeof raw !== "string") return { pretrained: null, revision: null };
  const kv = new Map<string, string>();
  for (const part of raw.split(",")) {
    const eq = part.indexOf("=");
    if (eq > 0) kv.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  return { pretrained: pick(kv.get("pretrained") ?? kv.get("model")), revision: pick(kv.get("revision")) };
}
