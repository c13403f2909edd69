import { rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDb, transaction } from "@/db";
import { recordAudit, verifyAuditLog } from "@/db/audit";
import { benchAudit } from "@/lib/audit/bench";

/** A payload the size of a typical sign-off record. */
function payload(i: number): unknown {
  return {
    model: `model-${i % 97}`,
    policy: { id: "anthropic-rsp-v3-4", version_id: 7 },
    outcome: i % 3 === 0 ? "approve" : "approve_with_conditions",
    rationale: "Evidence reviewed; safeguards attested and current. Re-run the cyber suite within 30 days.",
    scores: [0.41, 0.573, 0.129, i / 1000],
  };
}

/**
 * Issue 7's audit figures, on a real database file (WAL, synchronous=NORMAL, as the app opens it):
 * n entries appended through `recordAudit`, each in its own write transaction as a change records
 * it, then the whole chain read back and verified. The pure in-memory figures are printed beside them.
 */
export function benchAuditLog(n: number): Record<string, string | number> {
  const file = path.join(os.tmpdir(), `scalegate-bench-audit-${process.pid}.db`);
  try {
    const db = openDb(file);
    const t0 = performance.now();
    for (let i = 0; i < n; i++)
      transaction(db, (tx) =>
        recordAudit(tx, {
          actor: `reviewer-${i % 7}@example.org`,
          action: "signoff",
          subject: `model-${i % 97}`,
          payload: payload(i),
        }),
      );
    const t1 = performance.now();
    const result = verifyAuditLog(db);
    const t2 = performance.now();
    if (!result.ok || result.count !== n)
      throw new Error(`benchAuditLog: chain did not verify (${JSON.stringify(result)})`);
    db.$client.close();
    const memory = benchAudit(n);
    return {
      entries: n,
      "appends/s (one transaction each, on disk)": Math.round(n / ((t1 - t0) / 1000)),
      "append target": "≥ 5,000/s",
      "verify entries/s (read from the database)": Math.round(n / ((t2 - t1) / 1000)),
      "verify target": "≥ 100,000/s",
      "in-memory appends/s": memory.appendPerSec,
      "in-memory verify/s": memory.verifyPerSec,
    };
  } finally {
    for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
  }
}
