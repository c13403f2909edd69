import { parse } from "csv-parse/sync";
import type { CsvError, Options } from "csv-parse/sync";
import type { RowError } from "./types";

export interface CsvRow {
  /** 1-based data row: the header is row 0, blank lines are not counted. */
  row: number;
  cells: string[];
}

export interface CsvTable {
  /** Trimmed column names; empty when the file has no header at all. */
  header: string[];
  rows: CsvRow[];
  errors: RowError[];
  /** Rows whose every cell is empty (spreadsheet exports write them); not errors. */
  blankRows: number;
}

/**
 * Options shared by the whole-file reader and the streaming one. Accepts a UTF-8 BOM, CRLF or LF
 * (even mixed), and quoted cells spanning lines (Epoch's "Training compute notes").
 */
export function csvOptions(): Options {
  return {
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
    record_delimiter: ["\r\n", "\n", "\r"],
    skip_records_with_error: true,
  };
}

/** Reads a whole CSV text. Never throws: syntax errors and ragged rows become RowErrors. */
export function readCsv(text: string): CsvTable {
  const table = new CsvRecordChecker();
  const rows: CsvRow[] = [];
  const errors: RowError[] = [];
  parse(text, {
    ...csvOptions(),
    on_record: (record: string[]) => {
      const out = table.add(record);
      if (out?.kind === "row") rows.push(out.row);
      else if (out?.kind === "error") errors.push(out.error);
      return null;
    },
    on_skip: (err: CsvError | undefined) => {
      if (err) errors.push(csvSyntaxError(err));
      return undefined;
    },
  });
  errors.push(...table.headerErrors);
  errors.sort((a, b) => a.row - b.row);
  if (table.header === null) errors.unshift({ row: 0, message: "file is empty" });
  return { header: table.header ?? [], rows, errors, blankRows: table.blankRows };
}

export function csvSyntaxError(err: { records?: unknown; message: string }): RowError {
  // `records` counts the header too, so it is the 1-based data row of the record that failed.
  const records = typeof err.records === "number" ? err.records : 0;
  return { row: Math.max(records, 0), message: `CSV syntax error: ${err.message}` };
}

export type CheckedRecord = { kind: "row"; row: CsvRow } | { kind: "error"; error: RowError };

/**
 * Turns raw records into a header and checked rows, one record at a time, holding nothing but the
 * header: the whole-file reader and the streaming one share it.
 */
export class CsvRecordChecker {
  header: string[] | null = null;
  headerErrors: RowError[] = [];
  blankRows = 0;
  private nextRow = 1;

  /** Data rows seen so far, blank and ragged ones included. */
  get rowsSeen(): number {
    return this.nextRow - 1;
  }

  /** The checked row, an error for a ragged row, or null for the header and blank rows. */
  add(cells: string[]): CheckedRecord | null {
    if (this.header === null) {
      this.header = cells.map((c) => c.trim());
      this.checkHeader(this.header);
      return null;
    }
    const row = this.nextRow++;
    if (cells.every((c) => c.trim() === "")) {
      this.blankRows++;
      return null;
    }
    if (cells.length !== this.header.length) {
      return {
        kind: "error",
        error: { row, message: `has ${cells.length} cells but the header has ${this.header.length} columns` },
      };
    }
    return { kind: "row", row: { row, cells } };
  }

  private checkHeader(header: string[]): void {
    const seen = new Set<string>();
    header.forEach((name, i) => {
      if (name === "")
        this.headerErrors.push({ row: 0, message: `column ${i + 1} of the header has no name` });
      else if (seen.has(name)) {
        this.headerErrors.push({
          row: 0,
          field: name,
          message: `column "${name}" appears twice in the header`,
        });
      }
      seen.add(name);
    });
  }
}

/** Column name -> index. */
export function columnIndex(header: string[]): Map<string, number> {
  return new Map(header.map((name, i) => [name, i]));
}

export function cellAt(cells: string[], index: number | undefined): string {
  return index === undefined ? "" : (cells[index] ?? "");
}
