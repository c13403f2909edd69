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
  /** cell index of each known column, -1 when the header lacks it */
  private readonly at: Record<(typeof GENERIC_SCORE_COLUMNS)[number], number>;

  constructor(
    header: string[],
    private readonly fileName?: string,
  ) {
    header.forEach((name, i) => this.index.set(name.toLowerCase(), i));
    this.at = Object.fromEntries(
      GENERIC_SCORE_COLUMNS.map((col) => [col, this.index.get(col) ?? -1]),
    ) as Record<(typeof GENERIC_SCORE_COLUMNS)[number], number>;
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
    // One object shape for every row (a column the header lacks is undefined, as before).
    const c = row.cells;
    const at = this.at;
    const rec = {
      model: cell(c, at.model),
      metric: cell(c, at.metric),
      value: cell(c, at.value),
      stderr: cell(c, at.stderr),
      n: cell(c, at.n),
      mitigation: cell(c, at.mitigation),
      elicitation: cell(c, at.elicitation),
      evaluated_at: cell(c, at.evaluated_at),
      source: cell(c, at.source),
    };
    const out = validateScoreRow(rec, row.row, this.fileName);
    if (out.score) {
      const dup = this.duplicates.check(out.score, row.row);
      if (dup) return { score: null, errors: [dup] };
    }
    return out;
  }
}

function cell(cells: string[], i: number): string | undefined {
  return i < 0 ? undefined : (cells[i] ?? "");
}
