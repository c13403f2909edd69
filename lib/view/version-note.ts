import type { DeterminationInput } from "@/lib/engine/input";
import { lineageOf, periods } from "@/lib/policy/lineage";
import type { LineageMember, Period } from "@/lib/policy/lineage";
import { toDeterminationView } from "./model-trace";
import type { DeterminationMeta, DeterminationView } from "./model-trace";
import { policyName, versionLabel } from "./policy";

/**
 * Which version of a framework a model page evaluates, and since when it has been in force; and the
 * determinations recorded under earlier versions of the same framework, labelled with the version that
 * applied, so a change of version does not lose them. Pure.
 */

/** What the note needs of a policy: its lineage fields, its name and its thresholds' titles. */
export interface VersionedPolicy extends LineageMember {
  title: string;
  domains: readonly { thresholds: readonly { id: string; title?: string }[] }[];
}

export interface VersionNoteView {
  /** the evaluated version's name */
  name: string;
  /** "in_force" on the evaluation date, "superseded" by then, or "not_yet" in force */
  state: "in_force" | "superseded" | "not_yet";
  /** one sentence: the version evaluated and the days it is or was in force */
  text: string;
  /** the version in force on the evaluation date, when it is another one (for a link to its tab) */
  inForceInstead: { id: string; name: string } | null;
  /** earlier versions of the lineage, newest first */
  earlier: { policyId: string; label: string }[];
}

const range = (p: Period<VersionedPolicy>) => `${p.from} – ${p.until ?? "today"}`;
const nameOf = (p: VersionedPolicy) => policyName(p.title, p.version);

/** "Determined under Anthropic Responsible Scaling Policy v2.2, in force 2025-05-14 – 2026-07-08, superseded by v3.4" */
export function determinedUnderLabel(p: Period<VersionedPolicy>): string {
  const next = p.supersededBy;
  return `Determined under ${nameOf(p.policy)}, in force ${range(p)}${next ? `, superseded by ${versionLabel(next.version)}` : ""}`;
}

export function versionNote(
  policy: VersionedPolicy,
  published: readonly VersionedPolicy[],
  asOf: string,
): VersionNoteView {
  const all = published.some((p) => p.id === policy.id) ? published : [...published, policy];
  const ps = periods(lineageOf(all, policy.id));
  const i = ps.findIndex((p) => p.policy.id === policy.id);
  const me = ps[i]!;
  const day = asOf.slice(0, 10);
  const name = nameOf(policy);
  const inForceNow = [...ps].reverse().find((p) => p.from <= day) ?? null;
  const state: VersionNoteView["state"] =
    me.from > day ? "not_yet" : me.until !== null && me.until <= day ? "superseded" : "in_force";
  const previous = me.supersedes ? `; it superseded ${nameOf(me.supersedes)}` : "";
  let text: string;
  if (state === "in_force") text = `Evaluated under ${name}, in force since ${me.from}${previous}.`;
  else if (state === "superseded")
    text = `Evaluated under ${name}, in force ${me.from} – ${me.until}: superseded by ${nameOf(me.supersededBy!)} on ${me.until}.`;
  else
    text = `Evaluated under ${name}, which takes effect on ${me.from}: on ${day} ${
      inForceNow ? `${nameOf(inForceNow.policy)} is in force` : "no version of this framework is in force yet"
    }.`;
  return {
    name,
    state,
    text,
    inForceInstead:
      inForceNow && inForceNow.policy.id !== policy.id
        ? { id: inForceNow.policy.id, name: nameOf(inForceNow.policy) }
        : null,
    earlier: ps
      .slice(0, Math.max(i, 0))
      .reverse()
      .map((p) => ({ policyId: p.policy.id, label: determinedUnderLabel(p) })),
  };
}

/** A stored determination, as the note reads it (db/schema.ts `determinations`). */
export interface StoredDetermination {
  id: number;
  policyId: string | null;
  thresholdId: string;
  outcome: DeterminationInput["outcome"];
  mitigation: "pre" | "post" | null;
  by: string;
  rationale: string;
  at: string;
  quote: string | null;
  sourceTitle: string | null;
  sourceUrl: string | null;
  sourceKind: "primary" | "secondary" | "internal";
  createdBy: string;
  evidence: string[];
}

export interface EarlierDetermination {
  /** "Threshold CBRN-3 (cbrn-3)" */
  heading: string;
  /** the version label, on every determination so none is read as made under the evaluated version */
  version: string;
  /** set when the determination is dated outside the days its version was in force */
  dateNote: string | null;
  view: DeterminationView;
}

export interface EarlierGroup {
  policyId: string;
  label: string;
  items: EarlierDetermination[];
}

/** The determinations of earlier versions, grouped by version (newest first), each labelled. */
export function earlierDeterminations(
  note: VersionNoteView,
  published: readonly VersionedPolicy[],
  rows: readonly StoredDetermination[],
): EarlierGroup[] {
  const byId = new Map(published.map((p) => [p.id, p]));
  const ps = new Map<string, Period<VersionedPolicy>>();
  for (const e of note.earlier) {
    const p = byId.get(e.policyId);
    if (p) for (const period of periods(lineageOf(published, p.id))) ps.set(period.policy.id, period);
  }
  return note.earlier
    .map((e) => {
      const period = ps.get(e.policyId);
      const titles = new Map(
        (byId.get(e.policyId)?.domains ?? []).flatMap((d) =>
          d.thresholds.map((t) => [t.id, t.title ?? t.id]),
        ),
      );
      const items = rows
        .filter((r) => r.policyId === e.policyId)
        .map((r): EarlierDetermination => {
          const meta: DeterminationMeta = {
            id: r.id,
            quote: r.quote,
            sourceTitle: r.sourceTitle,
            sourceUrl: r.sourceUrl,
            sourceKind: r.sourceKind,
            createdBy: r.createdBy,
            evidence: r.evidence,
          };
          const input: DeterminationInput = {
            id: r.id,
            threshold: r.thresholdId,
            outcome: r.outcome,
            ...(r.mitigation ? { mitigation: r.mitigation } : {}),
            by: r.by,
            rationale: r.rationale,
            at: r.at,
            ...(r.sourceUrl ? { source: r.sourceUrl } : {}),
          };
          const title = titles.get(r.thresholdId);
          const day = r.at.slice(0, 10);
          const v = period ? versionLabel(period.policy.version) : e.policyId;
          const dateNote = !period
            ? null
            : day < period.from
              ? `dated ${day}, before ${v} took effect (${period.from})`
              : period.until !== null && day >= period.until
                ? `dated ${day}, after ${v} was superseded (${period.until})`
                : null;
          return {
            heading: title && title !== r.thresholdId ? `${title} (${r.thresholdId})` : r.thresholdId,
            version: e.label,
            dateNote,
            view: toDeterminationView(input, new Map([[String(r.id), meta]])),
          };
        });
      return { policyId: e.policyId, label: e.label, items };
    })
    .filter((g) => g.items.length > 0);
}
