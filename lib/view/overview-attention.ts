import type { Evaluation } from "@/lib/engine/types";
import { GATE_TONE } from "./levels";
import { modelHref, thresholdAnchor } from "./overview-links";
import { ATTENTION_KINDS } from "./overview-schema";
import type {
  AttentionEntry,
  AttentionItem,
  ForecastItem,
  ForecastRow,
  OverviewForecast,
  OverviewResponse,
} from "./overview-schema";
import { ATTENTION_PROBABILITY, forecastAttention, plannedRunText } from "./projection-attention";
import type { AttentionLeaf, ForecastAttention, PlannedRun } from "./projection-attention";
import { formatFlop } from "./projection-format";
import { projectionsHref } from "./projection-params";
import { leafId } from "./projection-summary";

/** Gate outcomes that stop or limit something, strongest first. `allow` and `conditional` are not listed. */
const STOPPING: Record<string, number> = {
  delete_weights: 5,
  de_deploy: 4,
  block: 3,
  pause: 2,
  restrict: 1,
};

export const ATTENTION_CAP = 10;

/**
 * What a reviewer must act on for one model under one policy: gates that block, pause or restrict;
 * required safeguards that are missing or expired; a reassessment that is due; determinations that
 * disagree with the indicators. Each item links to the model page's section.
 */
export function attentionItems(
  e: Evaluation,
  model: { id: string; name: string },
  policyId: string,
): AttentionItem[] {
  const items: AttentionItem[] = [];
  const at = (anchor: string) => modelHref(model.id, policyId, anchor);
  for (const g of e.gates) {
    if (!(g.outcome in STOPPING)) continue;
    const outcome = g.outcome.replaceAll("_", " ");
    items.push({
      kind: "gate",
      text: `${g.action}: ${outcome}`,
      label: `${model.name}: gate ${g.action} is ${outcome}`,
      tone: GATE_TONE[g.outcome] ?? "top",
      href: at("gates"),
    });
  }
  for (const status of ["missing", "expired"] as const) {
    const ids = e.safeguards.filter((s) => s.status === status && s.required_by.length > 0).map((s) => s.id);
    if (ids.length === 0) continue;
    items.push({
      kind: "safeguard",
      text: `${ids.length} ${status}: ${ids.join(", ")}`,
      label: `${model.name}: ${ids.length} required safeguard${ids.length === 1 ? "" : "s"} ${status}: ${ids.join(", ")}`,
      tone: status === "missing" ? "top" : "high",
      href: at("safeguards"),
    });
  }
  if (e.cadence.due)
    items.push({
      kind: "reassessment",
      text: "due",
      label: `${model.name}: reassessment due`,
      tone: "elevated",
      href: at("cadence"),
    });
  for (const d of e.domains)
    for (const t of d.thresholds)
      if (t.disagreement || t.post.disagreement)
        items.push({
          kind: "disagreement",
          text: t.id,
          label: `${model.name}: the determination on ${t.id} disagrees with the indicators`,
          tone: "unknown",
          href: at(thresholdAnchor(t.id)),
        });
  return items;
}

function severity(e: Evaluation): number {
  return Math.max(0, ...e.gates.map((g) => STOPPING[g.outcome] ?? 0));
}

/**
 * The attention list over the listed models (in their listed order): models with the strongest stopping
 * gate first, then those with more items; the first `cap` are shown, the count covers them all.
 */
