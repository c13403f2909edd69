import type { GateWhen, Metric, Mitigation, Policy } from "@/lib/policy/schema";
import { isCapability, levelId } from "@/lib/policy/schema";
import type { AttestationInput, DeterminationInput, ModelInput, ScoreInput } from "./input";
import type { CompiledPolicy, CompiledPredicate, CompiledThreshold } from "./compile";
import { compilePolicy } from "./compile";
import { aggregateScores } from "./aggregate";
import type { Aggregated } from "./aggregate";
import { leafStatus } from "./leaf";
import { evaluateCadence } from "./cadence";
import type {
  DomainResult,
  Evaluation,
  Evidence,
  GateResult,
  IndicatedStatus,
  LeafEvidence,
  ObligationResult,
  SafeguardResult,
  StateResult,
  ThresholdResult,
  ThresholdStatus,
} from "./types";
import { COUNTED } from "./types";

export interface EvaluateOptions {
  /** The date the evaluation speaks for (YYYY-MM-DD). Evidence dated later is not on record yet. */
  asOf: string;
}

/** What leaves read besides scores: the policy's aggregation and the model's declared facts and series. */
interface Env {
  aggregate: Policy["aggregate"];
  facts: Record<string, boolean>;
  series: Record<string, { date: string; value: number }[]>;
}

const DAY_MS = 86_400_000;

/** Least-squares slope of log2(value) per year over the points; null with fewer than two usable points. */
function log2SlopePerYear(points: { date: string; value: number }[]): number | null {
  const xs: number[] = [];
  const ys: number[] = [];
  for (const p of points) {
    if (!(p.value > 0)) continue;
    xs.push(Date.parse(`${p.date}T00:00:00Z`) / DAY_MS / 365.25);
    ys.push(Math.log2(p.value));
  }
  const n = xs.length;
  if (n < 2) return null;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i]! - mx) * (ys[i]! - my);
    sxx += (xs[i]! - mx) ** 2;
  }
  return sxx > 0 ? sxy / sxx : null;
}

/** Order used to combine children: `any` takes the strongest, `all` the weakest (Kleene logic with "missing" as unknown). */
const RANK: Record<IndicatedStatus, number> = {
  below: 0,
  early_warning: 1,
  missing: 2,
  cannot_rule_out: 3,
  reached: 4,
};
const BY_RANK: IndicatedStatus[] = ["below", "early_warning", "missing", "cannot_rule_out", "reached"];

const UNIT_RANGE: Record<Metric["unit"], [number, number] | null> = {
  fraction: [0, 1],
  percent: [0, 100],
  minutes: [0, Number.POSITIVE_INFINITY],
  score: null,
};

/**
 * Evaluates one model under one policy (DESIGN "Evaluation semantics"). Pure and deterministic:
 * the same policy, input and asOf give the same result, byte for byte once serialised.
 */
