/**
 * Version lineage: the versions of one framework, linked by `supersedes`, and which of them was in
 * force on a given date. A version is in force from its `effective` date (or, when it states none, its
 * `published` date) until the day the version that supersedes it takes effect. Pure: no I/O.
 */

/** What lineage needs of a policy; a parsed `Policy` satisfies it. */
export interface LineageMember {
  id: string;
  version: string;
  published: string;
  effective?: string;
  supersedes?: string;
}

export interface Period<T extends LineageMember> {
  policy: T;
  /** the day it took effect (YYYY-MM-DD) */
  from: string;
  /** the day its successor took effect (exclusive); null while nothing supersedes it */
  until: string | null;
  /** the version it replaced, when that version is in the lineage */
  supersedes: T | null;
  /** the version that replaced it */
  supersededBy: T | null;
  /** false when its successor took effect on or before its own start: it never was in force */
  everInForce: boolean;
}

/** The day a version takes effect: `effective`, else `published`. */
export function inForceFrom(p: LineageMember): string {
  return p.effective ?? p.published;
}

/**
 * Groups policies into lineages: two policies are in one lineage when one supersedes the other,
 * directly or through others of the list. A `supersedes` naming an id that is not in the list links
 * nothing. Each lineage comes back ordered (see `orderLineage`); lineages are ordered by their first id.
 */
export function lineages<T extends LineageMember>(policies: readonly T[]): T[][] {
  const byId = new Map(policies.map((p) => [p.id, p]));
  const parent = new Map<string, string>(policies.map((p) => [p.id, p.id]));
  const root = (id: string): string => {
    let r = id;
    while (parent.get(r) !== r) r = parent.get(r)!;
    return r;
  };
  for (const p of policies)
    if (p.supersedes && byId.has(p.supersedes) && p.supersedes !== p.id)
      parent.set(root(p.id), root(p.supersedes));
  const groups = new Map<string, T[]>();
  for (const p of byId.values()) {
    const r = root(p.id);
    groups.set(r, [...(groups.get(r) ?? []), p]);
  }
  return [...groups.values()]
    .map((g) => orderLineage(g))
    .sort((a, b) => (a[0]!.id < b[0]!.id ? -1 : a[0]!.id > b[0]!.id ? 1 : 0));
}

/** The lineage a policy id belongs to (just that policy when nothing links to it); [] for an unknown id. */
export function lineageOf<T extends LineageMember>(policies: readonly T[], id: string): T[] {
  return lineages(policies).find((l) => l.some((p) => p.id === id)) ?? [];
}

/**
 * Oldest first. `supersedes` decides the order: a version always comes after the one it replaces,
 * whatever the dates say. Versions the links leave unordered (two that supersede the same one, or
 * members with no link between them) are ordered by the day they took effect, then by id.
 */
export function orderLineage<T extends LineageMember>(members: readonly T[]): T[] {
  const byId = new Map(members.map((p) => [p.id, p]));
  const key = (p: T) => `${inForceFrom(p)}\u0000${p.id}`;
  const before = (a: T, b: T) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);
  const predecessor = (p: T) => (p.supersedes && p.supersedes !== p.id ? byId.get(p.supersedes) : undefined);
  const out: T[] = [];
  const done = new Set<string>();
  // Kahn's algorithm: of the versions whose predecessor is placed, the earliest goes next.
  for (;;) {
    const ready = [...byId.values()]
      .filter((p) => !done.has(p.id) && (predecessor(p) === undefined || done.has(predecessor(p)!.id)))
      .sort(before);
    const next = ready[0];
    if (!next) break;
    out.push(next);
    done.add(next.id);
  }
  // A cycle of supersedes links has no start: its members still appear, by date.
  return [...out, ...[...byId.values()].filter((p) => !done.has(p.id)).sort(before)];
}

/** Each version of an (ordered) lineage with the days it was in force. */
export function periods<T extends LineageMember>(lineage: readonly T[]): Period<T>[] {
  const ordered = orderLineage(lineage);
  return ordered.map((p, i) => {
    const next = ordered[i + 1] ?? null;
    const from = inForceFrom(p);
    const until = next ? inForceFrom(next) : null;
    const prev = p.supersedes ? (ordered.find((q) => q.id === p.supersedes) ?? null) : null;
    return {
      policy: p,
      from,
      until,
      supersedes: prev,
      supersededBy: next,
      everInForce: until === null || until > from,
    };
  });
}

/**
 * The version of a lineage in force on `date` (YYYY-MM-DD; a longer ISO timestamp is read by its
 * day): the last version, in lineage order, that had taken effect by then. null before the first.
 * A version takes effect at the start of its day, so on the day a successor takes effect the
 * successor is in force.
 */
export function versionInForce<T extends LineageMember>(
  lineage: readonly T[],
  date: string,
): Period<T> | null {
  const day = date.slice(0, 10);
  const ps = periods(lineage);
  for (let i = ps.length - 1; i >= 0; i--) if (ps[i]!.from <= day) return ps[i]!;
  return null;
}

/**
 * Threshold pairs for `diffPolicies` when the older version is on the right: `diffPolicies(from, to)`
 * pairs a threshold of `to` with the predecessor its `lineage` names, which only works when `to` is the
 * newer version. Comparing backwards (newer → older), the lineage sits in `from`; this turns it round
 * into `renames` (id in `to` → id in `from`). Ids that exist in both versions need no entry.
 */
export function reverseLineageRenames(
  from: { domains: readonly { thresholds: readonly { id: string; lineage?: { from: string[] } }[] }[] },
  to: { domains: readonly { thresholds: readonly { id: string }[] }[] },
): Record<string, string> {
  const inTo = new Set(to.domains.flatMap((d) => d.thresholds.map((t) => t.id)));
  const inFrom = new Set(from.domains.flatMap((d) => d.thresholds.map((t) => t.id)));
  const out: Record<string, string> = {};
  for (const d of from.domains)
    for (const t of d.thresholds)
      for (const old of t.lineage?.from ?? [])
        if (inTo.has(old) && !inFrom.has(old) && out[old] === undefined) out[old] = t.id;
  return out;
}
