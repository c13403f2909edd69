import { createHash } from "node:crypto";

/** The fields that make two scores the same score (the scores_identity index of db/schema.ts). */
export interface ScoreIdentity {
  modelId: string;
  metricId: string;
  mitigation: string;
  elicitation: string | null;
  evaluatedAt: string | null;
  value: number;
  stderr: number | null;
  n: number | null;
}

/**
 * The API's `content_hash`: 32 hex digits of sha256 over a score's identity. A missing elicitation,
 * date, stderr or n reads as "", as in the index. Computed when a score is read; it used to be stored
 * per row with the same formula, so scores stored before keep the hash they were served with.
 */
export function scoreContentHash(s: ScoreIdentity): string {
  return createHash("sha256")
    .update(
      `${s.modelId}\u0001${s.metricId}\u0001${s.mitigation}\u0001${s.elicitation ?? ""}\u0001${s.evaluatedAt ?? ""}\u0001${s.value}\u0001${s.stderr ?? ""}\u0001${s.n ?? ""}`,
    )
    .digest("hex")
    .slice(0, 32);
}
