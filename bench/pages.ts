import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { openDb } from "@/db";
import { importFile } from "@/db/ingest";
import { syncShippedPolicies } from "@/db/policies";
import { createFirstAdmin, createToken } from "@/db/users";
import { generateInputs, loadShipped } from "./engine";

const OUT = path.join(process.cwd(), "bench", "out");
const PORT = Number(process.env.BENCH_PORT ?? 3900);

/** 2,000 synthetic models (labelled so) × 40 scores, imported through the ordinary import path. */
async function buildDatabase(file: string, models: number): Promise<{ loaded: string; token: string }> {
  for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
  const inputs = generateInputs(loadShipped(), models, 11);
  const rows = ["model,metric,value,stderr,n,mitigation,elicitation,evaluated_at,source"];
  const seen = new Set<string>();
  for (const i of inputs) {
    for (const s of i.scores) {
      if (s.metric.startsWith("synthetic.")) continue;
      const key = `${i.model.id},${s.metric},${s.mitigation},${s.elicitation},${s.evaluated_at},${s.value}`;
      if (seen.has(key)) continue;
      seen.add(key);
      rows.push(
        `${i.model.id},${s.metric},${s.value},${s.stderr ?? ""},${s.n ?? ""},${s.mitigation},${s.elicitation},${s.evaluated_at},synthetic-bench`,
      );
    }
    // keep 40 scores a model: the rest are metrics no policy reads
    for (let k = 0; k < 40 - i.scores.filter((s) => !s.metric.startsWith("synthetic.")).length; k++) {
      rows.push(
        `${i.model.id},synthetic.other-${k},${(k % 10) / 10},,,pre,default,2025-01-01,synthetic-bench`,
      );
    }
  }
  const csv = path.join(OUT, "pages-bench.csv");
  writeFileSync(csv, rows.join("\n") + "\n");
  const db = openDb(file);
  syncShippedPolicies(db);
  const r = importFile(
    db,
    { name: csv, bytes: Buffer.from(rows.join("\n") + "\n") },
    { actor: "bench", acceptNewModels: true, synthetic: true },
  );
  // Pages redirect to /setup until an account exists; then a viewer token authenticates every request.
  await createFirstAdmin(db, {
    email: "bench-admin@example.org",
    name: "Bench admin",
    password: "bench-password-not-secret-1",
  });
  // Pages and the API need credentials: a viewer token, sent as a bearer header on every request.
  const { token } = createToken(db, { name: "bench", role: "viewer", scopes: [], expiresAt: null }, "bench");
  db.$client.close();
  return { loaded: `${r.inserted} scores for ${models} models`, token };
}

const AUTH: Record<string, string> = {};

async function waitFor(url: string, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      const r = await fetch(url, { headers: AUTH });
      if (r.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((res) => setTimeout(res, 250));
  }
  throw new Error(`server did not answer ${url} within ${ms} ms`);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function measure(url: string, n: number): Promise<{ p50: number; p95: number; status: number }> {
  const times: number[] = [];
  let status = 0;
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const r = await fetch(url, { headers: AUTH, redirect: "manual" });
    await r.arrayBuffer();
    times.push(performance.now() - t0);
    status = r.status;
  }
  times.sort((a, b) => a - b);
  return { p50: +percentile(times, 50).toFixed(1), p95: +percentile(times, 95).toFixed(1), status };
}

/** Overview and model pages and their API calls against the production server, 200 requests each. */
export async function benchPages(models = 2000, requests = 200): Promise<Record<string, string | number>> {
  mkdirSync(OUT, { recursive: true });
  const dbFile = path.join(OUT, "pages-bench.db");
  const { loaded, token } = await buildDatabase(dbFile, models);
  AUTH.authorization = `Bearer ${token}`;
  // Always a fresh production build: an older .next would measure older code.
  const b = spawnSync("npx", ["next", "build"], { stdio: ["ignore", "ignore", "inherit"] });
  if (b.status !== 0) throw new Error("next build failed");
  const server = spawn("npx", ["next", "start", "-p", String(PORT), "-H", "127.0.0.1"], {
    env: { ...process.env, DATABASE_URL: dbFile, NODE_ENV: "production" },
    stdio: "ignore",
    detached: true,
  });
  const base = `http://127.0.0.1:${PORT}`;
  try {
    await waitFor(`${base}/api/v1/openapi.json`, 60_000);
    const model = "synthetic-model-1234";
    const policy = "anthropic-rsp-v2-2";
    const targets: [string, string][] = [
      ["page /", `${base}/`],
      [`page /models/${model}`, `${base}/models/${model}?policy=${policy}`],
      ["api /api/v1/models", `${base}/api/v1/models`],
      ["api /api/v1/evaluations?model&policy", `${base}/api/v1/evaluations?model=${model}&policy=${policy}`],
      ["api /api/v1/models/{id}/scores", `${base}/api/v1/models/${model}/scores`],
    ];
    const out: Record<string, string | number> = { data: loaded, requests };
    for (const [label, url] of targets) {
      await measure(url, 5); // warm: the first request computes the evaluation snapshot
      const m = await measure(url, requests);
      out[`${label} (HTTP ${m.status})`] = `p50 ${m.p50} ms, p95 ${m.p95} ms`;
    }
    out.targets = "API p95 < 150 ms, page HTML p95 < 400 ms";
    return out;
  } finally {
    try {
      process.kill(-server.pid!, "SIGTERM");
    } catch {
      server.kill("SIGTERM");
    }
  }
}
