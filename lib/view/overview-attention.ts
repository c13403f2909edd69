import type { Evaluation } from "@/lib/engine/types";
import { GATE_TONE } from "./levels";
import { modelHref, thresholdAnchor } from "./overview-links";
import { ATTENTION_KINDS } from "./overview-schema";
import type { AttentionEntry, AttentionItem } from "./overview-schema";

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
  return { count: found.length, entries: found.slice(0, cap).map((f) => f.entry) };
}
