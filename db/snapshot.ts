import { asc, desc, eq } from "drizzle-orm";
import { evaluate } from "@/lib/engine";
import type { Evaluation, ModelInput } from "@/lib/engine";
import type { Db } from "./index";
import { attestations, auditLog, determinations, importBatches, models, scores } from "./schema";
import { listPublishedPolicies } from "./policies";
import type { PublishedPolicy } from "./policies";
import { scoreSource, toModelInfo } from "./queries";
import type { ModelRow } from "./queries";

export interface SnapshotEvaluation extends Evaluation {
  policy_version_id: number;
}

/** Every model evaluated under every published policy, as of one date, for one state of the data. */
export interface EvaluationSnapshot {
  /** changes whenever scores, records or published policies change: the cache key */
  version: string;
  asOf: string;
  models: ModelRow[];
  policies: PublishedPolicy[];
  /** policy id → model id → evaluation */
  evaluations: Map<string, Map<string, SnapshotEvaluation>>;
  computedMs: number;
}

const cache = globalThis as unknown as { __scalegateSnapshot?: EvaluationSnapshot };

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/**
 * The data version: every change to scores, determinations and attestations writes an audit entry, so
 * the audit head moves with the data; published policy versions are part of it too.
 */
function dataVersion(db: Db, policies: PublishedPolicy[], asOf: string): string {
  const head = db.select({ seq: auditLog.seq }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1).get();
  const batches = db
    .select({ id: importBatches.id })
    .from(importBatches)
    .orderBy(desc(importBatches.id))
    .limit(1)
    .get();
  return `${head?.seq ?? 0}:${batches?.id ?? 0}:${policies.map((p) => p.row.id).join(",")}:${asOf}`;
}

/** All inputs in four queries, grouped in memory: per-model queries would cost a round trip each. */
function loadInputs(db: Db): {
  modelRows: ModelRow[];
  inputs: Map<
    string,
    {
      base: ModelInput;
      dets: (typeof determinations.$inferSelect)[];
      atts: (typeof attestations.$inferSelect)[];
    }
  >;
} {
  const modelRows = db.select().from(models).orderBy(asc(models.id)).all();
  const inputs = new Map<
    string,
    {
      base: ModelInput;
      dets: (typeof determinations.$inferSelect)[];
      atts: (typeof attestations.$inferSelect)[];
    }
  >();
  for (const m of modelRows) {
    inputs.set(m.id, {
      base: {
        model: toModelInfo(m),
        scores: [],
      },
      dets: [],
      atts: [],
    });
  }
  const scoreRows = db
    .select({ score: scores, batchFile: importBatches.fileName })
    .from(scores)
    .innerJoin(importBatches, eq(scores.batchId, importBatches.id))
    .all();
  for (const { score: s, batchFile } of scoreRows) {
    inputs.get(s.modelId)?.base.scores.push({
      id: s.id,
      metric: s.metricId,
      value: s.value,
      stderr: s.stderr,
      n: s.n,
      mitigation: s.mitigation,
      elicitation: s.elicitation,
      evaluated_at: s.evaluatedAt,
      source: scoreSource({ ...s, batchFile }),
    });
  }
  for (const d of db
    .select()
    .from(determinations)
    .orderBy(asc(determinations.at), asc(determinations.id))
    .all())
    inputs.get(d.modelId)?.dets.push(d);
  for (const a of db.select().from(attestations).orderBy(asc(attestations.at), asc(attestations.id)).all())
    inputs.get(a.modelId)?.atts.push(a);
  return { modelRows, inputs };
}

/** The snapshot for now (or a date), computed once per data version and shared by every page and API call. */
export function getSnapshot(db: Db, asOf = today()): EvaluationSnapshot {
  const policies = listPublishedPolicies(db);
  const version = dataVersion(db, policies, asOf);
  const hit = cache.__scalegateSnapshot;
  if (hit && hit.version === version) return hit;
  const started = performance.now();
  const { modelRows, inputs } = loadInputs(db);
  const evaluations = new Map<string, Map<string, SnapshotEvaluation>>();
  for (const p of policies) {
    const byModel = new Map<string, SnapshotEvaluation>();
    for (const m of modelRows) {
      const input = inputFor(inputs.get(m.id)!, p.policy.id);
      byModel.set(m.id, { ...evaluate(p.policy, input, { asOf }), policy_version_id: p.row.id });
    }
    evaluations.set(p.policy.id, byModel);
  }
  const snapshot: EvaluationSnapshot = {
    version,
    asOf,
    models: modelRows,
    policies,
    evaluations,
    computedMs: performance.now() - started,
  };
  cache.__scalegateSnapshot = snapshot;
  return snapshot;
}

type LoadedInput = ReturnType<typeof loadInputs>["inputs"] extends Map<string, infer V> ? V : never;

/** One model's input under one policy: determinations and attestations recorded for it, or for no policy. */
function inputFor(src: LoadedInput, policyId: string): ModelInput {
  return {
    ...src.base,
    determinations: src.dets
      .filter((d) => d.policyId === null || d.policyId === policyId)
      .map((d) => ({
        id: d.id,
        threshold: d.thresholdId,
        outcome: d.outcome,
        ...(d.mitigation ? { mitigation: d.mitigation } : {}),
        by: d.by,
        rationale: d.rationale,
        at: d.at,
        ...(d.sourceUrl ? { source: d.sourceUrl } : {}),
      })),
    attestations: src.atts
      .filter((a) => a.policyId === null || a.policyId === policyId)
      .map((a) => ({
        id: a.id,
        safeguard: a.safeguardId,
        status: a.status,
        by: a.by,
        at: a.at,
        expires_at: a.expiresAt,
      })),
  };
}

/** Every model's input as recorded for a policy id, loaded in bulk (what-if, version comparisons). */
export function allModelInputs(db: Db, policyId: string): ModelInput[] {
  const { modelRows, inputs } = loadInputs(db);
  return modelRows.map((m) => inputFor(inputs.get(m.id)!, policyId));
}
