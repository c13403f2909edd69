import type { DomainResult, Evaluation } from "@/lib/engine/types";
import type { Marker } from "./levels";

/** What one overview cell shows: a level, what it rests on, and the markers a reviewer must notice. */
export interface LevelCell {
  level: string | null;
  evidenced: string | null;
  markers: Marker[];
  /** thresholds behind the markers, for the tooltip and the evidence link */
  detail: string[];
}

export function domainCell(d: DomainResult): LevelCell {
  const markers = new Set<Marker>();
  const detail: string[] = [];
  for (const t of d.thresholds) {
    if (t.status === "cannot_rule_out" && !t.missing_evidence) markers.add("cannot_rule_out");
    if (t.counted && t.missing_evidence && !t.determination) {
      markers.add("missing");
      detail.push(`${t.id}: missing evidence`);
    }
    if (t.status === "early_warning") {
      markers.add("early_warning");
      detail.push(`${t.id}: early warning`);
    }
    if (t.determination) markers.add("determined");
    if (t.disagreement) {
      markers.add("disagreement");
      detail.push(`${t.id}: determination disagrees with indicators`);
    }
  }
  return { level: d.level.pre, evidenced: d.evidenced_level.pre, markers: [...markers].sort(), detail };
}

export function overallCell(e: Evaluation): LevelCell {
  const markers = new Set<Marker>();
  const detail: string[] = [];
  for (const d of e.domains) {
    const c = domainCell(d);
    c.markers.forEach((m) => markers.add(m));
    detail.push(...c.detail.map((x) => `${d.id}/${x}`));
  }
  return { level: e.level.pre, evidenced: e.evidenced_level.pre, markers: [...markers].sort(), detail };
}
