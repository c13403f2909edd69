import { isMap, isScalar, LineCounter, parseDocument } from "yaml";
import { IngestError, fileLabel } from "./errors";
import { emptyResult, MetricSet, ModelSet } from "./result";
import { decodeText } from "./text";
import type { DoublingTime, ParsedMetric, ParsedScore, ParseOptions, ParseResult } from "./types";
import { dateOrNull, isRecord, metricId, readNumber, versionSegment } from "./values";

/**
 * METR time-horizon results (`benchmark_results_*.yaml`): `results.<model key>.metrics` with
 * `p50_horizon_length` / `p80_horizon_length` in minutes (estimate, ci_low, ci_high) and
 * `average_score`, plus `release_date`, `scaffolds` and `benchmark_name` per model, and
 * `doubling_time_in_days` for the whole file.
 *
 * The suite version is part of the metric id (`metr.p50_horizon_minutes.v1-1`): the v1.1 file still
 * carries models measured on v1.0, and one model can score differently on the two. Model keys are
 * kept as written (underscores, hyphens, `_inspect` suffixes). A `null` in a scaffolds list is an
 * unnamed scaffold, not an error.
 */

const HORIZON_KEY = /^p(\d{1,2})_horizon_length$/;

export function parseMetr(input: string | Uint8Array, opts: ParseOptions = {}): ParseResult {
  const file = fileLabel(opts.fileName);
  const text = decodeText(input, opts.fileName);
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    throw new IngestError("CORRUPT", file, `is not valid YAML (${doc.errors[0]?.message ?? "parse error"})`);
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    throw new IngestError(
      "CORRUPT",
      file,
      `cannot be read as YAML data (${e instanceof Error ? e.message : String(e)})`,
    );
  }
  if (!isRecord(data) || !isRecord(data.results)) {
    throw new IngestError(
      "UNSUPPORTED_FORMAT",
      file,
      'is not a METR benchmark results file: no "results" map',
    );
  }

  const lines = new Map<string, number>();
  const resultsNode = doc.get("results", true);
  if (isMap(resultsNode)) {
    for (const pair of resultsNode.items) {
      if (isScalar(pair.key) && pair.key.range) {
        lines.set(String(pair.key.value), lineCounter.linePos(pair.key.range[0]).line);
      }
    }
  }

  const result = emptyResult("metr-yaml");
  const fileVersion = suiteVersion(data.benchmark_name);
  const metrics = new MetricSet();
  const models = new ModelSet();
  let nullScaffolds = 0;

  for (const [key, entry] of Object.entries(data.results)) {
    const { model: modelName, elicitation } = metrModel(key);
    const row = lines.get(key);
    const source: ParsedScore["source"] = {};
    if (opts.fileName !== undefined) source.file = opts.fileName;
    if (row !== undefined) source.row = row;
    const at = row ?? 0;
    if (!isRecord(entry)) {
      result.errors.push({ row: at, field: `results.${key}`, message: `results.${key} is not a map` });
      continue;
    }
    const version = suiteVersion(entry.benchmark_name) ?? fileVersion;
    if (version === null) {
      result.errors.push({
        row: at,
        field: `results.${key}.benchmark_name`,
        message: "no suite version (benchmark_name)",
      });
      continue;
    }
    const scaffolds = Array.isArray(entry.scaffolds) ? entry.scaffolds : [];
    const named = scaffolds.filter((s): s is string => typeof s === "string" && s.trim() !== "");
    nullScaffolds += scaffolds.length - named.length;
    const note = [`results.${key}`, `suite ${String(entry.benchmark_name ?? data.benchmark_name)}`];
    if (scaffolds.length > 0) {
      note.push(`scaffolds: ${scaffolds.map((s) => (typeof s === "string" ? s : "(unnamed)")).join(" | ")}`);
    }
    source.note = note.join("; ");

    const release = dateOrNull(
      entry.release_date instanceof Date ? entry.release_date.toISOString() : entry.release_date,
    );
    models.add({ name: modelName, release_date: release, source: { ...source, note: `results.${key}` } });

    const m = isRecord(entry.metrics) ? entry.metrics : {};
    for (const [rawName, value] of Object.entries(m)) {
      const name = rawName.replace(/-/g, "_").toLowerCase();
      const horizon = HORIZON_KEY.exec(name);
      let metric: ParsedMetric | null = null;
      if (horizon) {
        const pct = horizon[1] ?? "50";
        metric = {
          id: metricId("metr", `p${pct}_horizon_minutes`, versionSegment(version)),
          title: `METR time horizon at ${pct}% success (suite ${version})`,
          domain: "autonomy",
          unit: "minutes",
          // METR's time horizon is an autonomy capability measure: the longer, the more capable.
          higher_is_riskier: true,
          continuity: "continuous",
          chance: 0,
          suite_version: version,
        };
      } else if (name === "average_score") {
        metric = {
          id: metricId("metr", "average_score", versionSegment(version)),
          title: `METR task suite average score (suite ${version})`,
          domain: "autonomy",
          unit: "fraction",
          higher_is_riskier: true,
          continuity: "continuous",
          ceiling: 1,
          suite_version: version,
        };
      }
      if (metric === null || !isRecord(value)) continue;
      const field = `results.${key}.metrics.${rawName}`;
      const est = readNumber(value.estimate);
      if (est.kind !== "ok") {
        result.errors.push({
          row: at,
          field: `${field}.estimate`,
          message: `${field}.estimate ${est.kind === "empty" ? "is missing" : est.message}`,
        });
        continue;
      }
      const lo = readNumber(value.ci_low);
      const hi = readNumber(value.ci_high);
      const score: ParsedScore = {
        model: modelName,
        metric: metric.id,
        value: est.value,
        stderr: null,
        elicitation,
        evaluated_at: null,
        source: { ...source },
      };
      if (lo.kind === "ok") score.ci_low = lo.value;
      if (hi.kind === "ok") score.ci_high = hi.value;
      result.scores.push(score);
      metrics.add(metric);
    }
  }

  result.doubling_times = doublingTimes(data.doubling_time_in_days, fileVersion);
  for (const d of result.doubling_times) {
    const ci = d.ci_low != null && d.ci_high != null ? ` [${d.ci_low}, ${d.ci_high}]` : "";
    result.notes?.push(`doubling time of ${d.metric} (${d.period}): ${d.days} days${ci}`);
  }
  if (nullScaffolds > 0)
    result.notes?.push(`${nullScaffolds} unnamed (null) scaffold entries kept as "(unnamed)"`);
  result.notes?.push(...models.conflicts);
  result.metrics = metrics.list();
  result.models = models.list();
  return result;
}

