import { and, asc, desc, eq, inArray, isNull, or } from "drizzle-orm";
import type { ModelInput } from "@/lib/engine/input";
import type { Db } from "./index";
import { attestations, determinations, importBatches, metrics, models, modelAliases, scores } from "./schema";

export type ModelRow = typeof models.$inferSelect;
export type ScoreRow = typeof scores.$inferSelect;
export type MetricRow = typeof metrics.$inferSelect;
export type BatchRow = typeof importBatches.$inferSelect;
export type DeterminationRow = typeof determinations.$inferSelect;
export type AttestationRow = typeof attestations.$inferSelect;

export function listModels(db: Db): ModelRow[] {
  return db.select().from(models).orderBy(asc(models.id)).all();
}

export function getModel(db: Db, id: string): ModelRow | undefined {
  return db.select().from(models).where(eq(models.id, id)).get();
}

export function listAliases(db: Db, modelId?: string) {
  const q = db.select().from(modelAliases);
  return (modelId ? q.where(eq(modelAliases.modelId, modelId)) : q).orderBy(asc(modelAliases.alias)).all();
}

export function listMetrics(db: Db): MetricRow[] {
  return db.select().from(metrics).orderBy(asc(metrics.id)).all();
}

export function listScores(db: Db, modelId: string): (ScoreRow & { batchFile: string })[] {
  return db
    .select({ score: scores, batchFile: importBatches.fileName })
    .from(scores)
    .innerJoin(importBatches, eq(scores.batchId, importBatches.id))
    .where(eq(scores.modelId, modelId))
    .orderBy(asc(scores.metricId), asc(scores.id))
    .all()
    .map((r) => ({ ...r.score, batchFile: r.batchFile }));
}

export function listBatches(db: Db): BatchRow[] {
  return db.select().from(importBatches).orderBy(desc(importBatches.id)).all();
}

export function getBatch(db: Db, id: number): BatchRow | undefined {
  return db.select().from(importBatches).where(eq(importBatches.id, id)).get();
}

export function listDeterminations(
  db: Db,
  filter: { modelId?: string; policyId?: string } = {},
): DeterminationRow[] {
  const conds = [];
  if (filter.modelId) conds.push(eq(determinations.modelId, filter.modelId));
  if (filter.policyId)
    conds.push(or(eq(determinations.policyId, filter.policyId), isNull(determinations.policyId)));
  return db
    .select()
    .from(determinations)
    .where(conds.length ? and(...conds) : undefined)
    .orderBy(asc(determinations.at), asc(determinations.id))
    .all();
}

/** A model's determinations recorded under exactly these policy ids (earlier versions of a framework). */
export function listDeterminationsUnder(db: Db, modelId: string, policyIds: string[]): DeterminationRow[] {
  if (policyIds.length === 0) return [];
  return db
    .select()
    .from(determinations)
    .where(and(eq(determinations.modelId, modelId), inArray(determinations.policyId, policyIds)))
    .orderBy(asc(determinations.at), asc(determinations.id))
    .all();
}

export function listAttestations(
  db: Db,
  filter: { modelId?: string; policyId?: string } = {},
): AttestationRow[] {
  const conds = [];
  if (filter.modelId) conds.push(eq(attestations.modelId, filter.modelId));
  if (filter.policyId)
    conds.push(or(eq(attestations.policyId, filter.policyId), isNull(attestations.policyId)));
  return db
    .select()
    .from(attestations)
    .where(conds.length ? and(...conds) : undefined)
    .orderBy(asc(attestations.at), asc(attestations.id))
    .all();
}

/** A score's provenance as one readable string: file, row, batch. */
export function scoreSource(s: ScoreRow & { batchFile?: string }): string {
  const file = s.sourceFile ?? s.batchFile ?? "unknown file";
  return `${file}${s.sourceRow ? `:${s.sourceRow}` : ""} (batch ${s.batchId})${s.sourceUrl ? ` ${s.sourceUrl}` : ""}`;
}

/** A stored model as the engine reads it. */
export function toModelInfo(m: ModelRow): ModelInput["model"] {
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
  };
}

/**
 * Everything the engine needs about one model, read from the database. Determinations and
 * attestations are those recorded for this policy, plus those recorded for no policy in particular.
 */
export function getModelInput(db: Db, modelId: string, policyId?: string): ModelInput | undefined {
  const m = getModel(db, modelId);
  if (!m) return undefined;
  const rows = listScores(db, modelId);
  const dets = listDeterminations(db, { modelId, ...(policyId ? { policyId } : {}) });
  const atts = listAttestations(db, { modelId, ...(policyId ? { policyId } : {}) });
  return {
    model: toModelInfo(m),
    scores: rows.map((s) => ({
      id: s.id,
      metric: s.metricId,
      value: s.value,
      stderr: s.stderr,
      n: s.n,
      mitigation: s.mitigation,
      elicitation: s.elicitation,
      evaluated_at: s.evaluatedAt,
      source: scoreSource(s),
    })),
    determinations: dets.map((d) => ({
      id: d.id,
      threshold: d.thresholdId,
      outcome: d.outcome,
      ...(d.mitigation ? { mitigation: d.mitigation } : {}),
      by: d.by,
      rationale: d.rationale,
      at: d.at,
      ...(d.sourceUrl ? { source: d.sourceUrl } : {}),
    })),
    attestations: atts.map((a) => ({
      id: a.id,
      safeguard: a.safeguardId,
      status: a.status,
      by: a.by,
      at: a.at,
      expires_at: a.expiresAt,
      ...(a.evidence ? { evidence: a.evidence } : {}),
    })),
  };
}

export function getModels(db: Db, ids: string[]): ModelRow[] {
  return ids.length === 0 ? [] : db.select().from(models).where(inArray(models.id, ids)).all();
}
