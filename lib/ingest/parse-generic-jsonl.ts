import { emptyResult } from "./result";
import { decodeText } from "./text";
import type { ParseOptions, ParseResult } from "./types";
import { DuplicateTracker, GENERIC_SCORE_COLUMNS, validateScoreRow } from "./validate-score-row";
import { isRecord } from "./values";

/** Generic scores as JSON Lines: one score object per line; `row` in errors is the line number. */
export function parseGenericJsonl(input: string | Uint8Array, opts: ParseOptions = {}): ParseResult {
  const result = emptyResult("generic-jsonl");
  const text = decodeText(input, opts.fileName);
  if (text.trim() === "") {
    result.errors.push({ row: 0, message: "file is empty" });
    return result;
  }
  const known = new Set<string>(GENERIC_SCORE_COLUMNS);
  const unknownKeys = new Set<string>();
  const duplicates = new DuplicateTracker();
  const lines = text.split(/\r?\n/);
  lines.forEach((line, i) => {
    const row = i + 1;
    if (line.trim() === "") return;
    let rec: unknown;
    try {
      rec = JSON.parse(line) as unknown;
    } catch (e) {
      result.errors.push({
        row,
        message: `line is not valid JSON (${e instanceof Error ? e.message : String(e)})`,
      });
      return;
    }
    if (!isRecord(rec)) {
      result.errors.push({ row, message: "line must be a JSON object with model, metric and value" });
      return;
    }
    for (const k of Object.keys(rec)) if (!known.has(k)) unknownKeys.add(k);
    const out = validateScoreRow(rec, row, opts.fileName);
    result.errors.push(...out.errors);
    if (!out.score) return;
    const dup = duplicates.check(out.score, row);
    if (dup) result.errors.push(dup);
    else result.scores.push(out.score);
  });
  if (unknownKeys.size > 0) result.notes?.push(`ignored unknown fields: ${[...unknownKeys].join(", ")}`);
  return result;
}
