import type { Evaluation } from "./types";

export interface ModelChange {
  model: string;
  level?: { pre: [string | null, string | null]; post: [string | null, string | null] };
  domains: { id: string; pre: [string | null, string | null]; post: [string | null, string | null] }[];
  safeguards?: { added: string[]; removed: string[] };
  gates: { action: string; from: string | null; to: string | null }[];
}

/**
 * Which models a policy change would affect: the level, the required safeguards or a gate outcome
 * differs between the evaluation under the current version and under the draft. Both lists are the
 * same models, as evaluated by `evaluate` under each policy on the same inputs.
 */
export function compareEvaluations(current: Evaluation[], draft: Evaluation[]): ModelChange[] {
  const byModel = new Map(current.map((e) => [e.model, e]));
  const out: ModelChange[] = [];
  for (const b of draft) {
    const a = byModel.get(b.model);
    const change: ModelChange = { model: b.model, domains: [], gates: [] };
    const pair = <T>(x: T, y: T): [T, T] => [x, y];
    if (!a || a.level.pre !== b.level.pre || a.level.post !== b.level.post) {
      change.level = {
        pre: pair(a?.level.pre ?? null, b.level.pre),
        post: pair(a?.level.post ?? null, b.level.post),
      };
    }
    const domainsA = new Map((a?.domains ?? []).map((d) => [d.id, d]));
    const ids = [...new Set([...(a?.domains ?? []).map((d) => d.id), ...b.domains.map((d) => d.id)])];
    const domainsB = new Map(b.domains.map((d) => [d.id, d]));
    for (const id of ids) {
      const x = domainsA.get(id);
      const y = domainsB.get(id);
      if (x?.level.pre !== y?.level.pre || x?.level.post !== y?.level.post) {
        change.domains.push({
          id,
          pre: pair(x?.level.pre ?? null, y?.level.pre ?? null),
          post: pair(x?.level.post ?? null, y?.level.post ?? null),
        });
      }
    }
    const sa = new Set((a?.safeguards ?? []).map((s) => s.id));
    const sb = new Set(b.safeguards.map((s) => s.id));
    const addedS = [...sb].filter((s) => !sa.has(s));
    const removedS = [...sa].filter((s) => !sb.has(s));
    if (addedS.length || removedS.length) change.safeguards = { added: addedS, removed: removedS };
    const ga = new Map((a?.gates ?? []).map((g) => [g.action, g.outcome]));
    const gb = new Map(b.gates.map((g) => [g.action, g.outcome]));
    for (const action of [...new Set([...ga.keys(), ...gb.keys()])]) {
      if (ga.get(action) !== gb.get(action))
        change.gates.push({ action, from: ga.get(action) ?? null, to: gb.get(action) ?? null });
    }
    if (change.level || change.domains.length || change.safeguards || change.gates.length) out.push(change);
  }
  return out;
}
