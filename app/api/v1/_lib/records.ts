import type { Db } from "@/db";
import { getPublishedPolicy } from "@/db/policies";
import { createAttestation, createDetermination } from "@/db/records";
import type { NewAttestation, NewDetermination } from "@/lib/api/schemas";
import { DomainError } from "@/lib/errors";

/**
 * A record naming a policy must name something that policy has: a determination on a misspelt
 * threshold would be stored and then never match anything, silently. Route-local until
 * db/records checks it inside its own transaction. Records for no policy are not checked.
 */
function requireTarget(db: Db, policyId: string, field: "threshold" | "safeguard", id: string): void {
  const { policy } = getPublishedPolicy(db, policyId);
  const known =
    field === "threshold"
      ? policy.domains.flatMap((d) => d.thresholds.map((t) => t.id))
      : policy.safeguards.map((s) => s.id);
  if (!known.includes(id))
    throw new DomainError("VALIDATION", `policy ${policyId} has no ${field} "${id}"`, [
      { path: field, message: `not a ${field} of ${policyId}; one of: ${known.join(", ")}` },
    ]);
}

export function recordDetermination(db: Db, d: NewDetermination, actor: string) {
  if (d.policy) requireTarget(db, d.policy, "threshold", d.threshold);
  return createDetermination(db, d, actor);
}

export function recordAttestation(db: Db, a: NewAttestation, actor: string) {
  if (a.policy) requireTarget(db, a.policy, "safeguard", a.safeguard);
  return createAttestation(db, a, actor);
}
