import { GenericCsvRows } from "./generic-csv-rows";
import { readCsv } from "./read-csv";
import { emptyResult } from "./result";
import { decodeText } from "./text";
import type { ParseOptions, ParseResult } from "./types";

/**
 * Generic score table: `model,metric,value[,stderr,n,mitigation,elicitation,evaluated_at,source]`.
 * For files too large to hold in memory use `streamGenericCsv`, which gives the same rows.
 */
export function parseGenericCsv(input: string | Uint8Array, opts: ParseOptions = {}): ParseResult {
  const result = emptyResult("generic-csv");
  const table = readCsv(decodeText(input, opts.fileName));
  result.errors.push(...table.errors);
  result.skipped = table.blankRows;
  if (table.header.length === 0) return result;

  const rows = new GenericCsvRows(table.header, opts.fileName);
  result.notes?.push(...rows.notes);
  if (!rows.usable) {
    result.errors.unshift(...rows.headerErrors);
    return result;
  }
  for (const row of table.rows) {
    const out = rows.read(row);
    if (out.score) result.scores.push(out.score);
    result.errors.push(...out.errors);
  }
  result.errors.sort((a, b) => a.row - b.row);
  return result;
}
