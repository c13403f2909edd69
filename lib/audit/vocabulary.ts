/**
 * The audit log's vocabularies, in a module with no imports so client code (the API schemas, the
 * audit page) can share them without pulling in node:crypto through the hashing code.
 */

export const AUDIT_ACTIONS = [
  "import",
  "rollback",
  "determination.create",
  "attestation.create",
  "signoff",
  "policy.draft",
  "policy.publish",
  "policy.retire",
  "user.create",
  "user.role",
  "token.create",
  "token.revoke",
  "evaluation.record",
] as const;

/** Why verification stopped at an entry. */
export const BROKEN_REASONS = [
  "hash_mismatch",
  "prev_hash_mismatch",
  "seq_gap",
  "seq_not_increasing",
  "payload_not_json",
] as const;
