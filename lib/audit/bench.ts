import { appendEntry, toStoredEntry, type AuditEntry } from "./chain";
import { verifyChain } from "./verify";

export interface AuditBench {
  /** entries appended (canonicalised + hashed) per second */
  appendPerSec: number;
  /** stored entries (payload as text, as the db returns them) verified per second */
  verifyPerSec: number;
}

const BASE_MS = Date.UTC(2025, 0, 1);

/** A payload the size of a typical sign-off record (~300 bytes of canonical JSON). */
function samplePayload(i: number): unknown {
  return {
    model: `model-${i % 97}`,
    policy: { id: "anthropic-rsp", version: 3 },
    decision: i % 3 === 0 ? "approve" : "approve_with_conditions",
    rationale:
      "Evidence reviewed; safeguards attested and current. Conditions: re-run cyber evals in 30 days.",
    levels: { cyber: "ASL-2", bio: "ASL-3", autonomy: "ASL-2" },
    scores: [0.41, 0.573, 0.129, i / 1000],
  };
}

function buildChain(n: number): AuditEntry[] {
  const entries: AuditEntry[] = [];
  let prev: AuditEntry | null = null;
  for (let i = 0; i < n; i++) {
    prev = appendEntry(prev, {
      at: new Date(BASE_MS + i * 1000).toISOString(),
      actor: `reviewer-${i % 7}@example.org`,
      action: "signoff",
      subject: `model-${i % 97}`,
      payload: samplePayload(i),
    });
    entries.push(prev);
  }
  return entries;
}

/**
 * In-memory append and verify throughput over a chain of n entries (pure; no I/O). A short untimed
 * warm-up first, so the numbers describe optimised code rather than the JIT's first pass.
 */
export function benchAudit(n: number): AuditBench {
  if (!Number.isSafeInteger(n) || n < 1) throw new RangeError("n must be a positive integer");
  verifyChain(buildChain(Math.min(n, 2_000)).map(toStoredEntry));
  const t0 = performance.now();
  const entries = buildChain(n);
  const t1 = performance.now();
  const stored = entries.map(toStoredEntry);
  const t2 = performance.now();
  const result = verifyChain(stored);
  const t3 = performance.now();
  if (!result.ok || result.count !== n) throw new Error("benchAudit: the generated chain did not verify");
  return {
    appendPerSec: Math.round(n / ((t1 - t0) / 1000)),
    verifyPerSec: Math.round(n / ((t3 - t2) / 1000)),
  };
}
