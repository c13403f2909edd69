import type { Metric, Policy, Predicate, Threshold } from "./schema";
import {
  comparatorOf,
  isCapability,
  isFactLeaf,
  isMetricLeaf,
  isRateLeaf,
  isThresholdRef,
  levelId,
} from "./schema";
import type { SemanticProblem, YamlPath } from "./problems";

const UNIT_RANGE: Record<Metric["unit"], [number, number] | null> = {
  fraction: [0, 1],
  percent: [0, 100],
  minutes: [0, Number.POSITIVE_INFINITY],
  score: null,
};

/** Checks that schema validation cannot: references, uniqueness, cycles, reachability. */
export function checkSemantics(policy: Policy, expectedId?: string): SemanticProblem[] {
  const out: SemanticProblem[] = [];
  if (expectedId !== undefined && policy.id !== expectedId) {
    out.push({ path: ["id"], message: `id "${policy.id}" must equal the file name "${expectedId}"` });
  }

  const levels = policy.levels.map(levelId);
  duplicates(levels, (i, id) => out.push({ path: ["levels", i], message: `duplicate level "${id}"` }));
  const levelSet = new Set(levels);

  const metricIds = policy.metrics.map((m) => m.id);
  duplicates(metricIds, (i, id) =>
    out.push({ path: ["metrics", i, "id"], message: `duplicate metric id "${id}"` }),
  );
  const metrics = new Map(policy.metrics.map((m) => [m.id, m]));
  policy.metrics.forEach((m, i) => {
    // A metric where lower is riskier (a transformed score, a refusal rate) may run from a high
    // floor down to its ceiling; where higher is riskier the floor must lie below the ceiling.
    if (
      m.chance !== undefined &&
      m.ceiling !== undefined &&
      (m.higher_is_riskier ? m.chance >= m.ceiling : m.chance === m.ceiling)
    ) {
      out.push({
        path: ["metrics", i, "chance"],
        message: `chance (${m.chance}) must be below ceiling (${m.ceiling})${m.higher_is_riskier ? "" : " or above it"}`,
      });
    }
  });

  duplicates(
    policy.domains.map((d) => d.id),
    (i, id) => out.push({ path: ["domains", i, "id"], message: `duplicate domain id "${id}"` }),
  );
  const domainSet = new Set(policy.domains.map((d) => d.id));

  const safeguardIds = policy.safeguards.map((s) => s.id);
  duplicates(safeguardIds, (i, id) =>
    out.push({ path: ["safeguards", i, "id"], message: `duplicate safeguard id "${id}"` }),
  );
  const safeguardSet = new Set(safeguardIds);

  const thresholds = new Map<string, { t: Threshold; path: YamlPath }>();
  policy.domains.forEach((d, di) =>
    d.thresholds.forEach((t, ti) => {
      const path: YamlPath = ["domains", di, "thresholds", ti];
      if (thresholds.has(t.id))
        out.push({ path: [...path, "id"], message: `duplicate threshold id "${t.id}"` });
      else thresholds.set(t.id, { t, path });
    }),
  );

  const factSet = new Set((policy.facts ?? []).map((f) => f.id));
  duplicates(
    (policy.facts ?? []).map((f) => f.id),
    (i, id) => out.push({ path: ["facts", i, "id"], message: `duplicate fact id "${id}"` }),
  );
  const seriesSet = new Set((policy.series ?? []).map((f) => f.id));
  const ladders = new Map(
    Object.entries(policy.ladders ?? {}).map(([id, rungs]) => [id, rungs.map(levelId)]),
  );
  for (const [id, rungs] of ladders) {
    duplicates(rungs, (i, r) =>
      out.push({ path: ["ladders", id, i], message: `duplicate rung "${r}" in ladder ${id}` }),
    );
  }
  policy.safeguards.forEach((sg, i) => {
    sg.active_when?.forEach((f, fi) => {
      if (!factSet.has(f))
        out.push({
          path: ["safeguards", i, "active_when", fi],
          message: `fact "${f}" is not declared in facts`,
        });
    });
    if (sg.ladder !== undefined) {
      const rungs = ladders.get(sg.ladder);
      if (!rungs)
        out.push({
          path: ["safeguards", i, "ladder"],
          message: `ladder "${sg.ladder}" is not declared in ladders`,
        });
      else if (sg.min !== undefined && !rungs.includes(sg.min)) {
        out.push({
          path: ["safeguards", i, "min"],
          message: `"${sg.min}" is not a rung of ladder ${sg.ladder} (${rungs.join(" < ")})`,
        });
      }
    }
  });

  for (const { t, path } of thresholds.values()) {
    if (isCapability(t)) {
      if (!levelSet.has(t.level)) {
        out.push({
          path: [...path, "level"],
          message: `level "${t.level}" is not declared in levels (${levels.join(", ")})`,
        });
      }
      t.safeguards?.forEach((s, si) => {
        if (!safeguardSet.has(s))
          out.push({
            path: [...path, "safeguards", si],
            message: `safeguard "${s}" is not declared in safeguards`,
          });
      });
    }
    let numericLeaves = 0;
    if (t.when) {
      walk(t.when, [...path, "when"], (p, ppath) => {
        if (isMetricLeaf(p)) {
          numericLeaves++;
          const metric = metrics.get(p.metric);
          if (!metric) {
            out.push({
              path: [...ppath, "metric"],
              message: `metric "${p.metric}" is not declared in metrics`,
            });
            return;
          }
          const { op, value } = comparatorOf(p);
          const range = UNIT_RANGE[metric.unit];
          if (range && (value < range[0] || value > range[1])) {
            out.push({
              path: [...ppath, op],
              message: `${value} is outside the ${metric.unit} range [${range[0]}, ${range[1]}] of ${metric.id}`,
            });
          }
        } else if (isFactLeaf(p)) {
          if (!factSet.has(p.fact))
            out.push({ path: [...ppath, "fact"], message: `fact "${p.fact}" is not declared in facts` });
        } else if (isRateLeaf(p)) {
          if (!seriesSet.has(p.rate.series)) {
            out.push({
              path: [...ppath, "rate", "series"],
              message: `series "${p.rate.series}" is not declared in series`,
            });
          }
          if (p.rate.baseline.from >= p.rate.baseline.to) {
            out.push({
              path: [...ppath, "rate", "baseline"],
              message: "the baseline window must end after it starts",
            });
          }
        } else if (isThresholdRef(p)) {
          if (!thresholds.has(p.threshold)) {
            out.push({
              path: [...ppath, "threshold"],
              message: `threshold "${p.threshold}" is not declared`,
            });
          } else if (p.threshold === t.id) {
            out.push({ path: [...ppath, "threshold"], message: `threshold "${t.id}" refers to itself` });
          }
        }
      });
    }
    t.requires?.forEach((r, ri) => {
      if (!thresholds.has(r))
        out.push({ path: [...path, "requires", ri], message: `threshold "${r}" is not declared` });
      else if (r === t.id)
        out.push({ path: [...path, "requires", ri], message: `threshold "${t.id}" requires itself` });
    });
    if (t.early_warning && numericLeaves === 0) {
      out.push({
        path: [...path, "early_warning"],
        message: "early_warning needs at least one numeric leaf (metric with gte/gt/lte/lt) in when",
      });
    }
  }

  for (const cycle of referenceCycles(thresholds)) {
    const first = thresholds.get(cycle[0] ?? "");
    out.push({
      path: first ? [...first.path, "when"] : [],
      message: `threshold references form a cycle: ${cycle.join(" -> ")}`,
    });
  }

  for (const [action, rules] of Object.entries(policy.gates)) {
    let unconditionalAt = -1;
    rules.forEach((rule, ri) => {
      const rpath: YamlPath = ["gates", action, ri];
      if (unconditionalAt >= 0) {
        out.push({
          path: rpath,
          message: `gate "${action}" rule ${ri + 1} is unreachable: rule ${unconditionalAt + 1} always matches`,
        });
      }
      const when = rule.when;
      const isUnconditional = !when || Object.values(when).every((v) => v === undefined);
      if (isUnconditional && unconditionalAt < 0) unconditionalAt = ri;
      for (const state of ["pre", "post"] as const) {
        const bound = when?.[state];
        if (!bound) continue;
        for (const k of ["at_most", "at_least"] as const) {
          const lv = bound[k];
          if (lv !== undefined && !levelSet.has(lv)) {
            out.push({
              path: [...rpath, "when", state, k],
              message: `level "${lv}" is not declared in levels`,
            });
          }
        }
        if (bound.domain !== undefined && !domainSet.has(bound.domain)) {
          out.push({
            path: [...rpath, "when", state, "domain"],
            message: `domain "${bound.domain}" is not declared`,
          });
        }
        if (bound.domain === undefined && policy.rollup === "none") {
          out.push({
            path: [...rpath, "when", state],
            message: `rollup is "none", so there is no overall level: name a domain`,
          });
        }
      }
      for (const id of Object.keys(when?.thresholds ?? {})) {
        if (!thresholds.has(id))
          out.push({
            path: [...rpath, "when", "thresholds"],
            key: id,
            message: `threshold "${id}" is not declared`,
          });
      }
      for (const id of Object.keys(when?.facts ?? {})) {
        if (!factSet.has(id))
          out.push({
            path: [...rpath, "when", "facts"],
            key: id,
            message: `fact "${id}" is not declared in facts`,
          });
      }
      const sg = when?.safeguards;
      if (sg && typeof sg === "object" && !policy.safeguards.some((s) => s.track === sg.track)) {
        out.push({
          path: [...rpath, "when", "safeguards", "track"],
          message: `no safeguard has track "${sg.track}"`,
        });
      }
    });
  }
  return out;
}

