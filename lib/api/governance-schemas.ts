import { z } from "zod";
import { AUDIT_ACTIONS, BROKEN_REASONS } from "@/lib/audit/vocabulary";
import { GATE_OUTCOMES } from "@/lib/policy/schema";
import { CalendarDate, QueryBoolean } from "./schemas";

/**
 * The contract of the governance endpoints under /api/v1 (gate, decisions, audit): request and
 * response schemas shared by the route handlers, the audit page's hooks, the CLI's --json output and
 * the OpenAPI document. Pure zod, and client-safe: nothing here value-imports lib/audit's hashing code (node:crypto);
 * the audit vocabularies come from lib/audit/vocabulary.ts, which has no imports.
 */

// ---------------------------------------------------------------------------------------------
// Vocabularies

export const SIGNOFF_OUTCOMES = ["approve", "approve_with_conditions", "block"] as const;
export type SignoffOutcome = (typeof SIGNOFF_OUTCOMES)[number];

/** A decision is either a bare recorded evaluation (`gate`) or a person's sign-off on one. */
export const DECISION_KINDS = ["evaluation", "signoff"] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];

export const DECISION_STATUSES = ["current", "stale"] as const;
export type DecisionStatusName = (typeof DECISION_STATUSES)[number];

/** What replay checks; a failed check is named in `mismatches`. */
export const REPLAY_CHECKS = ["policy_hash", "input_hash", "result_hash", "outcome", "audit_entry"] as const;
export type ReplayCheck = (typeof REPLAY_CHECKS)[number];

/** The audit vocabularies, from the one client-safe module that defines them. */
export const AUDIT_ACTION_NAMES = AUDIT_ACTIONS;
export const BROKEN_REASON_NAMES = BROKEN_REASONS;

export const AUDIT_EXPORT_FORMATS = ["jsonl", "csv"] as const;
export type AuditExportFormat = (typeof AUDIT_EXPORT_FORMATS)[number];

/** Gate outcomes → CLI exit code (DESIGN "Interfaces"): 0 allow, 3 conditional, 4 anything that stops. */
export function gateExitCode(outcome: (typeof GATE_OUTCOMES)[number]): 0 | 3 | 4 {
  if (outcome === "allow") return 0;
  if (outcome === "conditional") return 3;
  return 4;
}

// ---------------------------------------------------------------------------------------------
// Shared pieces

const Id = z.string().trim().min(1).max(200);
const Text = z.string().trim().max(10_000);
const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, "must be 64 lower-case hex characters");

export const PolicyVersionRef = z.object({
  id: z.number().int().describe("the stored policy version (policy_versions.id)"),
  policy: z.string(),
  version: z.string(),
});
export type PolicyVersionRef = z.infer<typeof PolicyVersionRef>;

// ---------------------------------------------------------------------------------------------
// Gate

export const GateRequest = z
  .object({
    model: Id.describe("a model id"),
    policy: Id.describe("a published policy id"),
    action: Id.describe("one of the policy's gate actions, e.g. deploy-external"),
    as_of: CalendarDate.optional().describe("evaluation date, YYYY-MM-DD; default today (UTC)"),
  })
  .strict();
export type GateRequest = z.infer<typeof GateRequest>;

export const GateResponse = z.object({
  outcome: z.enum(GATE_OUTCOMES),
  reasons: z.array(z.string()),
  rule: z.number().int().nullable().describe("1-based matching rule; null: none matched (fail closed)"),
  policy_version: PolicyVersionRef,
  decision_id: z.number().int(),
  model: z.string(),
  action: z.string(),
  as_of: z.string(),
});
export type GateResponse = z.infer<typeof GateResponse>;

// ---------------------------------------------------------------------------------------------
// Decisions