export function evaluate(policy: Policy, input: ModelInput, opts: EvaluateOptions): Evaluation {
  const cp = compilePolicy(policy);
  const asOf = opts.asOf.slice(0, 10);
  const ignored: Evaluation["ignored"] = [];

  const byMetric = new Map<string, { pre: ScoreInput[]; post: ScoreInput[] }>();
  let hasPostScores = false;
  for (const s of input.scores) {
    const metric = cp.metrics.get(s.metric);
    if (!metric) continue; // not read by this policy
    if (s.value === null || !Number.isFinite(s.value)) {
      ignored.push({ metric: s.metric, reason: "value is not a finite number" });
      continue;
    }
    const range = UNIT_RANGE[metric.unit];
    if (range && (s.value < range[0] || s.value > range[1])) {
      ignored.push({
        metric: s.metric,
        reason: `value ${s.value} is outside the ${metric.unit} range [${range[0]}, ${range[1]}]`,
      });
      continue;
    }
    if (s.evaluated_at && s.evaluated_at.slice(0, 10) > asOf) {
      ignored.push({ metric: s.metric, reason: `evaluated ${s.evaluated_at.slice(0, 10)}, after ${asOf}` });
      continue;
    }
    let slot = byMetric.get(s.metric);
    if (!slot) byMetric.set(s.metric, (slot = { pre: [], post: [] }));
    if (s.mitigation === "post") {
      slot.post.push(s);
      hasPostScores = true;
    } else slot.pre.push(s);
  }
  // Input order carries no meaning: only within a metric group can it matter (ties, mean summation).
  for (const slot of byMetric.values()) {
    if (slot.pre.length > 1) slot.pre = canonicalOrder(slot.pre);
    if (slot.post.length > 1) slot.post = canonicalOrder(slot.post);
  }
  if (ignored.length > 1)
    ignored.sort((a, b) =>
      a.metric < b.metric
        ? -1
        : a.metric > b.metric
          ? 1
          : a.reason < b.reason
            ? -1
            : a.reason > b.reason
              ? 1
              : 0,
    );
  const aggCache = { pre: new Map<Metric, Aggregated | null>(), post: new Map<Metric, Aggregated | null>() };
  const aggregated = (metric: Metric, state: Mitigation): Aggregated | null => {
    const cache = aggCache[state];
    let hit = cache.get(metric);
    if (hit === undefined) {
      const scores = byMetric.get(metric.id)?.[state];
      hit = scores && scores.length > 0 ? aggregateScores(scores, metric, cp.policy.aggregate) : null;
      cache.set(metric, hit);
    }
    return hit;
  };

  const determinations = latestFirst((input.determinations ?? []).filter((d) => d.at.slice(0, 10) <= asOf));
  const attestations = latestFirst((input.attestations ?? []).filter((a) => a.at.slice(0, 10) <= asOf));

  const detsByThreshold = new Map<string, DeterminationInput[]>();
  let postDeterminations = false;
  for (const d of determinations) {
    const list = detsByThreshold.get(d.threshold);
    if (list) list.push(d);
    else detsByThreshold.set(d.threshold, [d]);
    if (d.mitigation === "post") postDeterminations = true;
  }
  const NONE: DeterminationInput[] = [];

  // Series values dated after the evaluation date were not on record yet, like any other evidence.
  const series: Env["series"] = {};
  for (const [id, points] of Object.entries(input.series ?? {}))
    series[id] = points.filter((x) => x.date <= asOf);
  const env: Env = { aggregate: cp.policy.aggregate, facts: input.facts ?? {}, series };
  const pre = new Map<string, StateResult>();
  const post = new Map<string, StateResult>();
  // Without any post-mitigation score or determination the post state is the pre state throughout.
  const judgePost = hasPostScores || postDeterminations;
  for (const t of cp.order) {
    const dets = detsByThreshold.get(t.def.id) ?? NONE;
    const preResult = judge(
      t,
      "pre",
      pre,
      aggregated,
      dets.find((d) => d.mitigation !== "post"),
      env,
    );
    pre.set(t.def.id, preResult);
    let postResult = preResult;
    if (judgePost) {
      const postDet = dets.find((d) => d.mitigation === "post");
      postResult = judge(t, "post", post, aggregated, postDet, env);
      // With no post-mitigation evidence of its own, the post state is the pre state (DESIGN step 3).
      if (!postDet && !usesPostEvidence(postResult.evidence, pre, post)) postResult = preResult;
    }
    post.set(t.def.id, postResult);
  }

  const domains: DomainResult[] = cp.policy.domains.map((d) => {
    const thresholds: ThresholdResult[] = d.thresholds.map((def) => {
      const t = cp.byId.get(def.id)!;
      const p = pre.get(def.id)!;
      const r: ThresholdResult = {
        id: def.id,
        kind: t.kind,
        level: t.kind === "capability" ? cp.levels[t.levelIndex]! : null,
        status: p.status,
        indicated: p.indicated,
        missing_evidence: p.missing_evidence,
        evidence: p.evidence,
        counted: COUNTED.has(p.status),
        post: post.get(def.id)!,
        determinations: detsByThreshold.get(def.id) ?? [],
      };
      if (def.title !== undefined) r.title = def.title;
      if (def.tier !== undefined) r.tier = def.tier;
      if (p.determination) {
        r.determination = p.determination;
        r.disagreement = p.disagreement ?? false;
      }
      return r;
    });
    const levelOf = (states: Map<string, StateResult>, evidencedOnly = false) => {
      let idx = 0;
      for (const def of d.thresholds) {
        const t = cp.byId.get(def.id)!;
        const st = states.get(def.id)!;
        // A status resting on missing evidence (and no human determination) is not evidence of the level.
        if (evidencedOnly && st.missing_evidence && !st.determination) continue;
        if (t.kind === "capability" && COUNTED.has(st.status)) idx = Math.max(idx, t.levelIndex);
      }
      return idx;
    };
    return {
      id: d.id,
      title: d.title,
      level: { pre: cp.levels[levelOf(pre)]!, post: cp.levels[levelOf(post)]! },
      evidenced_level: { pre: cp.levels[levelOf(pre, true)]!, post: cp.levels[levelOf(post, true)]! },
      missing_evidence: thresholds
        .filter((t) => t.counted && t.missing_evidence && !t.determination)
        .map((t) => t.id),
      thresholds,
    };
  });

  const overall = (state: "pre" | "post", key: "level" | "evidenced_level" = "level") =>
    cp.policy.rollup === "none"
      ? null
      : cp.levels[Math.max(0, ...domains.map((d) => cp.levelIndex.get(d[key][state])!))]!;
  const level = { pre: overall("pre"), post: overall("post") };
  const evidencedLevel = { pre: overall("pre", "evidenced_level"), post: overall("post", "evidenced_level") };

  const safeguards = requiredSafeguards(cp, domains, attestations, asOf, env.facts);
  const obligations: ObligationResult[] = [];
  for (const d of domains) {
    for (const t of d.thresholds) {
      const def = cp.byId.get(t.id)!.def;
      if (def.kind === "checkpoint" && t.counted) {
        for (const text of def.obligations)
          obligations.push({ threshold: t.id, text, status: "open", basis: t.status });
      }
    }
  }
  const cadence = evaluateCadence(cp.policy.cadence, input, byMetric, asOf);
  const gates = evaluateGates(cp, {
    level,
    thresholds: new Map(domains.flatMap((d) => d.thresholds.map((t) => [t.id, t] as const))),
    facts: env.facts,
    domains,
    safeguards,
    obligations,
    reassessmentDue: cadence.due,
  });

  return {
    policy: { id: cp.policy.id, version: cp.policy.version },
    model: input.model.id,
    as_of: asOf,
    level,
    evidenced_level: evidencedLevel,
    domains,
    safeguards,
    obligations,
    gates,
    cadence,
    ignored,
  };
}

