import type { Evaluation, StateResult } from "@/lib/engine/types";
import { NONE, fileRow, formatNumber } from "./model-format";

/** One stored score with its provenance (db/queries.ts listScores returns a superset of this). */
export interface ScoreRecord {
  id: number;
  metricId: string;
  value: number;
  stderr: number | null;
  n: number | null;
  mitigation: "pre" | "post";
  elicitation: string | null;
  evaluatedAt: string | null;
  sourceFile: string | null;
  sourceRow: number | null;
  sourceUrl: string | null;
  sourceNote: string | null;
  batchId: number;
  batchFile: string;
}

export interface ScoreRowView {
  id: number;
  anchor: string;
  metric: string;
  metricTitle: string | null;
  value: string;
  stderr: string;
  n: string;
  mitigation: "pre" | "post";
  elicitation: string;
  evaluatedAt: string;
  /** "file:row" */
  source: string;
  sourceUrl: string | null;
  sourceNote: string | null;
  batch: number;
  /** thresholds whose evidence trace rests on this score */
  usedBy: string[];
}

/** Score id (as text) → where it came from; the trace links to the row by it. */
export type ScoreLookup = ReadonlyMap<string, { source: string; batch: number }>;

export function scoreLookup(rows: ScoreRecord[]): ScoreLookup {
  return new Map(
    rows.map((r) => [
      String(r.id),
      { source: fileRow(r.sourceFile ?? r.batchFile, r.sourceRow), batch: r.batchId },
    ]),
  );
}

/** Score id → the thresholds (pre or post reading) whose evidence cites it, in policy order. */
export function scoreUsage(e: Evaluation): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const add = (s: StateResult, threshold: string) => {
    for (const ev of s.evidence) {
      if (ev.kind !== "metric") continue;
      for (const sc of ev.scores) {
        if (sc.id === undefined) continue;
        const k = String(sc.id);
        const list = out.get(k) ?? [];
        if (!list.includes(threshold)) list.push(threshold);
        out.set(k, list);
      }
    }
  };
  for (const d of e.domains)
    for (const t of d.thresholds) {
      add(t, t.id);
      add(t.post, t.id);
    }
  return out;
}

export function toScoreRows(
  rows: ScoreRecord[],
  usage: ReadonlyMap<string, string[]> = new Map(),
  metricTitles: ReadonlyMap<string, string | null> = new Map(),
): ScoreRowView[] {
  return rows.map((r) => ({
    id: r.id,
    anchor: `score-${r.id}`,
    metric: r.metricId,
    metricTitle: metricTitles.get(r.metricId) ?? null,
    value: formatNumber(r.value),
    stderr: formatNumber(r.stderr),
    n: r.n === null ? NONE : String(r.n),
    mitigation: r.mitigation,
    elicitation: r.elicitation ?? NONE,
    evaluatedAt: r.evaluatedAt?.slice(0, 10) ?? NONE,
    source: fileRow(r.sourceFile ?? r.batchFile, r.sourceRow),
    sourceUrl: r.sourceUrl,
    sourceNote: r.sourceNote,
    batch: r.batchId,
    usedBy: usage.get(String(r.id)) ?? [],
  }));
}

/**
 * The metric the chart opens on: the first one the policy reads that this model has a score for,
 * else the policy's first metric, else the model's first scored metric. A requested metric wins
 * when it is one of the choices.
 */
export function chooseMetric(
  policyMetrics: string[],
  modelMetrics: string[],
  requested?: string | null,
): { metric: string | null; options: string[] } {
  const options = [...new Set([...policyMetrics, ...modelMetrics])];
  if (requested && options.includes(requested)) return { metric: requested, options };
  const scored = new Set(modelMetrics);
  const metric = policyMetrics.find((m) => scored.has(m)) ?? policyMetrics[0] ?? modelMetrics[0] ?? null;
  return { metric, options };
}
