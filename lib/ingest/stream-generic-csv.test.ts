import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { parseGenericCsv } from "./parse-generic-csv";
import { streamGenericCsv } from "./stream-generic-csv";
import type { ScoreBatch } from "./stream-generic-csv";
import { chunks, drain, SAMPLE_LINES } from "./stream-test-kit";

const SAMPLE = SAMPLE_LINES.join("\r\n");

describe("streamGenericCsv", () => {
  it.each([
    { label: "one chunk", size: 1 << 20 },
    { label: "7-byte chunks (splits UTF-8 and CRLF)", size: 7 },
    { label: "1-byte chunks", size: 1 },
  ])("gives the same scores and errors as parseGenericCsv: $label", async ({ size }) => {
    const bytes = new TextEncoder().encode(SAMPLE);
    const whole = parseGenericCsv(bytes, { fileName: "s.csv" });
    const { batches, summary } = await drain<ScoreBatch>(
      streamGenericCsv(chunks(bytes, size), { fileName: "s.csv" }),
    );
    const scores = batches.flatMap((b) => b.scores);
    const errors = batches.flatMap((b) => b.errors).sort((a, b) => a.row - b.row);
    expect(scores).toEqual(whole.scores);
    expect(errors).toEqual(whole.errors);
    expect(scores.map((s) => s.model)).toEqual(["clαude-Σ", "m3"]);
    expect(errors.map((e) => [e.row, e.field ?? null])).toEqual([
      [2, "value"],
      [4, "stderr"],
      [5, null],
      [6, null],
    ]);
    expect(summary).toEqual({ rows: 6, scores: 2, errors: 4, skipped: 0, notes: [] });
  });

  it("yields bounded batches over a large stream and keeps row numbers", async () => {
    const rows = 20_000;
    async function* source() {
      yield "model,metric,value\n";
      for (let i = 1; i <= rows; i++) yield `m${i % 7},bench.m${i % 11},${(i % 1000) / 1000}\n`;
    }
    let seen = 0;
    let maxBatch = 0;
    let last: ScoreBatch | undefined;
    const gen = streamGenericCsv(source(), { batchSize: 1000 });
    const { batches, summary } = await drain(gen);
    for (const b of batches) {
      seen += b.scores.length + b.errors.length;
      maxBatch = Math.max(maxBatch, b.scores.length);
      last = b;
    }
    expect(maxBatch).toBe(1000);
    expect(seen).toBe(rows);
    // m(i%7) × metric(i%11) × value(i%1000) repeats every 77,000 rows: no duplicates in 20,000.
    expect(summary.errors).toBe(0);
    expect(last?.rowsRead).toBe(rows);
    expect(last?.scores.at(-1)?.source.row).toBe(rows);
  });

  it("finds a duplicate far apart in the stream", async () => {
    const lines = ["model,metric,value"];
    for (let i = 1; i <= 5000; i++) lines.push(`m${i},a.b,1`);
    lines.push("m17,a.b,1");
    const { summary, batches } = await drain<ScoreBatch>(
      streamGenericCsv([lines.join("\n")], { batchSize: 100 }),
    );
    expect(summary.errors).toBe(1);
    expect(batches.flatMap((b) => b.errors)).toEqual([
      {
        row: 5001,
        message: "duplicate of row 17 (same model, metric, mitigation, elicitation, evaluated_at and value)",
      },
    ]);
  });

  it.each([
    { label: "empty stream", input: [] as string[], errors: [{ row: 0, message: "file is empty" }] },
    {
      label: "missing required column stops at the header",
      input: ["model,value\nm,1\n"],
      errors: [{ row: 0, field: "metric", message: 'missing required column "metric"' }],
    },
  ])("$label", async ({ input, errors }) => {
    const { batches } = await drain<ScoreBatch>(streamGenericCsv(input));
    expect(batches.flatMap((b) => b.errors)).toEqual(errors);
  });

  it("reads a Node Readable and stops cleanly when the consumer stops early", async () => {
    const text = `model,metric,value\n${Array.from({ length: 100 }, (_, i) => `m,a.b,${i}`).join("\n")}\n`;
    const readable = Readable.from([Buffer.from(text)]);
    let got = 0;
    for await (const b of streamGenericCsv(readable, { batchSize: 10 })) {
      got += b.scores.length;
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
    await expect(drain(streamGenericCsv(broken()))).rejects.toThrow("disk went away");
  });
});