export const NewSignoff = z
  .object({
    model: Id,
    policy: Id,
    action: Id,
    outcome: z.enum(SIGNOFF_OUTCOMES),
    rationale: Text.min(1, "a rationale is required"),
    conditions: Text.min(1).optional(),
    as_of: CalendarDate.optional(),
  })
  .strict()
  .refine((s) => s.outcome !== "approve_with_conditions" || s.conditions !== undefined, {
    path: ["conditions"],
    message: "approve_with_conditions needs the conditions",
  });
export type NewSignoff = z.infer<typeof NewSignoff>;

export const Signoff = z.object({
  outcome: z.enum(SIGNOFF_OUTCOMES),
  rationale: z.string(),
  conditions: z.string().nullable(),
});
export type Signoff = z.infer<typeof Signoff>;

export const Decision = z.object({
  id: z.number().int(),
  kind: z.enum(DECISION_KINDS),
  model: z.string(),
  policy_version: PolicyVersionRef,
  action: z.string(),
  as_of: z.string(),
  outcome: z.enum(GATE_OUTCOMES).describe("the gate outcome the evaluation gave for the action"),
  signoff: Signoff.nullable(),
  decided_by: z.string(),
  created_at: z.string(),
  input_hash: Sha256.describe("sha256 of the canonical JSON of the stored evaluation input"),
  result_hash: Sha256.describe("sha256 of the canonical JSON of the stored evaluation result"),
});
export type Decision = z.infer<typeof Decision>;

export const DecisionStatus = z.object({
  decision_id: z.number().int(),
  status: z.enum(DECISION_STATUSES),
  reasons: z.array(z.string()),
  changed: z.object({
    policy_version: z.boolean(),
    input: z.boolean(),
    result: z.boolean(),
    outcome: z.boolean(),
  }),
  /** the same model, policy and action evaluated now; null when the policy has no published version */
  current: z
    .object({
      policy_version: PolicyVersionRef,
      as_of: z.string(),
      input_hash: Sha256,
      result_hash: Sha256,
      outcome: z.enum(GATE_OUTCOMES),
    })
    .nullable(),
});
export type DecisionStatus = z.infer<typeof DecisionStatus>;

export const ReplayResult = z.object({
  ok: z.boolean(),
  decision_id: z.number().int(),
  policy_hash_ok: z.boolean().describe("the stored policy version's YAML still hashes to its sha256"),
  input_hash_ok: z.boolean(),
  result_hash_ok: z
    .boolean()
    .describe("both the stored result and the result re-derived from the stored input hash to result_hash"),
  outcome_ok: z.boolean(),
  audit_entry_ok: z.boolean().describe("the decision's audit entry records the same hashes and outcome"),
  recomputed_outcome: z.enum(GATE_OUTCOMES).nullable(),
  recomputed_result_hash: z.string().nullable(),
  mismatches: z.array(z.enum(REPLAY_CHECKS)),
  details: z.array(z.string()),
});
export type ReplayResult = z.infer<typeof ReplayResult>;

export const DecisionsQuery = z
  .object({
    model: Id.optional().describe("a model id"),
    policy: Id.optional().describe("a policy id"),
    limit: z.coerce.number().int().min(1).max(500).optional().describe("newest first; default 100"),
    status: QueryBoolean.optional().describe("true: include current/stale status (re-evaluates each)"),
  })
  .strict();
export type DecisionsQuery = z.infer<typeof DecisionsQuery>;

export const DecisionListItem = Decision.extend({ status: DecisionStatus.optional() });
export type DecisionListItem = z.infer<typeof DecisionListItem>;

export const DecisionsResponse = z.object({ decisions: z.array(DecisionListItem) });
export type DecisionsResponse = z.infer<typeof DecisionsResponse>;

export const AuditRef = z.object({ seq: z.number().int(), hash: Sha256 });

export const SignoffResponse = z.object({ decision: Decision, audit: AuditRef });
export type SignoffResponse = z.infer<typeof SignoffResponse>;

export const DecisionResponse = z.object({
  decision: Decision,
  status: DecisionStatus,
  replay: ReplayResult,
});
export type DecisionResponse = z.infer<typeof DecisionResponse>;