/**
 * Score order carries no meaning, so fix one: ties in `max`/`latest`, the summation order of `mean`
 * (floating point is not associative) and the `ignored` list must not depend on how the caller listed them.
 */
function canonicalOrder(scores: ScoreInput[]): ScoreInput[] {
  return [...scores].sort(compareScores);
}

function cmp(a: string | number | null | undefined, b: string | number | null | undefined): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return -1;
  if (b === null || b === undefined) return 1;
  if (typeof a !== typeof b) return typeof a < typeof b ? -1 : 1;
  return a < b ? -1 : 1;
}

/** A total order over a score's fields, so equal inputs in any order group identically. */
function compareScores(a: ScoreInput, b: ScoreInput): number {
  return (
    cmp(a.evaluated_at, b.evaluated_at) ||
    cmp(a.value, b.value) ||
    cmp(a.stderr, b.stderr) ||
    cmp(a.n, b.n) ||
    cmp(a.elicitation, b.elicitation) ||
    cmp(a.source, b.source) ||
    cmp(a.id, b.id)
  );
}

function latestFirst<T extends { at: string }>(items: T[]): T[] {
  if (items.length < 2) return items;
  // Later `at` first; among equal dates the one recorded later wins (stable on input order).
  return items
    .map((item, i) => ({ item, i }))
    .sort((a, b) => (a.item.at < b.item.at ? 1 : a.item.at > b.item.at ? -1 : b.i - a.i))
    .map((x) => x.item);
}

/** True when the post state rests on anything that differs from the pre state. */
function usesPostEvidence(
  evidence: Evidence[],
  pre: Map<string, StateResult>,
  post: Map<string, StateResult>,
): boolean {
  return evidence.some((e) =>
    e.kind === "metric"
      ? e.mitigation === "post"
      : e.kind === "threshold"
        ? post.get(e.threshold)?.status !== pre.get(e.threshold)?.status
        : false,
  );
}

