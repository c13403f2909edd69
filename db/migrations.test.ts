import { createHash } from "node:crypto";
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { afterEach, describe, expect, it } from "vitest";
import { toScore } from "@/app/api/v1/_lib/to-api";
import { bytesOf, removeTemp, REPO_ROOT, tempDir } from "@/test/fixtures/db/helpers";
import { openDb } from "./index";
import { importFile } from "./ingest";
import { listScores } from "./queries";

const MIGRATIONS = path.join(REPO_ROOT, "db", "migrations");

interface Journal {
  entries: { idx: number; tag: string }[];
}

/** A database as the first `upTo` migrations left it: what an existing install has on disk. */
function databaseAt(dir: string, upTo: number): string {
  const folder = path.join(dir, "migrations");
  mkdirSync(path.join(folder, "meta"), { recursive: true });
  const journal = JSON.parse(readFileSync(path.join(MIGRATIONS, "meta", "_journal.json"), "utf8")) as Journal;
  const entries = journal.entries.slice(0, upTo);
  for (const e of entries)
    copyFileSync(path.join(MIGRATIONS, `${e.tag}.sql`), path.join(folder, `${e.tag}.sql`));
  writeFileSync(path.join(folder, "meta", "_journal.json"), JSON.stringify({ ...journal, entries }));
  const file = path.join(dir, "scalegate.db");
  const sqlite = new Database(file);
  migrate(drizzle(sqlite), { migrationsFolder: folder });
  sqlite.close();
  return file;
}

/** Scores as the importer before migration 0002 wrote them: each with its content_hash stored. */
const OLD_SCORES = [
  {
    model: "m-old",
    metric: "demo.a",
    value: 0.5,
    stderr: 0.02,
    n: 40,
    mitigation: "pre",
    elicitation: null,
    date: "2025-01-15",
    row: 1,
  },
  {
    model: "m-old",
    metric: "demo.a",
    value: 0.25,
    stderr: null,
    n: null,
    mitigation: "post",
    elicitation: "pass@1",
    date: null,
    row: 2,
  },
  {
    model: "m-old",
    metric: "demo.b",
    value: 1,
    stderr: null,
    n: null,
    mitigation: "pre",
    elicitation: null,
    date: null,
    row: 3,
  },
];

let dirs: string[] = [];
afterEach(() => {
  for (const d of dirs) removeTemp(d);
  dirs = [];
});

describe("migration 0002 (scores_identity)", () => {
  it("upgrades a database made by the earlier migrations: scores kept, same content_hash, re-import deduplicated", () => {
    const dir = tempDir();
    dirs.push(dir);
    const file = databaseAt(dir, 2);

    const old = new Database(file);
    expect(
      old.prepare("SELECT name FROM sqlite_master WHERE name = 'scores_content_hash'").get(),
    ).toBeDefined();
    old.exec(`INSERT INTO models (id, name) VALUES ('m-old', 'm-old');
      INSERT INTO metrics (id, unit, source) VALUES ('demo.a', 'fraction', 'old.csv'), ('demo.b', 'score', 'old.csv');
      INSERT INTO import_batches (file_name, sha256, format, inserted, duplicates, rejected_count, created_by)
        VALUES ('old.csv', 'abc', 'generic-csv', 3, 0, 0, 'test');`);
    const insert = old.prepare(
      `INSERT INTO scores (model_id, metric_id, value, stderr, n, mitigation, elicitation, evaluated_at, source_file,
         source_row, batch_id, content_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'old.csv', ?, 1, ?)`,
    );
    const hashes: string[] = [];
    for (const s of OLD_SCORES) {
      // the importer's formula before 0002, spelled out so that a change to scoreContentHash shows here
      const hash = createHash("sha256")
        .update(
          `${s.model}\u0001${s.metric}\u0001${s.mitigation}\u0001${s.elicitation ?? ""}\u0001${s.date ?? ""}\u0001${s.value}\u0001${s.stderr ?? ""}\u0001${s.n ?? ""}`,
        )
        .digest("hex")
        .slice(0, 32);
      hashes.push(hash);
      insert.run(s.model, s.metric, s.value, s.stderr, s.n, s.mitigation, s.elicitation, s.date, s.row, hash);
    }
    old.close();

    const db = openDb(file);
    try {
      const indexes = db.$client
        .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'scores' ORDER BY name")
        .all();
      expect(indexes).toEqual([{ name: "scores_batch" }, { name: "scores_identity" }]);
      const columns = (db.$client.prepare("PRAGMA table_info(scores)").all() as { name: string }[]).map(
        (c) => c.name,
      );
      expect(columns).not.toContain("content_hash");

      const scores = listScores(db, "m-old");
      expect(scores.map((s) => [s.metricId, s.value, s.sourceRow])).toEqual([
        ["demo.a", 0.5, 1],
        ["demo.a", 0.25, 2],
        ["demo.b", 1, 3],
      ]);
      // the API serves the hash each score had when it was stored
      expect(scores.map((s) => toScore(s).content_hash)).toEqual(hashes);
      expect(hashes[0]).toMatch(/^[0-9a-f]{32}$/);

      // the same rows again are duplicates of the migrated ones; a new value is a new score
      const again = importFile(
        db,
        {
          name: "again.csv",
          bytes: bytesOf(
            "model,metric,value,stderr,n,mitigation,elicitation,evaluated_at\n" +
              "m-old,demo.a,0.5,0.02,40,pre,,2025-01-15\n" +
              "m-old,demo.a,0.25,,,post,pass@1,\n" +
              "m-old,demo.b,1,,,,,\n",
          ),
        },
        { actor: "test" },
      );
      expect(again).toMatchObject({ status: "unchanged", inserted: 0, duplicates: 3 });
      const more = importFile(
        db,
        { name: "more.csv", bytes: bytesOf("model,metric,value,stderr\nm-old,demo.a,0.5,0.03\n") },
        { actor: "test" },
      );
      expect(more).toMatchObject({ status: "imported", inserted: 1, duplicates: 0 });
    } finally {
      db.$client.close();
    }
  });

  it("treats a missing elicitation, date, stderr or n as one value, not as distinct NULLs", () => {
    const dir = tempDir();
    dirs.push(dir);
    const db = openDb(path.join(dir, "scalegate.db"));
    try {
      const csv = "model,metric,value\nm,demo.a,0.5\n";
      expect(importFile(db, { name: "a.csv", bytes: bytesOf(csv) }, { actor: "t" })).toMatchObject({
        inserted: 1,
      });
      expect(importFile(db, { name: "b.csv", bytes: bytesOf(csv) }, { actor: "t" })).toMatchObject({
        status: "unchanged",
        duplicates: 1,
      });
      const insert = db.$client.prepare(
        "INSERT INTO scores (model_id, metric_id, value, mitigation, batch_id) VALUES ('m', 'demo.a', 0.5, 'pre', 1)",
      );
      expect(() => insert.run()).toThrow(/UNIQUE constraint failed/);
    } finally {
      db.$client.close();
    }
  });
});