export function buildAttention(
  models: { id: string; name: string }[],
  evaluationOf: (modelId: string) => Evaluation | undefined,
  policyId: string,
  cap = ATTENTION_CAP,
): { count: number; entries: AttentionEntry[] } {
  const found: { entry: AttentionEntry; severity: number; size: number; order: number }[] = [];
  models.forEach((m, order) => {
    const e = evaluationOf(m.id);
    if (!e) return;
    const items = attentionItems(e, m, policyId);
    if (items.length === 0) return;
    found.push({
      entry: {
        model: { id: m.id, name: m.name, href: modelHref(m.id, policyId) },
        groups: ATTENTION_KINDS.map((kind) => ({ kind, items: items.filter((i) => i.kind === kind) })),
      },
      severity: severity(e),
      size: items.length,
      order,
    });
  });
  found.sort((a, b) => b.severity - a.severity || b.size - a.size || a.order - b.order);
  return {
    count: found.length,
    entries: found.slice(0, cap).map((f) => ({ ...f.entry, severity: f.severity })),
  };
}

// ---------------------------------------------------------------------------------------------
// Forecasts for the next planned run (early warning in the RSP sense)

/**
 * Where the forecast rows sort among the models' rows, on the gates' scale (restrict 1, pause 2,
 * block 3, de-deploy 4, delete weights 5). A threshold forecast crossed by the next run means the
 * run must not start without that level's safeguards: ranked with a pause, after what stops a model
 * today. A forecast from an unreliable fit is no signal either way: listed last.
 */
export const FORECAST_SEVERITY = { forecast: 2, unreliable: 0 } as const;

const ATTENTION_PROBABILITY_PERCENT = ATTENTION_PROBABILITY * 100;

/** P(crossing) at or above this reads as a high tone rather than an elevated one. */
export const FORECAST_HIGH_PROBABILITY = 0.9;

/**
 * "P = 63%", "P > 99%", "P < 1%". The probability is the share of 1,000 bootstrap curves past the
 * threshold: all of them is not certainty, so 0 and 1 are never printed as 0 % or 100 %.
 */
export function probabilityText(p: number): string {
  if (!Number.isFinite(p)) return "P unknown";
  if (p >= 0.995) return "P > 99%";
  if (p < 0.005) return "P < 1%";
  return `P = ${Math.round(p * 100)}%`;
}

function forecastItem(
  a: ForecastAttention,
  policy: { id: string; title: string },
  run: PlannedRun,
): ForecastItem {
  const runText = `run of ${formatFlop(run.flop)} FLOP`;
  const at = (metric: string) =>
    `${projectionsHref({ policy: policy.id, planned: String(run.flop) })}#${leafId({ threshold: a.threshold, metric })}`;
  const illustrative = a.calibration === "illustrative" ? " (an illustrative threshold)" : "";
  if (!a.reliable) {
    const codes = [...new Set(a.leaves.flatMap((l) => l.unreliable))];
    const leaf = a.leaves[0]!;
    return {
      threshold: a.threshold,
      metric: leaf.metric,
      text: `${a.threshold} (${policy.title}): forecast unreliable: ${codes.join(", ")}`,
      label:
        `${a.threshold} (${policy.title})${illustrative}: the forecast for the next planned run (${runText}) ` +
        `is unreliable (${codes.join(", ")}) and is not counted as a forecast crossing; see its projection`,
      tone: "unknown",
      href: at(leaf.metric),
      p: null,
      reliable: false,
      calibration: a.calibration,
      warnings: codes,
    };
  }
  const reliable = a.leaves.filter((l) => l.unreliable.length === 0);
  // The link goes to the leaf that carries the probability shown (the first when none has one).
  const shown = reliable.find((l) => l.p_planned !== null && l.p_planned === a.p_max) ?? reliable[0]!;
  const why =
    a.p_max !== null
      ? probabilityText(a.p_max)
      : shown.reasons.includes("already")
        ? "past the threshold at every compute observed"
        : "the 80% crossing interval ends at or below it";
  const text = `forecast to cross ${a.threshold} (${policy.title}) by the next planned run (${why}, ${runText})`;
  const caveats = [...new Set(reliable.flatMap((l) => l.warnings))];
  return {
    threshold: a.threshold,
    metric: shown.metric,
    text,
    label: `${text}${illustrative}${caveats.length > 0 ? `; caveats: ${caveats.join(", ")}` : ""}`,
    tone: a.p_max !== null && a.p_max < FORECAST_HIGH_PROBABILITY ? "elevated" : "high",
    href: at(shown.metric),
    p: a.p_max,
    reliable: true,
    calibration: a.calibration,
    warnings: caveats,
  };
}

