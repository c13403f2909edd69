/** Run as its own process so its peak RSS is the import's alone: prints one JSON line. */
import { createReadStream } from "node:fs";
import { openDb } from "@/db";
import { importGenericCsvStream } from "@/db/ingest";
import { streamGenericCsvInWorker } from "@/lib/ingest/stream-generic-csv-worker";

const [dbFile, csvFile] = process.argv.slice(2);
if (!dbFile || !csvFile) throw new Error("usage: ingest-child <db> <csv>");
const db = openDb(dbFile);
const t0 = performance.now();
const report = await importGenericCsvStream(
  db,
  { name: csvFile, chunks: createReadStream(csvFile, { highWaterMark: 1 << 20 }), sha256: () => "bench" },
  // The CLI's path: parsing in a worker thread, inserting on this one.
  { actor: "bench", acceptNewModels: true, synthetic: true, parser: streamGenericCsvInWorker },
);
const ms = performance.now() - t0;
console.log(
  JSON.stringify({
    ms,
    inserted: report.inserted,
    rejected: report.rejected.length,
    status: report.status,
    maxRssKb: process.resourceUsage().maxRSS,
  }),
);
