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
  /** Scores in the first batch, so a consumer can start on it sooner. Default `batchSize`. */
  firstBatchSize?: number;
}

/** Where a stream's scores are collected between two batches. */
export interface ScoreCollector<T> {
  add(score: ParsedScore): void;
  readonly size: number;
  /** the scores collected since the last take */
  take(): T;
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
  let scores: ParsedScore[] = [];
  const collector: ScoreCollector<ParsedScore[]> = {
    add: (s) => void scores.push(s),
    get size() {
      return scores.length;
    },
    take: () => {
      const out = scores;
      scores = [];
      return out;
    },
  };
  return yield* streamGenericCsvInto(input, opts, collector);
}

/** `streamGenericCsv` with the batches' scores collected by `collector` (the worker's are columns). */
export async function* streamGenericCsvInto<T>(
  input: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>,
  opts: StreamOptions,
  collector: ScoreCollector<T>,
): AsyncGenerator<{ scores: T; errors: RowError[]; rowsRead: number }, StreamSummary, undefined> {
  const fullSize = Math.max(1, opts.batchSize ?? 5_000);
  let batchSize = Math.max(1, Math.min(opts.firstBatchSize ?? fullSize, fullSize));
  const pendingSyntax: RowError[] = [];
  const checker = new CsvRecordChecker();
  let rows: GenericCsvRows | null = null;
  const summary: StreamSummary = { rows: 0, scores: 0, errors: 0, skipped: 0, notes: [] };
  let errors: RowError[] = [];
  let stopped = false;
  /** batches completed by the last chunk, waiting to be yielded */
  const ready: { scores: T; errors: RowError[]; rowsRead: number }[] = [];

  const flush = () => {
    const out = { scores: collector.take(), errors, rowsRead: summary.rows };
    out.errors.push(...pendingSyntax.splice(0));
    summary.errors += out.errors.length;
    errors = [];
    batchSize = fullSize;
    return out;
  };

  // Each record is read as soon as the chunk yields it, so nothing of it outlives its row.
  const onRecord = (record: string[]) => {
    if (stopped) return;
    const checked = checker.add(record);
    if (rows === null && checker.header !== null) {
      rows = new GenericCsvRows(checker.header, opts.fileName);
      summary.notes.push(...rows.notes);
      errors.push(...checker.headerErrors);
      if (!rows.usable) {
        errors.push(...rows.headerErrors);
        stopped = true;
        ready.push(flush());
      }
      return;
    }
    summary.rows = checker.rowsSeen;
    if (checked === null) return;
    if (checked.kind === "error") errors.push(checked.error);
    else if (rows) {
      const out = rows.read(checked.row);
      if (out.score) {
        collector.add(out.score);
        summary.scores++;
      }
      if (out.errors.length > 0) errors.push(...out.errors);
    }
    if (collector.size >= batchSize) ready.push(flush());
  };
  const reader = new CsvRecordReader({ record: onRecord, syntaxError: (e) => pendingSyntax.push(e) });

  for await (const chunk of input) {
    reader.push(chunk);
    while (ready.length > 0) yield ready.shift()!;
    if (stopped) return summary;
  }
  reader.end();
  while (ready.length > 0) yield ready.shift()!;
  if (stopped) return summary;
  if (checker.header === null) errors.push({ row: 0, message: "file is empty" });
  summary.skipped = checker.blankRows;
  if (collector.size > 0 || errors.length > 0 || pendingSyntax.length > 0) yield flush();
  return summary;
}