function judge(
  t: CompiledThreshold,
  state: Mitigation,
  done: Map<string, StateResult>,
  aggregated: (m: Metric, s: Mitigation) => Aggregated | null,
  determination: DeterminationInput | undefined,
  env: Env,
): StateResult {
  const evidence: Evidence[] = [];
  // A prerequisite that does not count rules this threshold out, whatever its own indicators lack.
  for (const req of t.def.requires ?? []) {
    const other = done.get(req);
    if (!other) continue;
    const counted = COUNTED.has(other.status);
    evidence.push({ kind: "threshold", leaf: "requires", threshold: req, status: other.status, counted });
    if (!counted) {
      const result: StateResult = { status: "below", indicated: "below", missing_evidence: false, evidence };
      if (!determination) return result;
      const status = `determined_${determination.outcome}` as ThresholdStatus;
      return { ...result, status, determination, disagreement: determination.outcome !== "not_reached" };
    }
  }
  const indicated: IndicatedStatus = t.when
    ? evalPredicate(t.when, t, state, done, aggregated, evidence, env)
    : "missing";
  const missing = indicated === "missing";
  const fromIndicators: ThresholdStatus = missing ? (t.def.on_missing ?? "cannot_rule_out") : indicated;
  if (!determination) return { status: fromIndicators, indicated, missing_evidence: missing, evidence };
  const status = `determined_${determination.outcome}` as ThresholdStatus;
  const saysCounted = determination.outcome !== "not_reached";
  // A determination settling missing evidence is not a disagreement: there is nothing to disagree with.
  const disagreement = !missing && saysCounted !== COUNTED.has(fromIndicators);
  return { status, indicated, missing_evidence: missing, evidence, determination, disagreement };
}

function evalPredicate(
  p: CompiledPredicate,
  t: CompiledThreshold,
  state: Mitigation,
  done: Map<string, StateResult>,
  aggregated: (m: Metric, s: Mitigation) => Aggregated | null,
  evidence: Evidence[],
  env: Env,
): IndicatedStatus {
  switch (p.type) {
    case "all":
    case "any": {
      let rank = p.type === "all" ? 4 : 0;
      for (const c of p.children) {
        const r = RANK[evalPredicate(c, t, state, done, aggregated, evidence, env)];
        rank = p.type === "all" ? Math.min(rank, r) : Math.max(rank, r);
      }
      return BY_RANK[rank]!;
    }
    case "not": {
      const inner = evalPredicate(p.child, t, state, done, aggregated, evidence, env);
      return inner === "reached"
        ? "below"
        : inner === "below" || inner === "early_warning"
          ? "reached"
          : inner;
    }
    case "ref": {
      const other = done.get(p.threshold);
      if (!other) return "missing";
      const counted = COUNTED.has(other.status);
      evidence.push({
        kind: "threshold",
        leaf: p.path,
        threshold: p.threshold,
        status: other.status,
        counted,
      });
      if (other.status === "reached" || other.status === "determined_reached") return "reached";
      if (counted) return "cannot_rule_out";
      return other.status === "early_warning" ? "early_warning" : "below";
    }
    case "fact": {
      const value = env.facts[p.fact];
      // An unknown fact is missing evidence, never a "no".
      const status: IndicatedStatus = value === undefined ? "missing" : value === p.is ? "reached" : "below";
      evidence.push({
        kind: "fact",
        leaf: p.path,
        fact: p.fact,
        expected: p.is,
        value: value ?? null,
        status,
      });
      return status;
    }
    case "rate": {
      const points = [...(env.series[p.series] ?? [])].sort((a, b) =>
        a.date < b.date ? -1 : a.date > b.date ? 1 : 0,
      );
      const newest = points.length ? Date.parse(`${points[points.length - 1]!.date}T00:00:00Z`) : 0;
      const recent = points.filter(
        (x) => Date.parse(`${x.date}T00:00:00Z`) >= newest - p.recentDays * DAY_MS,
      );
      const baseline = points.filter((x) => x.date >= p.baselineFrom && x.date <= p.baselineTo);
      const r = log2SlopePerYear(recent);
      const b = log2SlopePerYear(baseline);
      let status: IndicatedStatus;
      let ratio: number | null = null;
      let note: string | undefined;
      if (r === null || b === null) {
        status = "missing";
        note = `needs two dated values in each window (recent ${recent.length}, baseline ${baseline.length})`;
      } else if (b <= 0) {
        status = "missing";
        note = "the baseline rate is not positive: no ratio can be formed";
      } else {
        ratio = r / b;
        // A ratio of two fitted slopes carries rounding noise a stored score does not (an exact doubling
        // computes as 1.9999999999): compare with a relative tolerance of 1e-9.
        status = ratio >= p.ratio * (1 - 1e-9) ? "reached" : "below";
      }
      evidence.push({
        kind: "rate",
        leaf: p.path,
        series: p.series,
        calibration: p.calibration,
        recent_rate: r,
        baseline_rate: b,
        ratio,
        threshold: p.ratio,
        n_recent: recent.length,
        n_baseline: baseline.length,
        status,
        ...(note ? { note } : {}),
      });
      return status;
    }
    case "metric": {
      const wanted = p.mitigation ?? state;
      let agg = aggregated(p.metric, wanted);
      let fallback = false;
      // A post evaluation reads pre scores for metrics that have no post score, unless the leaf pins its state.
      if (!agg && wanted === "post" && p.mitigation === undefined) {
        agg = aggregated(p.metric, "pre");
        fallback = agg !== null;
      }
      const e: LeafEvidence = leafStatus(p, agg, t.margin, env.aggregate);
      e.mitigation = agg ? (fallback ? "pre" : wanted) : null;
      if (fallback) e.fallback_to_pre = true;
      evidence.push(e);
      return e.status;
    }
  }
}

