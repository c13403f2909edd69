import { parse } from "csv-parse/sync";
import { DomainError } from "@/lib/errors";
import type { ErrorIssue } from "@/lib/errors";
import type { CliIo } from "../../types";
import { UsageError } from "../../types";

export interface Table {
  header: string[];
  rows: Record<string, string>[];
}

export function readInput(io: CliIo, file: string): string {
  try {
    return io.readText(file);
  } catch {
    throw new DomainError("NOT_FOUND", `cannot read ${file}`);
  }
}

export function parseTable(text: string, file: string): Table {
  let records: string[][];
  try {
    records = parse(text, {
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
    }) as string[][];
  } catch (e) {
    throw new DomainError("VALIDATION", `${file}: not valid CSV: ${(e as Error).message}`);
  }
  const [header, ...body] = records;
  if (!header || header.length === 0) throw new DomainError("VALIDATION", `${file} is empty`);
  const rows = body.map((cells) => Object.fromEntries(header.map((h, i) => [h, cells[i] ?? ""])));
  return { header, rows };
}

export function requireColumn(table: Table, column: string, file: string): void {
  if (!table.header.includes(column))
    throw new DomainError(
      "VALIDATION",
      `${file}: no column "${column}" (columns: ${table.header.join(", ")})`,
    );
}

/** A number option: a positive or any finite value, else a usage error naming the flag. */
export function numberOption(
  value: string | undefined,
  flag: string,
  opts: { positive?: boolean } = {},
): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === "" || !Number.isFinite(n) || (opts.positive && !(n > 0)))
    throw new UsageError(`${flag} must be a ${opts.positive ? "positive " : ""}number, got "${value}"`);
  return n;
}

export interface XyPoint {
  id: string;
  /** log10 FLOP */
  x: number;
  y: number;
}

/**
 * Rows → (log10 FLOP, score) points. An empty x or y skips the row (counted); a value that is there
 * but is not a number (or a FLOP that is not positive) is invalid input, reported by row.
 */
export function xyPoints(
  table: Table,
  file: string,
  cols: { x: string; y: string; id: string },
  xScale: number,
): { points: XyPoint[]; skipped: number } {
  for (const c of [cols.x, cols.y, cols.id]) requireColumn(table, c, file);
  const points: XyPoint[] = [];
  const issues: ErrorIssue[] = [];
  let skipped = 0;
  table.rows.forEach((row, i) => {
    const rawX = row[cols.x] ?? "";
    const rawY = row[cols.y] ?? "";
    if (rawX === "" || rawY === "") {
      skipped++;
      return;
    }
    const x = Number(rawX) * xScale;
    const y = Number(rawY);
    const where = `${file}:${i + 2}`;
    if (!Number.isFinite(x) || !(x > 0))
      issues.push({ path: where, message: `${cols.x} "${rawX}" is not a positive FLOP count` });
    else if (!Number.isFinite(y))
      issues.push({ path: where, message: `${cols.y} "${rawY}" is not a number` });
    else points.push({ id: row[cols.id] || `row ${i + 2}`, x: Math.log10(x), y });
  });
  if (issues.length > 0)
    throw new DomainError("VALIDATION", `${file}: ${issues.length} invalid row(s)`, issues);
  return { points, skipped };
}

/** 3 significant digits, for summaries. */
export const fmt = (v: number | null | undefined, digits = 3): string =>
  v === null || v === undefined || !Number.isFinite(v) ? "—" : Number(v.toPrecision(digits)).toString();

export const flop = (log10: number | null): number | null => (log10 === null ? null : 10 ** log10);

/** The options every table-fitting command reads (backtest, project): one column pair and the sigmoid's ends. */
export const TABLE_FIT_OPTIONS = {
  input: { type: "string" },
  x: { type: "string" },
  y: { type: "string" },
  id: { type: "string" },
  floor: { type: "string" },
  ceiling: { type: "string" },
  "x-scale": { type: "string" },
  seed: { type: "string" },
  json: { type: "boolean" },
} as const;
