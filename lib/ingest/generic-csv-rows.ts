import type { CsvRow } from "./read-csv";
import type { ParsedScore, RowError } from "./types";
import {
  DuplicateTracker,
  GENERIC_SCORE_COLUMNS,
  REQUIRED_SCORE_COLUMNS,
  validateScoreRow,
} from "./validate-score-row";

/**
 * Reads data rows of a generic score CSV once its header is known. Shared by the whole-file parser
 * and the streaming one so both give the same scores and the same errors for the same bytes.
 */
export class GenericCsvRows {
  readonly headerErrors: RowError[] = [];
  readonly notes: string[] = [];
  private readonly index = new Map<string, number>();
  private readonly duplicates = new DuplicateTracker();
  /** the known columns this header has, with their cell index */
  private readonly columns: [string, number][] = [];

  constructor(
    header: string[],
    private readonly fileName?: string,
  ) {
    header.forEach((name, i) => this.index.set(name.toLowerCase(), i));
    for (const col of GENERIC_SCORE_COLUMNS) {
      const i = this.index.get(col);
      if (i !== undefined) this.columns.push([col, i]);
    }
    for (const col of REQUIRED_SCORE_COLUMNS) {
      if (!this.index.has(col)) {
        this.headerErrors.push({ row: 0, field: col, message: `missing required column "${col}"` });
      }
    }
    const known = new Set<string>(GENERIC_SCORE_COLUMNS);
    const extra = header.filter((h) => !known.has(h.toLowerCase()));
    if (extra.length > 0) this.notes.push(`ignored unknown columns: ${extra.join(", ")}`);
  }

  get usable(): boolean {
    return this.headerErrors.length === 0;
  }

  read(row: CsvRow): { score: ParsedScore | null; errors: RowError[] } {
    const rec: Record<string, string> = {};
    const cells = row.cells;
    for (const [col, i] of this.columns) rec[col] = cells[i] ?? "";
    const out = validateScoreRow(rec, row.row, this.fileName);
    if (out.score) {
      const dup = this.duplicates.check(out.score, row.row);
      if (dup) return { score: null, errors: [dup] };
    }
    return out;
  }
}
