import { Worker } from "node:worker_threads";
import type { ScoreColumns } from "./score-columns";
import type { StreamOptions, StreamSummary } from "./stream-generic-csv";
import type { RowError } from "./types";

/** A batch of `streamGenericCsv`, its scores as columns. */
export interface ColumnBatch {
  columns: ScoreColumns;
  errors: RowError[];
  /** Data rows read so far in the whole stream (blank rows included). */
  rowsRead: number;
}

export type ToParser =
  | { type: "chunk"; data: Uint8Array | string }
  | { type: "end" }
  /** the parent has taken one batch */
  | { type: "taken" };

export type FromParser =
  /** the parser can take this many more chunks */
  | { type: "credit"; chunks: number }
  | { type: "batch"; batch: ColumnBatch }
  | { type: "done"; summary: StreamSummary }
  | { type: "failed"; message: string };

const WORKER = new URL("./generic-csv-worker.mjs", import.meta.url);
/** chunks read but not yet handed to the worker */
const READ_AHEAD = 4;

/**
 * `streamGenericCsv` in a worker thread, so that parsing the next rows overlaps inserting the last
 * ones: the same batches, errors and summary, the scores as columns. This thread reads the input and
 * hands it over chunk by chunk (so a caller hashing or counting the bytes as they are read still
 * can); the worker sends batches back. At most a few chunks and a few batches are in flight, so
 * memory stays bounded whatever the file's size. Stopping early (return or throw from the consumer)
 * stops the worker and closes the input.
 */
export async function* streamGenericCsvInWorker(
  input: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>,
  opts: StreamOptions = {},
): AsyncGenerator<ColumnBatch, StreamSummary, undefined> {
  const worker = new Worker(WORKER, {
    // Larger batches than streamGenericCsv's default: each is sorted for the index (see indexOrder).
    // A small first one lets the inserting thread start while the worker reads on.
    workerData: {
      fileName: opts.fileName,
      batchSize: opts.batchSize ?? 20_000,
      firstBatchSize: opts.firstBatchSize ?? 2_000,
    } satisfies StreamOptions,
    // The parser holds one small key per row and a few batches: a cap keeps its heap collected.
    resourceLimits: { maxOldGenerationSizeMb: 160 },
  });
  const source = Symbol.asyncIterator in input ? input[Symbol.asyncIterator]() : input[Symbol.iterator]();
  const inbox: FromParser[] = [];
  let failure: unknown = null;
  let finished = false;
  let wake: (() => void) | null = null;
  const poke = () => {
    const w = wake;
    wake = null;
    w?.();
  };

  // Input is read ahead of the worker's credits from the first call on, as streamGenericCsv reads
  // it: a stream with a "data" listener (the CLI hashes the file that way) flows and drops what
  // nobody reads while the worker starts.
  let credits = 0;
  const ahead: (Uint8Array | string)[] = [];
  let reading = false;
  let inputDone = false;
  let endSent = false;
  const send = (m: ToParser, transfer: ArrayBuffer[] = []) => worker.postMessage(m, transfer);
  const handOver = () => {
    while (credits > 0 && ahead.length > 0) {
      credits--;
      const chunk = ahead.shift()!;
      if (typeof chunk === "string") send({ type: "chunk", data: chunk });
      else {
        // A copy of exactly the chunk's bytes, moved to the worker (a Buffer may view a larger pool).
        const copy = new Uint8Array(chunk);
        send({ type: "chunk", data: copy }, [copy.buffer]);
      }
    }
    if (inputDone && ahead.length === 0 && !endSent) {
      endSent = true;
      send({ type: "end" });
    }
  };
  /** Reads up to READ_AHEAD chunks not yet handed over; runs between the consumer's batches. */
  const readAhead = async () => {
    if (reading) return;
    reading = true;
    try {
      while (ahead.length < READ_AHEAD && !inputDone && failure === null) {
        const next = await source.next();
        if (next.done) inputDone = true;
        else ahead.push(next.value);
        handOver();
      }
    } catch (e) {
      failure ??= e;
      poke();
    } finally {
      reading = false;
    }
  };
  void readAhead();

  worker.on("message", (m: FromParser) => {
    if (m.type === "credit") {
      credits += m.chunks;
      handOver();
      void readAhead();
      return;
    }
    inbox.push(m);
    poke();
  });
  worker.on("error", (e) => {
    failure ??= e;
    poke();
  });
  worker.on("exit", (code) => {
    if (!finished) failure ??= new Error(`the CSV parsing thread stopped early (exit code ${code})`);
    poke();
  });

  try {
    for (;;) {
      while (inbox.length === 0 && failure === null) {
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      }
      const m = inbox.shift();
      if (m === undefined) throw failure;
      if (m.type === "failed") throw new Error(m.message);
      if (m.type === "done") {
        finished = true;
        return m.summary;
      }
      if (m.type === "batch") {
        yield m.batch;
        send({ type: "taken" });
        // Let the input and the worker's messages in between two batches.
        void readAhead();
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    }
  } finally {
    finished = true;
    await worker.terminate();
    if (!inputDone) await source.return?.();
  }
}