export const DecisionIdParam = z.coerce.number().int().positive();

// ---------------------------------------------------------------------------------------------
// Audit log

const Bound = z
  .string()
  .trim()
  .min(1)
  .describe("YYYY-MM-DD (a whole UTC day, inclusive) or an ISO date-time with Z or an offset");

export const AuditQuery = z
  .object({
    from: Bound.optional(),
    to: Bound.optional(),
    actor: z.string().trim().min(1).optional().describe("exact actor"),
    action: z.enum(AUDIT_ACTION_NAMES).optional(),
    format: z.enum(AUDIT_EXPORT_FORMATS).optional().describe("default jsonl"),
  })
  .strict();
export type AuditQuery = z.infer<typeof AuditQuery>;

export const ChainHead = z.object({ seq: z.number().int(), hash: Sha256, at: z.string() });
export type ChainHead = z.infer<typeof ChainHead>;

export const BrokenEntry = z.object({
  seq: z.number(),
  index: z.number().int().describe("0-based position in the verified stream"),
  reason: z.enum(BROKEN_REASON_NAMES),
  expected: z.union([z.number(), z.string()]).optional(),
  actual: z.union([z.number(), z.string()]).optional(),
  detail: z.string().optional(),
});
export type BrokenEntry = z.infer<typeof BrokenEntry>;

export const AuditVerifyResponse = z.discriminatedUnion("ok", [
  z.object({ ok: z.literal(true), count: z.number().int(), head: ChainHead.nullable() }),
  z.object({ ok: z.literal(false), count: z.number().int(), first_broken: BrokenEntry }),
]);
export type AuditVerifyResponse = z.infer<typeof AuditVerifyResponse>;

/** Mirrors SignedHead of lib/audit. */
export const SignedHead = z.object({
  seq: z.number().int(),
  hash: Sha256,
  at: z.string(),
  signature: z.string().describe("base64 Ed25519 signature over the canonical head message"),
  alg: z.literal("Ed25519"),
  key_id: z.string(),
});
export type SignedHead = z.infer<typeof SignedHead>;

export const AuditHeadResponse = z.object({
  head: ChainHead.nullable().describe("null when the log is empty"),
  signed: SignedHead.nullable().describe("null unless the server has SCALEGATE_SIGNING_KEY"),
});
export type AuditHeadResponse = z.infer<typeof AuditHeadResponse>;

// ---------------------------------------------------------------------------------------------
// Client paths and react-query keys (to merge into lib/api/keys.ts)

type Filters = Record<string, string | undefined>;

function clean(f: Filters | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!f) return out;
  for (const k of Object.keys(f).sort()) {
    const v = f[k];
    if (v !== undefined && v !== "") out[k] = v;
  }
  return out;
}

function withQuery(path: string, q: Filters | undefined): string {
  const qs = new URLSearchParams(clean(q)).toString();
  return qs ? `${path}?${qs}` : path;
}

type DecisionsFilters = { model?: string; policy?: string; limit?: string; status?: "true" | "false" };
type AuditFilters = { from?: string; to?: string; actor?: string; action?: string };

export const governancePaths = {
  gate: "/api/v1/gate",
  decisions: (q?: DecisionsFilters) => withQuery("/api/v1/decisions", q),
  decision: (id: number) => `/api/v1/decisions/${id}`,
  auditExport: (format: AuditExportFormat, q?: AuditFilters) =>
    withQuery("/api/v1/audit", { ...clean(q), format }),
  auditVerify: "/api/v1/audit/verify",
  auditHead: "/api/v1/audit/head",
};

const DECISIONS = ["api", "v1", "decisions"] as const;

export const governanceKeys = {
  decisions: {
    all: DECISIONS,
    list: (q?: DecisionsFilters) => [...DECISIONS, "list", clean(q)] as const,
    detail: (id: number) => [...DECISIONS, "detail", id] as const,
  },
};
