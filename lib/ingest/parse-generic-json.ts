import { emptyResult } from "./result";
import { decodeText, parseJsonText } from "./text";
import type { ParseOptions, ParseResult } from "./types";
import { DuplicateTracker, GENERIC_SCORE_COLUMNS, validateScoreRow } from "./validate-score-row";
import { validateModelRow } from "./validate-model-row";
import { isRecord } from "./values";

/**
 * Generic scores as JSON: an array of score objects, or `{ "scores": [...], "models": [...] }`.
 * Score objects carry the generic CSV's fields; `row` in errors is the 1-based index in the array.
 */
export function parseGenericJson(input: string | Uint8Array, opts: ParseOptions = {}): ParseResult {
  const result = emptyResult("generic-json");
  const text = decodeText(input, opts.fileName);
  if (text.trim() === "") {
    result.errors.push({ row: 0, message: "file is empty" });
    return result;
  }
  const doc = parseJsonText(text, opts.fileName);
  let scores: unknown;
  let models: unknown;
  if (Array.isArray(doc)) scores = doc;
  else if (isRecord(doc) && (Array.isArray(doc.scores) || Array.isArray(doc.models))) {
    scores = doc.scores ?? [];
    models = doc.models;
  } else {
    result.errors.push({
      row: 0,
      message: 'expected an array of score objects or an object with a "scores" array',
    });
    return result;
  }
  if (!Array.isArray(scores)) {
    result.errors.push({ row: 0, field: "scores", message: "scores must be an array" });
    return result;
  }

  const known = new Set<string>(GENERIC_SCORE_COLUMNS);
  const unknownKeys = new Set<string>();
  const duplicates = new DuplicateTracker();
  scores.forEach((rec: unknown, i) => {
    const row = i + 1;
    if (!isRecord(rec)) {
      result.errors.push({ row, message: "must be an object with model, metric and value" });
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

  if (Array.isArray(models)) {
    const seen = new Map<string, number>();
    models.forEach((rec: unknown, i) => {
      const row = i + 1;
      if (!isRecord(rec)) {
        result.errors.push({ row, field: "models", message: "models entries must be objects" });
        return;
      }
      const out = validateModelRow(rec, row, opts.fileName);
      result.errors.push(...out.errors.map((e) => ({ ...e, field: `models.${e.field ?? ""}` })));
      if (!out.model) return;
      const earlier = seen.get(out.model.name);
      if (earlier !== undefined) {
        result.errors.push({
          row,
          field: "models.model",
          message: `model "${out.model.name}" is already described in entry ${earlier}`,
        });
        return;
      }
      seen.set(out.model.name, row);
      result.models.push(out.model);
    });
  }
  return result;
}
