import type { ParsedModel, RowError } from "./types";
import { readIsoDate, readNumber } from "./values";

export const MODEL_COLUMNS = [
  "model",
  "name",
  "family",
  "developer",
  "release_date",
  "params_b",
  "active_params_b",
  "training_tokens",
  "training_flop",
] as const;

const NUMERIC = ["params_b", "active_params_b", "training_tokens", "training_flop"] as const;

/** Validates one model-metadata record; every bad field is named, and a bad record yields no model. */
export function validateModelRow(
  rec: Record<string, unknown>,
  row: number,
  fileName?: string,
): { model: ParsedModel | null; errors: RowError[] } {
  const errors: RowError[] = [];
  const bad = (field: string, message: string) => errors.push({ row, field, message: `${field} ${message}` });

  const name = typeof rec.model === "string" ? rec.model.trim() : "";
  if (name === "") bad("model", "is required");

  const source: ParsedModel["source"] = { row };
  if (fileName !== undefined) source.file = fileName;
  const model: ParsedModel = { name, source };

  for (const key of ["name", "family", "developer"] as const) {
    const v = rec[key];
    if (v === undefined || v === null || v === "") continue;
    if (typeof v !== "string") bad(key, "must be a string");
    else if (v.trim() !== "") {
      if (key === "name") model.display_name = v.trim();
      else model[key] = v.trim();
    }
  }

  const d = readIsoDate(rec.release_date);
  if (d.kind === "bad") bad("release_date", d.message);
  else if (d.kind === "ok") model.release_date = d.value;

  for (const key of NUMERIC) {
    const r = readNumber(rec[key]);
    if (r.kind === "bad") bad(key, r.message);
    else if (r.kind === "ok") {
      if (r.value < 0) bad(key, `must not be negative, got ${r.value}`);
      else model[key] = r.value;
    }
  }
  return errors.length > 0 ? { model: null, errors } : { model, errors };
}
