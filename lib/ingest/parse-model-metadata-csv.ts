import { readCsv } from "./read-csv";
import { emptyResult } from "./result";
import { decodeText } from "./text";
import type { ParseOptions, ParseResult } from "./types";
import { MODEL_COLUMNS, validateModelRow } from "./validate-model-row";

/**
 * Model metadata table:
 * `model,name,family,developer,release_date,params_b,active_params_b,training_tokens,training_flop`.
 * `model` is the raw name scores refer to; `name` is a display name. Only `model` is required.
 */
export function parseModelMetadataCsv(input: string | Uint8Array, opts: ParseOptions = {}): ParseResult {
  const result = emptyResult("model-metadata-csv");
  const table = readCsv(decodeText(input, opts.fileName));
  result.errors.push(...table.errors);
  result.skipped = table.blankRows;
  if (table.header.length === 0) return result;

  const index = new Map(table.header.map((h, i) => [h.toLowerCase(), i]));
  if (!index.has("model")) {
    result.errors.unshift({ row: 0, field: "model", message: 'missing required column "model"' });
    return result;
  }
  const known = new Set<string>(MODEL_COLUMNS);
  const extra = table.header.filter((h) => !known.has(h.toLowerCase()));
  if (extra.length > 0) result.notes?.push(`ignored unknown columns: ${extra.join(", ")}`);

  const firstRow = new Map<string, number>();
  for (const row of table.rows) {
    const rec: Record<string, string> = {};
    for (const col of MODEL_COLUMNS) {
      const i = index.get(col);
      if (i !== undefined) rec[col] = row.cells[i] ?? "";
    }
    const out = validateModelRow(rec, row.row, opts.fileName);
    result.errors.push(...out.errors);
    if (!out.model) continue;
    const earlier = firstRow.get(out.model.name);
    if (earlier !== undefined) {
      result.errors.push({
        row: row.row,
        field: "model",
        message: `model "${out.model.name}" is already described in row ${earlier}`,
      });
      continue;
    }
    firstRow.set(out.model.name, row.row);
    result.models.push(out.model);
  }
  result.errors.sort((a, b) => a.row - b.row);
  return result;
}
