import type { AttestationRow, BatchRow, DeterminationRow, ModelRow, ScoreRow } from "@/db/queries";
import type { PublishedPolicy } from "@/db/policies";
import { scoreContentHash } from "@/lib/ingest/score-identity";
import type {
  Attestation,
  Batch,
  Determination,
  Model,
  ModelAlias,
  PolicySummary,
  Score,
} from "@/lib/api/schemas";

/** Stored rows (camelCase, db/schema.ts) → the API's snake_case objects (lib/api/schemas.ts). */

export function toModel(m: ModelRow): Model {
  return {
    id: m.id,
    name: m.name,
    family: m.family,
    developer: m.developer,
    release_date: m.releaseDate,
    params_b: m.paramsB,
    active_params_b: m.activeParamsB,
    training_tokens: m.trainingTokens,
    training_flop: m.trainingFlop,
    effective_compute: m.effectiveCompute,
    synthetic: m.synthetic,
    metadata_sources: m.metadataSources,
  };
}

export function toAlias(a: { alias: string; raw: string; source: string | null }): ModelAlias {
  return { alias: a.alias, raw: a.raw, source: a.source };
}

export function toScore(s: ScoreRow & { batchFile: string }): Score {
  return {
    id: s.id,
    model: s.modelId,
    metric: s.metricId,
    value: s.value,
    stderr: s.stderr,
    n: s.n,
    ci_low: s.ciLow,
    ci_high: s.ciHigh,
    mitigation: s.mitigation,
    elicitation: s.elicitation,
    evaluated_at: s.evaluatedAt,
    source: { file: s.sourceFile ?? s.batchFile, row: s.sourceRow, url: s.sourceUrl, note: s.sourceNote },
    batch_id: s.batchId,
    content_hash: scoreContentHash(s),
  };
}

export function toBatch(b: BatchRow): Batch {
  return {
    id: b.id,
    file_name: b.fileName,
    sha256: b.sha256,
    format: b.format,
    inserted: b.inserted,
    duplicates: b.duplicates,
    rejected_count: b.rejectedCount,
    rejected: b.rejected,
    status: b.status,
    created_by: b.createdBy,
    created_at: b.createdAt,
    rolled_back_by: b.rolledBackBy,
    rolled_back_at: b.rolledBackAt,
    synthetic: b.synthetic,
  };
}

export function toDetermination(d: DeterminationRow): Determination {
  return {
    id: d.id,
    model: d.modelId,
    policy: d.policyId,
    threshold: d.thresholdId,
    outcome: d.outcome,
    mitigation: d.mitigation,
    by: d.by,
    rationale: d.rationale,
    quote: d.quote,
    source_title: d.sourceTitle,
    source_url: d.sourceUrl,
    source_kind: d.sourceKind,
    evidence: d.evidence,
    at: d.at,
    created_by: d.createdBy,
    created_at: d.createdAt,
  };
}

export function toAttestation(a: AttestationRow): Attestation {
  return {
    id: a.id,
    model: a.modelId,
    policy: a.policyId,
    safeguard: a.safeguardId,
    status: a.status,
    evidence: a.evidence,
    by: a.by,
    at: a.at,
    expires_at: a.expiresAt,
    created_by: a.createdBy,
    created_at: a.createdAt,
  };
}

export function toPolicySummary(p: PublishedPolicy): PolicySummary {
  return {
    id: p.policy.id,
    title: p.policy.title,
    version: p.policy.version,
    publisher: p.policy.publisher,
    published: p.policy.published,
    policy_version_id: p.row.id,
    sha256: p.row.sha256,
  };
}