function duplicates(ids: string[], report: (index: number, id: string) => void): void {
  const seen = new Set<string>();
  ids.forEach((id, i) => {
    if (seen.has(id)) report(i, id);
    seen.add(id);
  });
}

export function walk(p: Predicate, path: YamlPath, visit: (p: Predicate, path: YamlPath) => void): void {
  visit(p, path);
  if ("all" in p) p.all.forEach((c, i) => walk(c, [...path, "all", i], visit));
  else if ("any" in p) p.any.forEach((c, i) => walk(c, [...path, "any", i], visit));
  else if ("not" in p) walk(p.not, [...path, "not"], visit);
}

export function thresholdRefs(t: Threshold): string[] {
  const refs: string[] = [...(t.requires ?? [])];
  if (t.when) walk(t.when, [], (p) => isThresholdRef(p) && refs.push(p.threshold));
  return refs;
}

/** Every elementary cycle found by DFS, each reported once from its first member. */
function referenceCycles(thresholds: Map<string, { t: Threshold }>): string[][] {
  const state = new Map<string, "visiting" | "done">();
  const cycles: string[][] = [];
  const stack: string[] = [];
  const visit = (id: string) => {
    state.set(id, "visiting");
    stack.push(id);
    for (const ref of thresholdRefs(thresholds.get(id)!.t)) {
      if (!thresholds.has(ref) || ref === id) continue;
      const s = state.get(ref);
      if (s === "visiting") cycles.push([...stack.slice(stack.indexOf(ref)), ref]);
      else if (s === undefined) visit(ref);
    }
    stack.pop();
    state.set(id, "done");
  };
  for (const id of thresholds.keys()) if (!state.has(id)) visit(id);
  return cycles;
}