/** "METR-Horizon-v1.1" -> "1.1". */
function suiteVersion(name: unknown): string | null {
  if (typeof name !== "string") return null;
  const m = /v?(\d+(?:\.\d+)*)\s*$/i.exec(name.trim());
  return m?.[1] ?? null;
}

function doublingTimes(raw: unknown, version: string | null): DoublingTime[] {
  if (!isRecord(raw) || version === null) return [];
  const out: DoublingTime[] = [];
  for (const [period, v] of Object.entries(raw)) {
    if (!isRecord(v)) continue;
    const est = readNumber(v.point_estimate);
    if (est.kind !== "ok") continue;
    const lo = readNumber(v.ci_low);
    const hi = readNumber(v.ci_high);
    out.push({
      // METR fits its doubling time to the 50%-success horizon.
      metric: metricId("metr", "p50_horizon_minutes", versionSegment(version)),
      period,
      days: est.value,
      ci_low: lo.kind === "ok" ? lo.value : null,
      ci_high: hi.kind === "ok" ? hi.value : null,
    });
  }
  return out;
}

/**
 * METR keys end in `_inspect` when the run used the Inspect scaffold: that is how the model was
 * elicited, not a different model (`claude_3_7_sonnet_inspect` is Claude 3.7 Sonnet).
 */
export function metrModel(key: string): { model: string; elicitation: string | null } {
  const m = /^(.+?)_inspect$/.exec(key);
  return m && m[1] ? { model: m[1], elicitation: "scaffold=inspect" } : { model: key, elicitation: null };
}
