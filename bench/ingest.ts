import { spawnSync } from "node:child_process";
import { createWriteStream, mkdirSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { once } from "node:events";
import { mulberry32 } from "./random";

const OUT = path.join(process.cwd(), "bench", "out");

/** A synthetic (labelled) generic CSV: every row a distinct score. */
async function writeCsv(file: string, rows: number): Promise<void> {
  const rand = mulberry32(7);
  const out = createWriteStream(file);
  out.write("model,metric,value,stderr,n,mitigation,elicitation,evaluated_at,source\n");
  let buf = "";
  for (let i = 0; i < rows; i++) {
    const model = `synthetic-model-${i % 2000}`;
    const metric = `synthetic.metric-${Math.floor(i / 2000) % 500}`;
    buf += `${model},${metric},${rand().toFixed(6)},${(rand() * 0.05).toFixed(4)},${100 + (i % 400)},${i % 5 === 0 ? "post" : "pre"},run-${Math.floor(i / 1_000_000)},2025-0${1 + (i % 9)}-15,synthetic-bench\n`;
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await once(out, "drain");
      buf = "";
    }
  }
  out.write(buf);
  out.end();
  await once(out, "finish");
}

export async function benchIngest(rows = 1_000_000): Promise<Record<string, string | number>> {
  mkdirSync(OUT, { recursive: true });
  const csv = path.join(OUT, `generic-${rows}.csv`);
  await writeCsv(csv, rows);
  const db = path.join(OUT, "ingest-bench.db");
  for (const f of [db, `${db}-wal`, `${db}-shm`]) rmSync(f, { force: true });

  const child = spawnSync(
    process.execPath,
    ["--import", "tsx", path.join("bench", "ingest-child.ts"), db, csv],
    {
      encoding: "utf8",
      maxBuffer: 1 << 20,
    },
  );
  if (child.status !== 0) throw new Error(`ingest child failed: ${child.stderr}`);
  const r = JSON.parse(child.stdout.trim().split("\n").pop()!) as {
    ms: number;
    inserted: number;
    status: string;
    maxRssKb: number;
  };

  const plain = path.join(OUT, "sqlite3-import.db");
  rmSync(plain, { force: true });
  const t0 = performance.now();
  const sq = spawnSync("sqlite3", [plain, ".mode csv", `.import ${csv} scores`], { encoding: "utf8" });
  const sqMs = performance.now() - t0;
  const sqlite3 = sq.status === 0 ? sqMs : null;

  const ours = r.inserted / (r.ms / 1000);
  const theirs = sqlite3 ? rows / (sqlite3 / 1000) : null;
  return {
    rows,
    "file MB": +(statSync(csv).size / 1e6).toFixed(1),
    "scalegate ingest status": `${r.status}, ${r.inserted} inserted`,
    "scalegate rows/s": Math.round(ours),
    "scalegate peak RSS (MB)": Math.round(r.maxRssKb / 1024),
    "sqlite3 .import rows/s": theirs
      ? Math.round(theirs)
      : `sqlite3 CLI unavailable: ${sq.error?.message ?? sq.stderr}`,
    "ratio (scalegate / sqlite3)": theirs ? +(ours / theirs).toFixed(2) : "n/a",
    target: "ratio ≥ 0.3, peak RSS < 512 MB",
  };
}
