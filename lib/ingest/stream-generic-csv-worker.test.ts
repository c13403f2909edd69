import { createReadStream, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { normaliseModelId } from "./model-names";
import { unpackScores } from "./score-columns";
import { streamGenericCsv } from "./stream-generic-csv";
import type { ScoreBatch } from "./stream-generic-csv";
import { chunks, drain, SAMPLE_LINES } from "./stream-test-kit";
import { streamGenericCsvInWorker } from "./stream-generic-csv-worker";
import type { ColumnBatch } from "./stream-generic-csv-worker";

const SAMPLE = [...SAMPLE_LINES, "M1,a.b,0.1,,,post,,,"].join("\r\n");

describe("streamGenericCsvInWorker", () => {
  it("gives the scores, errors and summary of streamGenericCsv", async () => {
    const bytes = new TextEncoder().encode(SAMPLE);
    const inline = await drain<ScoreBatch>(streamGenericCsv(chunks(bytes, 7), { fileName: "s.csv" }));
    const worker = await drain<ColumnBatch>(
      streamGenericCsvInWorker(chunks(bytes, 7), { fileName: "s.csv" }),
    );
    expect(worker.batches.flatMap((b) => unpackScores(b.columns))).toEqual(
      inline.batches.flatMap((b) => b.scores),
    );
    expect(worker.batches.flatMap((b) => b.errors)).toEqual(inline.batches.flatMap((b) => b.errors));
    expect(worker.summary).toEqual(inline.summary);
    expect(worker.summary).toMatchObject({ rows: 7, scores: 3, errors: 4 });
  });

  it("sorts each batch by model and metric, keeping the file's order within them", async () => {
    const lines = ["model,metric,value"];
    // Models and metrics cycle at different rates, so sorting moves nearly every row.
    for (let i = 1; i <= 30_000; i++) lines.push(`Model ${i % 7},bench.m${i % 11},${i / 1e5}`);
    const { batches, summary } = await drain<ColumnBatch>(
      streamGenericCsvInWorker([lines.join("\n")], { batchSize: 4000 }),
    );
    expect(summary).toMatchObject({ rows: 30_000, scores: 30_000, errors: 0 });
    // a small first batch (2,000 by default), then full ones
    expect(batches.map((b) => b.columns.length)).toEqual([2000, ...Array<number>(7).fill(4000)]);
    expect(batches.at(-1)?.rowsRead).toBe(30_000);
    for (const b of batches) {
      const rows = unpackScores(b.columns).map((s) => s.source.row!);
      const sorted = unpackScores(b.columns, true);
      // a permutation of the batch...
      expect(sorted.map((s) => s.source.row!).sort((x, y) => x - y)).toEqual(rows);
      // ...ascending by (model id, metric, row)
      const key = (s: (typeof sorted)[number]) =>
        [normaliseModelId(s.model), s.metric, s.source.row!] as const;
      for (let k = 1; k < sorted.length; k++) {
        const [am, ae, ar] = key(sorted[k - 1]!);
        const [bm, be, br] = key(sorted[k]!);
        expect(am < bm || (am === bm && (ae < be || (ae === be && ar < br)))).toBe(true);
      }
    }
  });

  it("reads a file stream that also has a 'data' listener (the CLI hashes the file so) to the end", async () => {
    const text = `model,metric,value\n${Array.from({ length: 5000 }, (_, i) => `m,a.b,${i}`).join("\n")}\n`;
    const dir = mkdtempSync(path.join(os.tmpdir(), "scalegate-worker-"));
    try {
      const file = path.join(dir, "s.csv");
      writeFileSync(file, text);
      const stream = createReadStream(file, { highWaterMark: 4096 });
      let seen = 0;
      stream.on("data", (c) => (seen += c.length));
      const { summary } = await drain<ColumnBatch>(streamGenericCsvInWorker(stream));
      expect(summary).toMatchObject({ rows: 5000, scores: 5000, errors: 0 });
      expect(seen).toBe(Buffer.byteLength(text));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("stops the worker and closes the input when the consumer stops early", async () => {
    const text = `model,metric,value\n${Array.from({ length: 100 }, (_, i) => `m,a.b,${i}`).join("\n")}\n`;
    const readable = Readable.from([Buffer.from(text.slice(0, 900)), Buffer.from(text.slice(900))]);
    let got = 0;
    for await (const b of streamGenericCsvInWorker(readable, { batchSize: 10 })) {
      got += b.columns.length;
      if (got >= 20) break;
    }
    expect(got).toBe(20);
    expect(readable.destroyed).toBe(true);
  });

  it("passes a failing input stream's error to the consumer", async () => {
    async function* broken() {
      yield "model,metric,value\nm,a.b,1\n";
      throw new Error("disk went away");
    }
    await expect(drain(streamGenericCsvInWorker(broken()))).rejects.toThrow("disk went away");
  });

  it("reports an unusable header as streamGenericCsv does", async () => {
    const { batches } = await drain<ColumnBatch>(streamGenericCsvInWorker(["model,value\nm,1\n"]));
    expect(batches.flatMap((b) => b.errors)).toEqual([
      { row: 0, field: "metric", message: 'missing required column "metric"' },
    ]);
  });
});