/**
 * The forecast part of the attention list: one row of forecasts that count (P(crossing) ≥
 * ATTENTION_PROBABILITY on a reliable fit) and one of forecasts too unreliable to count, each only
 * when it has items. `leaves` must be projected with `run.flop` as the planned FLOP.
 */
export function toOverviewForecast(input: {
  policy: { id: string; title: string };
  run: PlannedRun | null;
  leaves: readonly AttentionLeaf[];
}): OverviewForecast {
  const { policy, run } = input;
  if (!run)
    return {
      planned: null,
      note: `No model has a known training compute, so there is no default planned run to forecast under ${policy.title}. Add planned=<FLOP> to this page's address to forecast one.`,
      rows: [],
    };
  const items = forecastAttention(input.leaves, run.flop).map((a) => forecastItem(a, policy, run));
  const confident = items.filter((i) => i.reliable);
  const unreliable = items.filter((i) => !i.reliable);
  const flop = formatFlop(run.flop);
  const rows: ForecastRow[] = [];
  if (confident.length > 0)
    rows.push({
      kind: "forecast",
      title: `Next planned run (${flop} FLOP)`,
      severity: FORECAST_SEVERITY.forecast,
      items: confident,
    });
  if (unreliable.length > 0)
    rows.push({
      kind: "unreliable",
      title: `Next planned run (${flop} FLOP): forecasts too unreliable to count`,
      severity: FORECAST_SEVERITY.unreliable,
      items: unreliable,
    });
  const note =
    confident.length === 0
      ? `The next planned run is not forecast to cross any threshold of ${policy.title} (no reliable P(crossing) of ${Math.round(ATTENTION_PROBABILITY_PERCENT)}% or more).`
      : `The next planned run is forecast to cross ${confident.length} threshold${confident.length === 1 ? "" : "s"} of ${policy.title} (P(crossing) of ${Math.round(ATTENTION_PROBABILITY_PERCENT)}% or more on a reliable fit).`;
  return {
    planned: {
      flop: run.flop,
      source: run.source,
      base: run.base,
      multiple: run.multiple,
      multiple_from: run.multiple_from,
      text: plannedRunText(run),
      projections_href: projectionsHref({ policy: policy.id, planned: String(run.flop) }),
    },
    note,
    rows,
  };
}

/** The overview with its forecast rows: the models' entries are left as they are. */
export function withForecast(overview: OverviewResponse, forecast: OverviewForecast): OverviewResponse {
  return { ...overview, attention: { ...overview.attention, forecast } };
}

export type AttentionRow =
  { kind: "model"; key: string; entry: AttentionEntry } | { kind: "forecast"; key: string; row: ForecastRow };

/**
 * The attention table's rows, strongest first: each forecast row goes before the first model entry
 * of lower severity (after the models of equal severity: what stops a model today comes before a
 * forecast). Entries keep their order.
 */
export function attentionRows(attention: OverviewResponse["attention"]): AttentionRow[] {
  const pending = [...(attention.forecast?.rows ?? [])].sort((a, b) => b.severity - a.severity);
  const out: AttentionRow[] = [];
  for (const entry of attention.entries) {
    while (pending.length > 0 && pending[0]!.severity > (entry.severity ?? 0)) {
      const row = pending.shift()!;
      out.push({ kind: "forecast", key: `forecast:${row.kind}`, row });
    }
    out.push({ kind: "model", key: `model:${entry.model.id}`, entry });
  }
  for (const row of pending) out.push({ kind: "forecast", key: `forecast:${row.kind}`, row });
  return out;
}
