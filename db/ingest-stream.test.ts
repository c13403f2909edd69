import { describe, expect, it } from "vitest";
import { streamGenericCsvInWorker } from "@/lib/ingest/stream-generic-csv-worker";
import { bytesOf, count, fingerprint, tempDbs } from "@/test/fixtures/db/helpers";
import type { TempDb } from "@/test/fixtures/db/helpers";
import { verifyAuditLog } from "./audit";
import { addAlias, importFile, importGenericCsvStream, rollbackBatch } from "./ingest";
import type { ImportOptions } from "./ingest";

/** The streamed import with its parser in a worker thread (the CLI's path) against the same on one thread. */

const ACTOR = "test:ingest-stream";

const temp = tempDbs();

async function* chunksOf(text: string, size: number) {
  const bytes = bytesOf(text);
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

function stream(t: TempDb, text: string, worker: boolean, opts: Partial<ImportOptions> = {}) {
  return importGenericCsvStream(
    t.db,
    { name: "big.csv", chunks: chunksOf(text, 4093), sha256: () => "sha-big" },
    // "Model 1" and "Model 11" look alike: these files mean them as distinct models.
    { actor: ACTOR, acceptNewModels: true, ...opts, ...(worker ? { parser: streamGenericCsvInWorker } : {}) },
  );
}

/** Every stored score, in id order, without the id itself. */
function stored(t: TempDb) {
  return t.db.$client
    .prepare(
      `SELECT model_id, metric_id, value, stderr, n, mitigation, elicitation, evaluated_at, source_file,
              source_row, source_url, source_note, batch_id FROM scores ORDER BY source_row, id`,
    )
    .all();
}

/** Scores whose id is below that of an earlier row of the same model, metric and batch. */
function outOfFileOrder(t: TempDb): unknown[] {
  return t.db.$client
    .prepare(
      `SELECT model_id, metric_id, source_row, previous_row FROM (
         SELECT model_id, metric_id, source_row,
                lag(source_row) OVER (PARTITION BY model_id, metric_id, batch_id ORDER BY id) AS previous_row
           FROM scores)
        WHERE previous_row > source_row`,
    )
    .all();
}

/** Models and metrics that cycle at different rates, so the parser's sorting moves nearly every row. */
function mixedCsv(rows: number, extra: (i: number) => string | null = () => null): string {
  const lines = ["model,metric,value,stderr,n,mitigation,elicitation,evaluated_at,source"];
  for (let i = 1; i <= rows; i++) {
    lines.push(
      extra(i) ??
        `Model ${i % 13},bench.m${i % 7},${(i % 997) / 1000},0.01,${i % 50},${i % 3 === 0 ? "post" : "pre"},run-${i % 2},2025-0${1 + (i % 9)}-01,https://example.org/${i % 5}`,
    );
  }
  return lines.join("\n") + "\n";
}

describe("a streamed import parsed in a worker thread", () => {
  it("stores what the one-thread import stores, keeping each model's scores per metric in file order", async () => {
    const text = mixedCsv(45_000);
    const a = temp();
    const b = temp();
    const one = await stream(a, text, false);
    const two = await stream(b, text, true);
    expect(two).toEqual(one);
    expect(two).toMatchObject({ status: "imported", duplicates: 0, rejected: [] });
    // 13 models × 7 metrics × 2 mitigations... : only distinct identities are new rows
    expect(two.inserted).toBe(count(b.db, "SELECT count(*) AS n FROM scores"));
    expect(stored(b)).toEqual(stored(a));
    // every score names its file and batch (the file is bound once per statement, not per row)
    expect(
      count(
        b.db,
        "SELECT count(*) AS n FROM scores WHERE source_file = 'big.csv' AND batch_id = ?",
        two.batch_id,
      ),
    ).toBe(two.inserted);
    expect(outOfFileOrder(b)).toEqual([]);
    // models are created in the order the file first names them
    expect(two.models_created.slice(0, 3)).toEqual(["model-1", "model-2", "model-3"]);
  });

  it("re-importing the same file changes nothing; rolling it back removes its scores", async () => {
    const t = temp();
    const text = mixedCsv(30_000);
    const first = await stream(t, text, true);
    expect(first.status).toBe("imported");
    const pre = fingerprint(t.db, t.file);

    const again = await stream(t, text, true);
    expect(again).toMatchObject({
      status: "unchanged",
      batch_id: null,
      inserted: 0,
      duplicates: first.inserted,
    });
    expect(fingerprint(t.db, t.file)).toEqual(pre);

    expect(rollbackBatch(t.db, first.batch_id!, ACTOR)).toEqual({
      batch_id: first.batch_id,
      removed: first.inserted,
    });
    expect(count(t.db, "SELECT count(*) AS n FROM scores")).toBe(0);
    expect(verifyAuditLog(t.db)).toMatchObject({ ok: true, count: 2 });
  });

  it("finds duplicates of scores a small import stored before", async () => {
    const t = temp();
    importFile(
      t.db,
      { name: "small.csv", bytes: bytesOf("model,metric,value\nModel 1,bench.m1,0.5\n") },
      { actor: ACTOR },
    );
    const r = await stream(t, "model,metric,value\nModel 1,bench.m1,0.5\nModel 1,bench.m1,0.6\n", true);
    expect(r).toMatchObject({ status: "imported", inserted: 1, duplicates: 1 });
  });

  it("keeps file order within a model when two raw names in one batch resolve to it", async () => {
    const t = temp();
    importFile(
      t.db,
      { name: "registry.csv", bytes: bytesOf("model,metric,value\nclaude-3,bench.a,0.1\n") },
      { actor: ACTOR },
    );
    // "Claude Three" sorts after "claude-3" by name but is the same model: the batch is sorted again.
    addAlias(t.db, "Claude Three", "claude-3", ACTOR);
    const text = mixedCsv(12_000, (i) =>
      i % 2 === 0 ? `${i % 4 === 0 ? "Claude Three" : "claude-3"},bench.b,${i / 1e5},,,,,,` : null,
    );
    const r = await stream(t, text, true);
    expect(r).toMatchObject({ status: "imported", rejected: [] });
    expect(r.models_created).not.toContain("claude-three");
    expect(
      count(t.db, "SELECT count(*) AS n FROM scores WHERE model_id = 'claude-3' AND metric_id = 'bench.b'"),
    ).toBe(6000);
    expect(outOfFileOrder(t)).toEqual([]);
  });

  it("rejects a file with a bad row whole, leaving the database as it was", async () => {
    const t = temp();
    importFile(
      t.db,
      { name: "before.csv", bytes: bytesOf("model,metric,value\nm,a.b,1\n") },
      { actor: ACTOR },
    );
    const pre = fingerprint(t.db, t.file);
    const text = mixedCsv(25_000, (i) => (i === 24_000 ? "Model 1,bench.m1,nan,,,,,," : null));
    const r = await stream(t, text, true);
    expect(r).toMatchObject({ status: "rejected", inserted: 0, batch_id: null });
    expect(r.rejected).toEqual([
      { row: 24_000, field: "value", message: 'value must be a finite number, got "nan"' },
    ]);
    expect(fingerprint(t.db, t.file)).toEqual(pre);

    const partial = await stream(t, text, true, { partial: true });
    expect(partial).toMatchObject({ status: "imported", rejected: [{ row: 24_000 }] });
  });
});
