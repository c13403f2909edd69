import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { openDb } from "@/db";
import { seedDemo } from "@/db/seed";
import { listPublishedPolicies } from "@/db/policies";
import { policyProjections } from "@/db/projections";
import { getSnapshot } from "@/db/snapshot";

/** Every projection of the demo database (all policy leaves, 1,000 bootstrap resamples each), cold and cached. */
export function benchProjections(): Record<string, string | number> {
  const dir = path.join(process.cwd(), "bench", "out");
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, "projections-bench.db");
  for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
  const db = openDb(file);
  seedDemo(db);
  getSnapshot(db); // the evaluations are the dashboard's, computed once per data version
  const policies = listPublishedPolicies(db).map((p) => p.policy.id);
  let leaves = 0;
  const t0 = performance.now();
  for (const id of policies)
    leaves += policyProjections(db, id, { resamples: 1000, plannedFlop: 1e27 }).leaves.length;
  const cold = performance.now() - t0;
  const t1 = performance.now();
  for (const id of policies) policyProjections(db, id, { resamples: 1000, plannedFlop: 1e27 });
  const cached = performance.now() - t1;
  return {
    policies: policies.length,
    "threshold leaves": leaves,
    "all projections, 1000 resamples (ms)": Math.round(cold),
    "same again, cached by input hash (ms)": +cached.toFixed(1),
    target: "< 2,000 ms",
  };
}