function requiredSafeguards(
  cp: CompiledPolicy,
  domains: DomainResult[],
  attestations: AttestationInput[],
  asOf: string,
  facts: Record<string, boolean>,
): SafeguardResult[] {
  const requiredBy = new Map<string, string[]>();
  for (const d of domains) {
    for (const t of d.thresholds) {
      const def = cp.byId.get(t.id)!.def;
      if (!isCapability(def) || !t.counted) continue;
      for (const s of def.safeguards ?? []) requiredBy.set(s, [...(requiredBy.get(s) ?? []), t.id]);
    }
  }
  const ladders = new Map(
    Object.entries(cp.policy.ladders ?? {}).map(([id, rungs]) => [id, rungs.map(levelId)]),
  );
  const out: SafeguardResult[] = [];
  for (const s of cp.policy.safeguards) {
    const by = requiredBy.get(s.id);
    if (!by) continue;
    const att = attestations.find((a) => a.safeguard === s.id && a.status !== "planned");
    const planned = attestations.find((a) => a.safeguard === s.id);
    const shown = att ?? planned;
    let status: SafeguardResult["status"] = !att
      ? "missing"
      : att.expires_at && att.expires_at.slice(0, 10) <= asOf
        ? "expired"
        : "attested";
    let note: string | undefined;
    // A requirement that applies only in some circumstances (e.g. an industry recommendation that binds
    // only when competitors are strong) is inactive when a declared fact is known to be false. An
    // unknown fact keeps it active: missing evidence never lifts a requirement.
    const off = (s.active_when ?? []).filter((f) => facts[f] === false);
    if (off.length > 0) {
      status = "inactive";
      note = `applies only when ${off.join(", ")} ${off.length > 1 ? "hold" : "holds"}; known to be false`;
    } else if (status === "attested" && s.ladder && s.min) {
      const rungs = ladders.get(s.ladder) ?? [];
      const have = att?.level ? rungs.indexOf(att.level) : -1;
      if (have < rungs.indexOf(s.min)) {
        status = "insufficient";
        note = `attested ${att?.level ?? "no level"}; requires ${s.min} or higher on ${s.ladder}`;
      }
    }
    out.push({
      id: s.id,
      track: s.track,
      title: s.title,
      ...(s.kind ? { kind: s.kind } : {}),
      ...(s.commitment ? { commitment: s.commitment } : {}),
      status,
      required_by: by,
      ...(s.min ? { min: s.min } : {}),
      ...(note ? { note } : {}),
      ...(shown
        ? {
            attestation: {
              status: shown.status,
              by: shown.by,
              at: shown.at,
              expires_at: shown.expires_at ?? null,
              ...(shown.level ? { level: shown.level } : {}),
            },
          }
        : {}),
    });
  }
  return out;
}

interface GateFacts {
  level: { pre: string | null; post: string | null };
  thresholds: Map<string, ThresholdResult>;
  facts: Record<string, boolean>;
  domains: DomainResult[];
  safeguards: SafeguardResult[];
  obligations: ObligationResult[];
  reassessmentDue: boolean;
}

