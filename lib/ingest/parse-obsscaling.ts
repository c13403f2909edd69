import { IngestError, fileLabel } from "./errors";
import { cellAt, columnIndex, readCsv } from "./read-csv";
import { emptyResult, ModelSet } from "./result";
import { decodeText } from "./text";
import type { ParsedMetric, ParsedModel, ParseOptions, ParseResult } from "./types";
import { metricId, readNumber, textOrNull } from "./values";

/**
 * ObsScaling (Ruan, Maddison & Hashimoto 2024) evaluation tables, Apache-2.0.
 *  - `base_llm_benchmark_eval.csv`: Model, Model Family, Model Size (B), Pretraining Data Size (T),
 *    FLOPs (1E21), then benchmark accuracies on 0..1.
 *  - `base_llm_emergent_capability_eval.csv`: Model, then `<task>_<shots>_<metric>` columns where
 *    `exact_match` and `acc` are on 0..1 and `bleu` on 0..100.
 * Empty cells are gaps (not evaluated), never zeros: empty FLOPs become a null training_flop and
 * empty scores are skipped. FLOPs are converted from units of 1e21 to FLOP, tokens from T to count.
 */

const META_COLUMNS = new Set([
  "Model",
  "Model Family",
  "Model Size (B)",
  "Pretraining Data Size (T)",
  "FLOPs (1E21)",
]);

/** Random-guess floors of the multiple-choice benchmarks (4-way, or 2-way for Winograd-style). */
const CHANCE: Record<string, number> = {
  MMLU: 0.25,
  "ARC-C": 0.25,
  HellaSwag: 0.25,
  Winograd: 0.5,
  XWinograd: 0.5,
};

function metricFor(column: string, values: number[]): ParsedMetric {
  const id = metricId("obsscaling", column);
  if (/_bleu$/i.test(column)) {
    return {
      id,
      title: column,
      unit: "score",
      original_unit: "BLEU 0..100",
      normalisation: "none: kept on the source's 0..100 scale (the other columns are 0..1)",
      continuity: "continuous",
      chance: 0,
      ceiling: 100,
    };
  }
  const base: ParsedMetric = { id, title: column, unit: "fraction", ceiling: 1 };
  if (/_exact_match$/i.test(column)) base.continuity = "discontinuous";
  const chance = CHANCE[column];
  if (chance !== undefined) base.chance = chance;
  if (values.some((v) => v > 1)) {
    base.unit = "score";
    delete base.ceiling;
    base.normalisation = "values exceed 1: kept as a plain score";
  }
  return base;
}

export function parseObsScaling(input: string | Uint8Array, opts: ParseOptions = {}): ParseResult {
  const result = emptyResult("obsscaling-csv");
  const table = readCsv(decodeText(input, opts.fileName));
  result.errors.push(...table.errors);
  if (table.header.length === 0) return result;
  const col = columnIndex(table.header);
  if (!col.has("Model")) {
    throw new IngestError(
      "UNSUPPORTED_FORMAT",
      fileLabel(opts.fileName),
      'is not an ObsScaling table: no "Model" column',
    );
  }
  const scoreColumns = table.header.filter((h) => !META_COLUMNS.has(h));
  const hasMeta = table.header.some((h) => META_COLUMNS.has(h) && h !== "Model");
  const models = new ModelSet();
  const observed = new Map<string, number[]>(scoreColumns.map((c) => [c, []]));
  let skipped = 0;

  for (const { row, cells } of table.rows) {
    const model = cellAt(cells, col.get("Model")).trim();
    const source = { row, ...(opts.fileName === undefined ? {} : { file: opts.fileName }) };
    if (model === "") {
      result.errors.push({ row, field: "Model", message: "Model is empty" });
      continue;
    }
    if (hasMeta) {
      const m: ParsedModel = {
        name: model,
        source,
        family: textOrNull(cellAt(cells, col.get("Model Family"))),
      };
      const scaled = (
        column: string,
        factor: number,
        field: "params_b" | "training_tokens" | "training_flop",
      ) => {
        const r = readNumber(cellAt(cells, col.get(column)));
        if (r.kind === "bad") result.errors.push({ row, field: column, message: `${column} ${r.message}` });
        else if (col.has(column)) m[field] = r.kind === "ok" ? r.value * factor : null;
      };
      scaled("Model Size (B)", 1, "params_b");
      scaled("Pretraining Data Size (T)", 1e12, "training_tokens");
      scaled("FLOPs (1E21)", 1e21, "training_flop");
      models.add(m);
    }
    for (const column of scoreColumns) {
      const r = readNumber(cellAt(cells, col.get(column)));
      if (r.kind === "empty") {
        skipped++;
        continue;
      }
      if (r.kind === "bad") {
        result.errors.push({ row, field: column, message: `${column} ${r.message}` });
        continue;
      }
      observed.get(column)?.push(r.value);
      result.scores.push({
        model,
        metric: metricId("obsscaling", column),
        value: r.value,
        stderr: null,
        elicitation: null,
        evaluated_at: null,
        source: { ...source },
      });
    }
  }
  result.metrics = scoreColumns.map((c) => metricFor(c, observed.get(c) ?? []));
  result.models = models.list();
  const missingFlop = result.models.filter((m) => m.training_flop === null).length;
  if (hasMeta && missingFlop > 0)
    result.notes?.push(`${missingFlop} models have no FLOPs figure (training_flop null)`);
  result.skipped = skipped + table.blankRows;
  return result;
}
