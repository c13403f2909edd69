import { spawn } from "node:child_process";
import { createWriteStream, existsSync, statSync } from "node:fs";
import path from "node:path";
import { once } from "node:events";
import { describe, expect, it } from "vitest";
import { openDb } from "@/db";
import { verifyAuditLog } from "@/db/audit";
import { importFile } from "@/db/ingest";
import { bytesOf, count, fingerprint, openTempDb, REPO_ROOT } from "@/test/fixtures/db/helpers";
import type { Fingerprint, TempDb } from "@/test/fixtures/db/helpers";

const TSX = path.join(REPO_ROOT, "node_modules", ".bin", "tsx");

/** A generic CSV past the CLI's 8 MiB streaming threshold: one model, one metric, distinct values. */
async function writeBigCsv(file: string, rows: number): Promise<void> {
  const out = createWriteStream(file);
  out.write("model,metric,value\n");
  for (let i = 0; i < rows; i += 10_000) {
    let chunk = "";
    for (let j = i; j < Math.min(rows, i + 10_000); j++) chunk += `sigkill-model,sigkill.metric,${j / 1e6}\n`;
    if (!out.write(chunk)) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Attempt {
  t: TempDb;
  big: string;
  pre: Fingerprint;
  signal: NodeJS.Signals | null;
  exitCode: number | null;
  walAtKill: number;
}

/**
 * Starts `tsx cli/main.ts --db <tmp> ingest <big.csv>` in its own process group (tsx runs the CLI in
 * a child node process), waits until the import has spilled pages into the WAL, i.e. is inserting
 * inside its open transaction, and SIGKILLs the whole group.
 */
async function killMidImport(rows: number): Promise<Attempt> {
  const t = openTempDb();
  importFile(
    t.db,
    { name: "before.csv", bytes: bytesOf("model,metric,value\nm-before,demo.a,0.5\n") },
    { actor: "t" },
  );
  const pre = fingerprint(t.db, t.file);
  // The child must find an empty WAL: closing the last connection checkpoints and removes it.
  t.db.$client.close();
  const big = path.join(t.dir, "big.csv");
  await writeBigCsv(big, rows);
  expect(statSync(big).size).toBeGreaterThan(8 * 1024 * 1024);

  const child = spawn(TSX, ["cli/main.ts", "--db", t.file, "ingest", big], {
    cwd: REPO_ROOT,
    detached: true,
    stdio: "ignore",
  });
  const exited = new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
    child.once("exit", (code, signal) => resolve([code, signal])),
  );
  let done = false;
  void exited.then(() => (done = true));
  const wal = `${t.file}-wal`;
  const size = () => (existsSync(wal) ? statSync(wal).size : 0);
  const deadline = Date.now() + 15_000;
  try {
    while (!done && size() === 0 && Date.now() < deadline) await sleep(10);
    const walAtKill = size();
    if (!done) process.kill(-child.pid!, "SIGKILL");
    const [exitCode, signal] = await exited;
    while (groupAlive(child.pid!)) await sleep(10);
    return { t, big, pre, signal, exitCode, walAtKill };
  } finally {
    if (groupAlive(child.pid!)) process.kill(-child.pid!, "SIGKILL");
  }
}

describe("a process killed mid-import", () => {
  it("leaves no batch, no scores, no models and an intact audit chain", { timeout: 90_000 }, async () => {
    let a: Attempt | null = null;
    // If the import finished before the kill landed, the test proves nothing: retry with a bigger file.
    for (let rows = 300_000; rows <= 2_400_000; rows *= 2) {
      const attempt = await killMidImport(rows);
      const db = openDb(attempt.t.file);
      attempt.t.db = db;
      const landed = count(db, "SELECT count(*) AS n FROM import_batches WHERE file_name = ?", attempt.big);
      if (attempt.signal === "SIGKILL" && landed === 0) {
        a = attempt;
        break;
      }
      attempt.t.dispose();
    }
    expect(a, "every attempt finished before it could be killed").not.toBeNull();
    const { t, pre, signal, walAtKill } = a!;
    try {
      expect(signal).toBe("SIGKILL");
      expect(walAtKill).toBeGreaterThan(0);
      expect(t.db.$client.prepare("SELECT file_name FROM import_batches").pluck().all()).toEqual([
        "before.csv",
      ]);
      expect(count(t.db, "SELECT count(*) AS n FROM scores")).toBe(1);
      expect(count(t.db, "SELECT count(*) AS n FROM models WHERE id = 'sigkill-model'")).toBe(0);
      expect(count(t.db, "SELECT count(*) AS n FROM metrics WHERE id = 'sigkill.metric'")).toBe(0);
      expect(verifyAuditLog(t.db)).toMatchObject({ ok: true, count: 1 });
      // nothing the killed transaction wrote survives: after recovery the file is the one before
      expect(fingerprint(t.db, t.file)).toEqual(pre);
    } finally {
      t.dispose();
    }
  });
});