function evaluateGates(cp: CompiledPolicy, facts: GateFacts): GateResult[] {
  const out: GateResult[] = [];
  for (const [action, rules] of Object.entries(cp.policy.gates)) {
    const notMatched: string[] = [];
    let result: GateResult | null = null;
    rules.forEach((rule, i) => {
      if (result) return;
      const checks = checkWhen(cp, rule.when, facts);
      const failed = checks.filter((c) => !c.ok);
      if (failed.length === 0) {
        result = {
          action,
          outcome: rule.outcome,
          rule: i + 1,
          ...(rule.approvers ? { approvers: rule.approvers } : {}),
          ...(rule.within_days !== undefined ? { within_days: rule.within_days } : {}),
          reasons: [
            ...notMatched,
            ...(checks.length > 0 ? checks.map((c) => c.text) : ["unconditional rule"]),
            ...(rule.reason ? [rule.reason] : []),
          ],
        };
      } else {
        notMatched.push(`rule ${i + 1} (${rule.outcome}) not met: ${failed.map((c) => c.text).join("; ")}`);
      }
    });
    out.push(
      result ?? {
        action,
        outcome: "block",
        rule: null,
        reasons: [...notMatched, "no rule matched: blocked (gates fail closed)"],
      },
    );
  }
  return out;
}

function checkWhen(
  cp: CompiledPolicy,
  when: GateWhen | undefined,
  f: GateFacts,
): { ok: boolean; text: string }[] {
  if (!when) return [];
  const checks: { ok: boolean; text: string }[] = [];
  for (const state of ["pre", "post"] as const) {
    const bound = when[state];
    if (!bound) continue;
    const domain = bound.domain ? f.domains.find((d) => d.id === bound.domain) : undefined;
    const lv = domain ? domain.level[state] : f.level[state];
    const where = `${state}-mitigation ${domain ? `${domain.id} level` : "level"} ${lv ?? "(none)"}`;
    const idx = lv === null ? -1 : cp.levelIndex.get(lv)!;
    if (bound.at_most !== undefined) {
      const ok = lv !== null && idx <= cp.levelIndex.get(bound.at_most)!;
      checks.push({ ok, text: `${where} is ${ok ? "" : "not "}at most ${bound.at_most}` });
    }
    if (bound.at_least !== undefined) {
      const ok = lv !== null && idx >= cp.levelIndex.get(bound.at_least)!;
      checks.push({ ok, text: `${where} is ${ok ? "" : "not "}at least ${bound.at_least}` });
    }
  }
  if (when.safeguards !== undefined) {
    const track = typeof when.safeguards === "string" ? null : when.safeguards.track;
    const want = typeof when.safeguards === "string" ? when.safeguards : when.safeguards.status;
    // An inactive requirement does not apply here, so it neither blocks nor counts as attested.
    const relevant = f.safeguards.filter(
      (s) => (track === null || s.track === track) && s.status !== "inactive",
    );
    const notAttested = relevant.filter((s) => s.status !== "attested");
    const allAttested = notAttested.length === 0;
    const scope = track ? `${track} safeguards` : "safeguards";
    const detail =
      relevant.length === 0
        ? `no ${scope} are required`
        : allAttested
          ? `required ${scope} attested: ${relevant.map((s) => s.id).join(", ")}`
          : `required ${scope} not attested: ${notAttested.map((s) => `${s.id} (${s.status})`).join(", ")}`;
    checks.push({ ok: want === "attested" ? allAttested : !allAttested, text: detail });
  }
  if (when.obligations !== undefined) {
    const open = f.obligations.length > 0;
    const text = open
      ? `open obligations from ${[...new Set(f.obligations.map((o) => o.threshold))].join(", ")}`
      : "no open obligations";
    checks.push({ ok: when.obligations === "open" ? open : !open, text });
  }
  for (const [id, want] of Object.entries(when.thresholds ?? {})) {
    const t = f.thresholds.get(id);
    const counted = t?.counted ?? false;
    checks.push({
      ok: (want === "counted") === counted,
      text: `${id} is ${counted ? "" : "not "}counted${t ? ` (${t.status})` : ""}`,
    });
  }
  for (const [id, want] of Object.entries(when.facts ?? {})) {
    const v = f.facts[id];
    // An unknown fact matches neither value: a rule conditioned on it cannot fire on a guess.
    checks.push({ ok: v === want, text: v === undefined ? `${id} is unknown` : `${id} is ${v}` });
  }
  if (when.reassessment !== undefined) {
    checks.push({
      ok: (when.reassessment === "due") === f.reassessmentDue,
      text: f.reassessmentDue ? "reassessment is due" : "assessment is current",
    });
  }
  return checks;
}
