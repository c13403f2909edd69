/**
 * The parsing half of `streamGenericCsvInWorker`, run in a worker thread: reads the chunks the
 * parent sends, posts validated batches as columns. Flow control keeps both sides bounded: the
 * parent sends a chunk only against a credit from here, and credits stop while the parent has
 * not yet taken MAX_UNTAKEN batches.
 */
import { parentPort, workerData } from "node:worker_threads";
import { normaliseModelId } from "./model-names";
import { columnBuffers, indexOrder, ScoreColumnsBuilder } from "./score-columns";
import { streamGenericCsvInto } from "./stream-generic-csv";
import type { StreamOptions } from "./stream-generic-csv";
import type { FromParser, ToParser } from "./stream-generic-csv-worker";

/** chunks the parent may have sent ahead of the parser */
const CREDITS = 4;
/** batches posted but not yet taken by the parent */
const MAX_UNTAKEN = 4;

const port = parentPort;
if (!port) throw new Error("generic-csv-worker runs as a worker thread");
const opts = workerData as StreamOptions;

const inbox: (Uint8Array | string | null)[] = [];
let untaken = 0;
let wake: (() => void) | null = null;
const wait = () =>
  new Promise<void>((resolve) => {
    wake = resolve;
  });

port.on("message", (m: ToParser) => {
  if (m.type === "chunk") inbox.push(m.data);
  else if (m.type === "end") inbox.push(null);
  else if (m.type === "taken") untaken--;
  const w = wake;
  wake = null;
  w?.();
});

const post = (m: FromParser, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);

async function* chunks(): AsyncGenerator<Uint8Array | string> {
  for (;;) {
    while (inbox.length === 0) await wait();
    const next = inbox.shift()!;
    if (next === null) return;
    yield next;
    // The chunk is parsed: one more may come, once the parent keeps up with the batches.
    while (untaken >= MAX_UNTAKEN) await wait();
    post({ type: "credit", chunks: 1 });
  }
}

try {
  post({ type: "credit", chunks: CREDITS });
  // Scores go straight into columns as they are read: a batch is a few typed arrays, not 20,000
  // objects that would live long enough to be copied into the old generation.
  const gen = streamGenericCsvInto(chunks(), opts, new ScoreColumnsBuilder(opts.batchSize ?? 5_000));
  for (;;) {
    const next = await gen.next();
    if (next.done) {
      post({ type: "done", summary: next.value });
      break;
    }
    const columns = next.value.scores;
    // Sorted here, off the inserting thread; model names by the id they most likely resolve to.
    columns.order = indexOrder(columns, (i) => normaliseModelId(columns.strings[i]!));
    untaken++;
    post(
      { type: "batch", batch: { columns, errors: next.value.errors, rowsRead: next.value.rowsRead } },
      columnBuffers(columns),
    );
  }
} catch (e) {
  post({ type: "failed", message: e instanceof Error ? e.message : String(e) });
}
port.close();
