import { CsvRecordReader } from "./csv-records";
import { GenericCsvRows } from "./generic-csv-rows";
import { CsvRecordChecker } from "./read-csv";
import type { ParsedScore, ParseOptions, RowError } from "./types";

export interface ScoreBatch {
  scores: ParsedScore[];
  errors: RowError[];
  /** Data rows read so far in the whole stream (blank rows included). */
  rowsRead: number;
}

export interface StreamSummary {
  rows: number;
  scores: number;
  errors: number;
  /** Blank rows skipped. */
  skipped: number;
  notes: string[];
}

export interface StreamOptions extends ParseOptions {
  /** Scores per yielded batch (errors ride along with the batch they occur in). Default 5,000. */
  batchSize?: number;
}

/**
 * The generic score CSV as a stream of validated batches, for files that must never be held in
 * memory whole (a million-row import). Backpressure is the consumer's pace: the next chunk of input
 * is read only when the generator is pulled. Memory held across batches is the duplicate index
 * (one short key per accepted row) and nothing else. Rows, numbering and error texts are those of
 * `parseGenericCsv`.
 */
export async function* streamGenericCsv(
  input: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>,
  opts: StreamOptions = {},
): AsyncGenerator<ScoreBatch, StreamSummary, undefined> {
  const batchSize = Math.max(1, opts.batchSize ?? 5_000);
  const records: string[][] = [];
  const pendingSyntax: RowError[] = [];
  const reader = new CsvRecordReader({
    record: (cells) => records.push(cells),
    syntaxError: (e) => pendingSyntax.push(e),
  });

  const checker = new CsvRecordChecker();
  let rows: GenericCsvRows | null = null;
  const summary: StreamSummary = { rows: 0, scores: 0, errors: 0, skipped: 0, notes: [] };
  let batch: ScoreBatch = { scores: [], errors: [], rowsRead: 0 };
  let stopped = false;

  const flush = (): ScoreBatch => {
    const out = batch;
    out.errors.push(...pendingSyntax.splice(0));
    out.rowsRead = summary.rows;
    summary.scores += out.scores.length;
    summary.errors += out.errors.length;
    batch = { scores: [], errors: [], rowsRead: 0 };
    return out;
  };

  /** Reads the records the last chunk completed, yielding every full batch. */
  async function* drain(): AsyncGenerator<ScoreBatch, void, undefined> {
    for (let i = 0; i < records.length; i++) {
      const record = records[i]!;
      const checked = checker.add(record);
      if (rows === null && checker.header !== null) {
        rows = new GenericCsvRows(checker.header, opts.fileName);
        summary.notes.push(...rows.notes);
        batch.errors.push(...checker.headerErrors);
        if (!rows.usable) {
          batch.errors.push(...rows.headerErrors);
          records.length = 0;
          stopped = true;
          yield flush();
          return;
        }
        continue;
      }
      summary.rows = checker.rowsSeen;
      if (checked === null) continue;
      if (checked.kind === "error") batch.errors.push(checked.error);
      else if (rows) {
        const out = rows.read(checked.row);
        if (out.score) batch.scores.push(out.score);
        if (out.errors.length > 0) batch.errors.push(...out.errors);
      }
      if (batch.scores.length >= batchSize) yield flush();
    }
    records.length = 0;
  }

  for await (const chunk of input) {
    reader.push(chunk);
    yield* drain();
    if (stopped) return summary;
  }
  reader.end();
  yield* drain();
  if (stopped) return summary;
  if (checker.header === null) batch.errors.push({ row: 0, message: "file is empty" });
  summary.skipped = checker.blankRows;
  if (batch.scores.length > 0 || batch.errors.length > 0 || pendingSyntax.length > 0) yield flush();
  return summary;
}
