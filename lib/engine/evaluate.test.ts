import { describe, expect, it } from "vitest";
import { formatProblem, loadPolicyText } from "@/lib/policy";
import type { Policy } from "@/lib/policy";
import { evaluate } from "./evaluate";
import type { AttestationInput, DeterminationInput, ModelInput, ScoreInput } from "./input";
import type { Evaluation, IndicatedStatus, LeafEvidence, ThresholdResult, ThresholdStatus } from "./types";

const AS_OF = "2025-06-01";

function metric(id: string, domain: string, unit = "fraction", higherIsRiskier = true) {
  return { id, domain, unit, higher_is_riskier: higherIsRiskier, continuity: "continuous" };
}

const METRICS = [
  metric("cyber.up", "cyber"),
  metric("cyber.up2", "cyber"),
  metric("cyber.up3", "cyber"),
  metric("cyber.down", "cyber", "fraction", false),
  metric("bio.up", "bio"),
  metric("bio.pct", "bio", "percent"),
  metric("auto.up", "autonomy"),
  metric("auto.minutes", "autonomy", "minutes"),
  metric("auto.score", "autonomy", "score"),
];

const SAFEGUARDS = [
  { id: "sec-medium", track: "security", title: "Security (medium)" },
  { id: "sec-high", track: "security", title: "Security (high)" },
  { id: "dep-high", track: "deployment", title: "Deployment (high)" },
  { id: "dep-unused", track: "deployment", title: "Never required" },
];

/** Builds a policy through the real loader, so every policy under test is a valid one. */
function load(over: Record<string, unknown>): Policy {
  const doc = {
    schema: "scalegate/policy@1",
    id: "test-policy",
    title: "Test policy",
    version: "1.0",
    publisher: "Scalegate tests",
    published: "2025-01-01",
    source: "https://example.org/policy",
    levels: ["low", "medium", "high", "critical"],
    rollup: "max",
    aggregate: "max",
    metrics: METRICS,
    safeguards: SAFEGUARDS,
    gates: { deploy: [{ outcome: "allow" }] },
    ...over,
  };
  const r = loadPolicyText(JSON.stringify(doc, null, 1), "test-policy.yaml");
  if (!r.ok) throw new Error(r.problems.map(formatProblem).join("\n"));
  return r.policy;
}

/** One domain, one capability threshold `t` at level high. */
function single(
  when: unknown,
  extra: Record<string, unknown> = {},
  over: Record<string, unknown> = {},
): Policy {
  return load({
    domains: [
      {
        id: "cyber",
        title: "Cyber",
        thresholds: [
          { id: "t", level: "high", definition: "test threshold", ...(when ? { when } : {}), ...extra },
        ],
      },
    ],
    ...over,
  });
}

const leaf = (m: string, op: string, v: number, extra: Record<string, unknown> = {}) => ({
  metric: m,
  [op]: v,
  calibration: "illustrative",
  ...extra,
});

let nextId = 0;
function sc(m: string, value: number | null, extra: Partial<ScoreInput> = {}): ScoreInput {
  return { id: `s${++nextId}`, metric: m, value, ...extra };
}

function det(outcome: DeterminationInput["outcome"], at: string, extra: Partial<DeterminationInput> = {}) {
  return {
    threshold: "t",
    outcome,
    by: "reviewer",
    rationale: "because",
    at,
    ...extra,
  } as DeterminationInput;
}

function att(
  safeguard: string,
  status: AttestationInput["status"],
  at: string,
  extra: Partial<AttestationInput> = {},
) {
  return { safeguard, status, by: "officer", at, ...extra } as AttestationInput;
}

function run(policy: Policy, input: Partial<ModelInput>, asOf = AS_OF): Evaluation {
  return evaluate(policy, { model: { id: "m1" }, scores: [], ...input }, { asOf });
}

function th(ev: Evaluation, id: string): ThresholdResult {
  const t = ev.domains.flatMap((d) => d.thresholds).find((x) => x.id === id);
  if (!t) throw new Error(`no threshold ${id}`);
  return t;
}

function leaves(evidence: ThresholdResult["evidence"]): LeafEvidence[] {
  return evidence.filter((e): e is LeafEvidence => e.kind === "metric");
}

// ---------------------------------------------------------------------------------------------
describe("evidence usability", () => {
  interface Row {
    label: string;
    leaf: ReturnType<typeof leaf>;
    scores: ScoreInput[];
    on_missing?: "below" | "cannot_rule_out";
    status: ThresholdStatus;
    indicated: IndicatedStatus;
    ignored: { metric: string; reason: string }[];
  }
  const gte = leaf("cyber.up", "gte", 0.5);
  const NOT_FINITE = { metric: "cyber.up", reason: "value is not a finite number" };
  const rows: Row[] = [
    {
      label: "NaN value is ignored: missing -> cannot_rule_out",
      leaf: gte,
      scores: [sc("cyber.up", NaN)],
      status: "cannot_rule_out",
      indicated: "missing",
      ignored: [NOT_FINITE],
    },
    {
      label: "null value is ignored: missing -> cannot_rule_out",
      leaf: gte,
      scores: [sc("cyber.up", null)],
      status: "cannot_rule_out",
      indicated: "missing",
      ignored: [NOT_FINITE],
    },
    {
      label: "Infinity is ignored",
      leaf: gte,
      scores: [sc("cyber.up", Infinity)],
      status: "cannot_rule_out",
      indicated: "missing",
      ignored: [NOT_FINITE],
    },
    {
      label: "NaN with on_missing below is below",
      leaf: gte,
      scores: [sc("cyber.up", NaN)],
      on_missing: "below",
      status: "below",
      indicated: "missing",
      ignored: [NOT_FINITE],
    },
    {
      label: "NaN beside a usable score: the usable one decides",
      leaf: gte,
      scores: [sc("cyber.up", NaN), sc("cyber.up", 0.7)],
      status: "reached",
      indicated: "reached",
      ignored: [NOT_FINITE],
    },
    {
      label: "fraction 1.2 is outside the unit range and ignored",
      leaf: gte,
      scores: [sc("cyber.up", 1.2)],
      status: "cannot_rule_out",
      indicated: "missing",
      ignored: [{ metric: "cyber.up", reason: "value 1.2 is outside the fraction range [0, 1]" }],
    },
    {
      label: "fraction -0.1 is outside the unit range and ignored",
      leaf: gte,
      scores: [sc("cyber.up", -0.1)],
      on_missing: "below",
      status: "below",
      indicated: "missing",
      ignored: [{ metric: "cyber.up", reason: "value -0.1 is outside the fraction range [0, 1]" }],
    },
    {
      label: "fraction exactly 1 is usable",
      leaf: gte,
      scores: [sc("cyber.up", 1)],
      status: "reached",
      indicated: "reached",
      ignored: [],
    },
    {
      label: "fraction exactly 0 is usable",
      leaf: gte,
      scores: [sc("cyber.up", 0)],
      status: "below",
      indicated: "below",
      ignored: [],
    },
    {
      label: "percent 100.5 is outside the unit range",
      leaf: leaf("bio.pct", "gte", 50),
      scores: [sc("bio.pct", 100.5)],
      status: "cannot_rule_out",
      indicated: "missing",
      ignored: [{ metric: "bio.pct", reason: "value 100.5 is outside the percent range [0, 100]" }],
    },
    {
      label: "percent 100 is usable",
      leaf: leaf("bio.pct", "gte", 50),
      scores: [sc("bio.pct", 100)],
      status: "reached",
      indicated: "reached",
      ignored: [],
    },
    {
      label: "minutes have no upper bound",
      leaf: leaf("auto.minutes", "gte", 60),
      scores: [sc("auto.minutes", 1e6)],
      status: "reached",
      indicated: "reached",
      ignored: [],
    },
    {
      label: "negative minutes are ignored",
      leaf: leaf("auto.minutes", "gte", 60),
      scores: [sc("auto.minutes", -1)],
      status: "cannot_rule_out",
      indicated: "missing",
      ignored: [{ metric: "auto.minutes", reason: "value -1 is outside the minutes range [0, Infinity]" }],
    },
    {
      label: "score unit has no range",
      leaf: leaf("auto.score", "lte", -3),
      scores: [sc("auto.score", -5)],
      status: "reached",
      indicated: "reached",
      ignored: [],
    },
    {
      label: "evaluated after as_of is not on record yet",
      leaf: gte,
      scores: [sc("cyber.up", 0.9, { evaluated_at: "2025-06-02" })],
      status: "cannot_rule_out",
      indicated: "missing",
      ignored: [{ metric: "cyber.up", reason: "evaluated 2025-06-02, after 2025-06-01" }],
    },
    {
      label: "evaluated late on the as_of day counts",
      leaf: gte,
      scores: [sc("cyber.up", 0.9, { evaluated_at: "2025-06-01T23:59:59Z" })],
      status: "reached",
      indicated: "reached",
      ignored: [],
    },
    {
      label: "a metric the policy does not read is skipped silently",
      leaf: gte,
      scores: [sc("other.metric", 0.9)],
      status: "cannot_rule_out",
      indicated: "missing",
      ignored: [],
    },
    {
      label: "no scores, on_missing default is cannot_rule_out",
      leaf: gte,
      scores: [],
      status: "cannot_rule_out",
      indicated: "missing",
      ignored: [],
    },
    {
      label: "no scores, on_missing cannot_rule_out",
      leaf: gte,
      scores: [],
      on_missing: "cannot_rule_out",
      status: "cannot_rule_out",
      indicated: "missing",
      ignored: [],
    },
    {
      label: "no scores, on_missing below",
      leaf: gte,
      scores: [],
      on_missing: "below",
      status: "below",
      indicated: "missing",
      ignored: [],
    },
  ];
  it.each(rows)("$label", (row) => {
    const p = single(row.leaf, row.on_missing ? { on_missing: row.on_missing } : {});
    const ev = run(p, { scores: row.scores });
    const t = th(ev, "t");
    expect(t.status).toBe(row.status);
    expect(t.indicated).toBe(row.indicated);
    expect(t.missing_evidence).toBe(row.indicated === "missing");
    expect(t.counted).toBe(row.status === "reached" || row.status === "cannot_rule_out");
    expect(ev.domains[0]!.level.pre).toBe(t.counted ? "high" : "low");
    expect(ev.ignored).toEqual(row.ignored);
  });

  it("a threshold without `when` is missing evidence until someone determines it", () => {
    const ev = run(single(undefined), { scores: [sc("cyber.up", 0.9)] });
    expect(th(ev, "t")).toMatchObject({
      status: "cannot_rule_out",
      indicated: "missing",
      missing_evidence: true,
      evidence: [],
    });
  });
});

// ---------------------------------------------------------------------------------------------
describe("predicate combinations", () => {
  // Strongest first, as decided for `any` (strongest child) and `all` (weakest child).
  const ORDER: IndicatedStatus[] = ["reached", "cannot_rule_out", "missing", "early_warning", "below"];
  const strength = (s: IndicatedStatus) => ORDER.length - ORDER.indexOf(s);
  const scoresFor = (m: string, s: IndicatedStatus): ScoreInput[] =>
    ({
      reached: [sc(m, 0.9)],
      cannot_rule_out: [sc(m, 0.45, { stderr: 0.05 })],
      early_warning: [sc(m, 0.45)],
      below: [sc(m, 0.1)],
      missing: [],
    })[s];
  const policyFor = (when: unknown) => single(when, { on_missing: "below", early_warning: { margin: 0.1 } });
  const A = leaf("cyber.up", "gte", 0.5);
  const B = leaf("cyber.up2", "gte", 0.5);
  const C = leaf("cyber.up3", "gte", 0.5);

  const pairs = ORDER.flatMap((a) => ORDER.map((b) => ({ a, b })));
  const combos = (["any", "all"] as const).flatMap((op) =>
    pairs.map(({ a, b }) => {
      const pick = op === "any" ? (strength(a) >= strength(b) ? a : b) : strength(a) <= strength(b) ? a : b;
      return { label: `${op}(${a}, ${b}) = ${pick}`, op, a, b, expected: pick };
    }),
  );

  it.each(combos)("$label", ({ op, a, b, expected }) => {
    const ev = run(policyFor({ [op]: [A, B] }), {
      scores: [...scoresFor("cyber.up", a), ...scoresFor("cyber.up2", b)],
    });
    const t = th(ev, "t");
    expect(t.indicated).toBe(expected);
    // on_missing: below turns a missing result into below; everything else is the indicator.
    expect(t.status).toBe(expected === "missing" ? "below" : expected);
    expect(leaves(t.evidence).map((e) => [e.leaf, e.status])).toEqual([
      [`when/${op}/0`, a],
      [`when/${op}/1`, b],
    ]);
  });

  const NOT: [IndicatedStatus, IndicatedStatus][] = [
    ["reached", "below"],
    ["below", "reached"],
    ["early_warning", "reached"],
    ["cannot_rule_out", "cannot_rule_out"],
    ["missing", "missing"],
  ];
  it.each(NOT.map(([inner, out]) => ({ label: `not(${inner}) = ${out}`, inner, out })))(
    "$label",
    ({ inner, out }) => {
      const ev = run(policyFor({ not: A }), { scores: scoresFor("cyber.up", inner) });
      expect(th(ev, "t").indicated).toBe(out);
      expect(leaves(th(ev, "t").evidence)[0]).toMatchObject({ leaf: "when/not", status: inner });
    },
  );

  const nested: {
    label: string;
    when: unknown;
    a: IndicatedStatus;
    b: IndicatedStatus;
    c: IndicatedStatus;
    out: IndicatedStatus;
  }[] = [
    {
      label: "not(all(reached, below)) = reached",
      when: { not: { all: [A, B] } },
      a: "reached",
      b: "below",
      c: "missing",
      out: "reached",
    },
    {
      label: "not(any(reached, below)) = below",
      when: { not: { any: [A, B] } },
      a: "reached",
      b: "below",
      c: "missing",
      out: "below",
    },
    {
      label: "any(not(reached), all(missing, reached)) = missing",
      when: { any: [{ not: A }, { all: [B, C] }] },
      a: "reached",
      b: "missing",
      c: "reached",
      out: "missing",
    },
    {
      label: "all(reached, cannot_rule_out, missing) = missing",
      when: { all: [A, B, C] },
      a: "reached",
      b: "cannot_rule_out",
      c: "missing",
      out: "missing",
    },
    {
      label: "any(below, early_warning, below) = early_warning",
      when: { any: [A, B, C] },
      a: "below",
      b: "early_warning",
      c: "below",
      out: "early_warning",
    },
    {
      label: "all(any(missing, reached), not(below)) = reached",
      when: { all: [{ any: [A, B] }, { not: C }] },
      a: "missing",
      b: "reached",
      c: "below",
      out: "reached",
    },
    {
      label: "all(any(missing, below), cannot_rule_out) = missing",
      when: { all: [{ any: [A, B] }, C] },
      a: "missing",
      b: "below",
      c: "cannot_rule_out",
      out: "missing",
    },
    {
      label: "single-child any is its child",
      when: { any: [A] },
      a: "early_warning",
      b: "missing",
      c: "missing",
      out: "early_warning",
    },
  ];
  it.each(nested)("$label", ({ when, a, b, c, out }) => {
    const ev = run(policyFor(when), {
      scores: [...scoresFor("cyber.up", a), ...scoresFor("cyber.up2", b), ...scoresFor("cyber.up3", c)],
    });
    expect(th(ev, "t").indicated).toBe(out);
  });

  it("a mixed-direction all: gte and lte leaves each judged on their own side", () => {
    const when = { all: [leaf("cyber.up", "gte", 0.5), leaf("cyber.down", "lte", 0.2)] };
    const p = single(when, { on_missing: "below" });
    expect(th(run(p, { scores: [sc("cyber.up", 0.5), sc("cyber.down", 0.2)] }), "t").status).toBe("reached");
    expect(th(run(p, { scores: [sc("cyber.up", 0.5), sc("cyber.down", 0.2 + 1e-9)] }), "t").status).toBe(
      "below",
    );
  });
});

// ---------------------------------------------------------------------------------------------
describe("threshold references (cross-domain)", () => {
  // cyber-high is declared before the bio-high it refers to: evaluation order must not depend on it.
  const policy = load({
    domains: [
      {
        id: "cyber",
        title: "Cyber",
        thresholds: [
          {
            id: "cyber-high",
            level: "high",
            definition: "d",
            when: { any: [leaf("cyber.up", "gte", 0.5), { threshold: "bio-high" }] },
            on_missing: "below",
          },
        ],
      },
      {
        id: "bio",
        title: "Bio",
        thresholds: [
          {
            id: "bio-high",
            level: "high",
            definition: "d",
            when: leaf("bio.up", "gte", 0.5),
            on_missing: "below",
            early_warning: { margin: 0.1 },
          },
        ],
      },
    ],
  });
  const rows: {
    label: string;
    bio: ScoreInput[];
    dets?: DeterminationInput[];
    bioStatus: ThresholdStatus;
    cyber: IndicatedStatus;
  }[] = [
    {
      label: "referenced reached -> reached",
      bio: [sc("bio.up", 0.6)],
      bioStatus: "reached",
      cyber: "reached",
    },
    {
      label: "referenced cannot_rule_out -> cannot_rule_out",
      bio: [sc("bio.up", 0.45, { stderr: 0.05 })],
      bioStatus: "cannot_rule_out",
      cyber: "cannot_rule_out",
    },
    {
      label: "referenced early_warning -> early_warning",
      bio: [sc("bio.up", 0.45)],
      bioStatus: "early_warning",
      cyber: "early_warning",
    },
    { label: "referenced below -> below", bio: [sc("bio.up", 0.1)], bioStatus: "below", cyber: "below" },
    {
      label: "referenced missing with on_missing below -> below",
      bio: [],
      bioStatus: "below",
      cyber: "below",
    },
    {
      label: "referenced determined_reached -> reached",
      bio: [sc("bio.up", 0.1)],
      dets: [det("reached", "2025-05-01", { threshold: "bio-high" })],
      bioStatus: "determined_reached",
      cyber: "reached",
    },
    {
      label: "referenced determined_cannot_rule_out -> cannot_rule_out",
      bio: [sc("bio.up", 0.1)],
      dets: [det("cannot_rule_out", "2025-05-01", { threshold: "bio-high" })],
      bioStatus: "determined_cannot_rule_out",
      cyber: "cannot_rule_out",
    },
    {
      label: "referenced determined_not_reached -> below",
      bio: [sc("bio.up", 0.9)],
      dets: [det("not_reached", "2025-05-01", { threshold: "bio-high" })],
      bioStatus: "determined_not_reached",
      cyber: "below",
    },
  ];
  it.each(rows)("$label", (row) => {
    const ev = run(policy, { scores: [sc("cyber.up", 0.1), ...row.bio], determinations: row.dets ?? [] });
    expect(th(ev, "bio-high").status).toBe(row.bioStatus);
    const cyber = th(ev, "cyber-high");
    expect(cyber.indicated).toBe(row.cyber);
    const counted = row.cyber === "reached" || row.cyber === "cannot_rule_out";
    expect(ev.domains.find((d) => d.id === "cyber")!.level.pre).toBe(counted ? "high" : "low");
    expect(cyber.evidence.find((e) => e.kind === "threshold")).toEqual({
      kind: "threshold",
      leaf: "when/any/1",
      threshold: "bio-high",
      status: row.bioStatus,
      counted: ["reached", "cannot_rule_out", "determined_reached", "determined_cannot_rule_out"].includes(
        row.bioStatus,
      ),
    });
  });

  it("a chain of references across three domains resolves in dependency order", () => {
    const p = load({
      domains: [
        {
          id: "autonomy",
          title: "A",
          thresholds: [{ id: "a", level: "critical", definition: "d", when: { threshold: "b" } }],
        },
        {
          id: "cyber",
          title: "C",
          thresholds: [{ id: "b", level: "high", definition: "d", when: { threshold: "c" } }],
        },
        {
          id: "bio",
          title: "B",
          thresholds: [{ id: "c", level: "medium", definition: "d", when: leaf("bio.up", "gte", 0.5) }],
        },
      ],
    });
    const reached = run(p, { scores: [sc("bio.up", 0.5)] });
    expect(["a", "b", "c"].map((id) => th(reached, id).status)).toEqual(["reached", "reached", "reached"]);
    expect(reached.level.pre).toBe("critical");
    const below = run(p, { scores: [sc("bio.up", 0.2)] });
    expect(["a", "b", "c"].map((id) => th(below, id).status)).toEqual(["below", "below", "below"]);
    expect(below.level.pre).toBe("low");
  });

  it("references read the post state in a post evaluation", () => {
    const ev = run(policy, {
      scores: [sc("cyber.up", 0.1), sc("bio.up", 0.9), sc("bio.up", 0.1, { mitigation: "post" })],
    });
    expect(th(ev, "cyber-high").status).toBe("reached");
    expect(th(ev, "cyber-high").post.status).toBe("below");
    expect(ev.level).toEqual({ pre: "high", post: "low" });
  });
});

// ---------------------------------------------------------------------------------------------
describe("pre- and post-mitigation", () => {
  const policy = load({
    domains: [
      {
        id: "cyber",
        title: "Cyber",
        thresholds: [
          { id: "cyber-medium", level: "medium", definition: "d", when: leaf("cyber.up", "gte", 0.3) },
          { id: "cyber-high", level: "high", definition: "d", when: leaf("cyber.up", "gte", 0.5) },
        ],
      },
    ],
  });
  const rows: {
    label: string;
    scores: ScoreInput[];
    pre: [ThresholdStatus, ThresholdStatus];
    post: [ThresholdStatus, ThresholdStatus];
    level: { pre: string; post: string };
  }[] = [
    {
      label: "pre without post: post equals pre",
      scores: [sc("cyber.up", 0.6)],
      pre: ["reached", "reached"],
      post: ["reached", "reached"],
      level: { pre: "high", post: "high" },
    },
    {
      label: "post without pre: pre is missing (cannot_rule_out), post from the post score",
      scores: [sc("cyber.up", 0.1, { mitigation: "post" })],
      pre: ["cannot_rule_out", "cannot_rule_out"],
      post: ["below", "below"],
      level: { pre: "high", post: "low" },
    },
    {
      label: "post lower than pre",
      scores: [sc("cyber.up", 0.6), sc("cyber.up", 0.35, { mitigation: "post" })],
      pre: ["reached", "reached"],
      post: ["reached", "below"],
      level: { pre: "high", post: "medium" },
    },
    {
      label: "post higher than pre",
      scores: [sc("cyber.up", 0.1, { mitigation: "pre" }), sc("cyber.up", 0.6, { mitigation: "post" })],
      pre: ["below", "below"],
      post: ["reached", "reached"],
      level: { pre: "low", post: "high" },
    },
  ];
  it.each(rows)("$label", (row) => {
    const ev = run(policy, { scores: row.scores });
    expect([th(ev, "cyber-medium").status, th(ev, "cyber-high").status]).toEqual(row.pre);
    expect([th(ev, "cyber-medium").post.status, th(ev, "cyber-high").post.status]).toEqual(row.post);
    expect(ev.domains[0]!.level).toEqual(row.level);
    expect(ev.level).toEqual(row.level);
  });

  it("with no post evidence the post state is the pre state, evidence included", () => {
    const ev = run(policy, { scores: [sc("cyber.up", 0.4, { stderr: 0.01 })] });
    const t = th(ev, "cyber-high");
    const { status, indicated, missing_evidence, evidence } = t;
    expect(t.post).toEqual({ status, indicated, missing_evidence, evidence });
    expect(leaves(t.post.evidence)[0]!.mitigation).toBe("pre");
  });

  it("post reads post scores per metric and falls back to pre for the others", () => {
    const p = single({ all: [leaf("cyber.up", "gte", 0.5), leaf("cyber.up2", "gte", 0.5)] });
    const ev = run(p, {
      scores: [sc("cyber.up", 0.9), sc("cyber.up", 0.2, { mitigation: "post" }), sc("cyber.up2", 0.9)],
    });
    const t = th(ev, "t");
    expect(t.status).toBe("reached");
    expect(t.post.status).toBe("below");
    expect(
      leaves(t.post.evidence).map((e) => [e.metric, e.mitigation, e.fallback_to_pre ?? false, e.value]),
    ).toEqual([
      ["cyber.up", "post", false, 0.2],
      ["cyber.up2", "pre", true, 0.9],
    ]);
  });

  it.each([
    {
      label: "pinned post: the pre state reads the post score",
      pin: "post",
      scores: [sc("cyber.up", 0.9), sc("cyber.up", 0.1, { mitigation: "post" })],
      pre: "below",
      post: "below",
      mitigation: "post",
    },
    {
      label: "pinned post without a post score is missing, no fallback to pre",
      pin: "post",
      scores: [sc("cyber.up", 0.9)],
      pre: "cannot_rule_out",
      post: "cannot_rule_out",
      mitigation: null,
    },
    {
      label: "pinned pre: the post state reads the pre score",
      pin: "pre",
      scores: [sc("cyber.up", 0.9), sc("cyber.up", 0.1, { mitigation: "post" })],
      pre: "reached",
      post: "reached",
      mitigation: "pre",
    },
  ])("$label", ({ pin, scores, pre, post, mitigation }) => {
    const ev = run(single(leaf("cyber.up", "gte", 0.5, { mitigation: pin })), { scores });
    const t = th(ev, "t");
    expect(t.status).toBe(pre);
    expect(t.post.status).toBe(post);
    expect(leaves(t.post.evidence)[0]!.mitigation).toBe(mitigation);
    expect(leaves(t.post.evidence)[0]!.fallback_to_pre).toBeUndefined();
  });
});

// ---------------------------------------------------------------------------------------------
describe("determinations", () => {
  const policy = single(leaf("cyber.up", "gte", 0.5), { early_warning: { margin: 0.1 } });
  const REACHED = [sc("cyber.up", 0.9)];
  const BELOW = [sc("cyber.up", 0.1)];
  const EARLY = [sc("cyber.up", 0.45)];
  const CRO = [sc("cyber.up", 0.45, { stderr: 0.05 })];
  const rows: {
    label: string;
    scores: ScoreInput[];
    dets: DeterminationInput[];
    status: ThresholdStatus;
    disagreement: boolean | undefined;
    level: string;
    post?: ThresholdStatus;
  }[] = [
    {
      label: "reached over indicated below: disagreement",
      scores: BELOW,
      dets: [det("reached", "2025-05-01")],
      status: "determined_reached",
      disagreement: true,
      level: "high",
    },
    {
      label: "not_reached over indicated reached: disagreement",
      scores: REACHED,
      dets: [det("not_reached", "2025-05-01")],
      status: "determined_not_reached",
      disagreement: true,
      level: "low",
    },
    {
      label: "cannot_rule_out over indicated below: disagreement",
      scores: BELOW,
      dets: [det("cannot_rule_out", "2025-05-01")],
      status: "determined_cannot_rule_out",
      disagreement: true,
      level: "high",
    },
    {
      label: "not_reached over indicated cannot_rule_out: disagreement",
      scores: CRO,
      dets: [det("not_reached", "2025-05-01")],
      status: "determined_not_reached",
      disagreement: true,
      level: "low",
    },
    {
      label: "reached agrees with indicated reached",
      scores: REACHED,
      dets: [det("reached", "2025-05-01")],
      status: "determined_reached",
      disagreement: false,
      level: "high",
    },
    {
      label: "not_reached agrees with indicated below",
      scores: BELOW,
      dets: [det("not_reached", "2025-05-01")],
      status: "determined_not_reached",
      disagreement: false,
      level: "low",
    },
    {
      label: "not_reached agrees with indicated early_warning",
      scores: EARLY,
      dets: [det("not_reached", "2025-05-01")],
      status: "determined_not_reached",
      disagreement: false,
      level: "low",
    },
    {
      label: "cannot_rule_out agrees with indicated cannot_rule_out",
      scores: CRO,
      dets: [det("cannot_rule_out", "2025-05-01")],
      status: "determined_cannot_rule_out",
      disagreement: false,
      level: "high",
    },
    {
      label: "reached with missing indicators: no disagreement",
      scores: [],
      dets: [det("reached", "2025-05-01")],
      status: "determined_reached",
      disagreement: false,
      level: "high",
    },
    {
      label: "not_reached with missing indicators: no disagreement",
      scores: [],
      dets: [det("not_reached", "2025-05-01")],
      status: "determined_not_reached",
      disagreement: false,
      level: "low",
    },
    {
      label: "latest wins regardless of input order",
      scores: BELOW,
      dets: [det("not_reached", "2025-03-01"), det("reached", "2025-01-01")],
      status: "determined_not_reached",
      disagreement: false,
      level: "low",
    },
    {
      label: "latest wins: a later date-time on the same day",
      scores: BELOW,
      dets: [det("reached", "2025-03-01T18:00:00Z"), det("not_reached", "2025-03-01T09:00:00Z")],
      status: "determined_reached",
      disagreement: true,
      level: "high",
    },
    {
      label: "a determination dated after as_of is ignored",
      scores: BELOW,
      dets: [det("not_reached", "2025-01-01"), det("reached", "2025-06-02")],
      status: "determined_not_reached",
      disagreement: false,
      level: "low",
    },
    {
      label: "only a determination after as_of: the indicators decide",
      scores: REACHED,
      dets: [det("not_reached", "2025-06-02")],
      status: "reached",
      disagreement: undefined,
      level: "high",
    },
    {
      label: "a determination late on the as_of day counts",
      scores: REACHED,
      dets: [det("not_reached", "2025-06-01T23:00:00Z")],
      status: "determined_not_reached",
      disagreement: true,
      level: "low",
    },
    {
      label: "no post evidence: the pre determination carries into post",
      scores: REACHED,
      dets: [det("not_reached", "2025-05-01")],
      status: "determined_not_reached",
      disagreement: true,
      level: "low",
      post: "determined_not_reached",
    },
    {
      label: "post-only determination leaves pre to the indicators",
      scores: BELOW,
      dets: [det("reached", "2025-05-01", { mitigation: "post" })],
      status: "below",
      disagreement: undefined,
      level: "low",
      post: "determined_reached",
    },
    {
      label: "post-only determination newer than the pre one does not touch pre",
      scores: REACHED,
      dets: [det("reached", "2025-02-01"), det("not_reached", "2025-04-01", { mitigation: "post" })],
      status: "determined_reached",
      disagreement: false,
      level: "high",
      post: "determined_not_reached",
    },
    {
      label: "pre determination newer than the post-only one does not touch post",
      scores: REACHED,
      dets: [
        det("not_reached", "2025-04-01", { mitigation: "pre" }),
        det("reached", "2025-02-01", { mitigation: "post" }),
      ],
      status: "determined_not_reached",
      disagreement: true,
      level: "low",
      post: "determined_reached",
    },
    {
      label: "pre determination with post evidence: post follows its own evidence",
      scores: [sc("cyber.up", 0.9), sc("cyber.up", 0.1, { mitigation: "post" })],
      dets: [det("not_reached", "2025-05-01", { mitigation: "pre" })],
      status: "determined_not_reached",
      disagreement: true,
      level: "low",
      post: "below",
    },
    {
      label: "a determination on another threshold does not apply",
      scores: BELOW,
      dets: [det("reached", "2025-05-01", { threshold: "elsewhere" })],
      status: "below",
      disagreement: undefined,
      level: "low",
    },
  ];
  it.each(rows)("$label", (row) => {
    const ev = run(policy, { scores: row.scores, determinations: row.dets });
    const t = th(ev, "t");
    expect(t.status).toBe(row.status);
    expect(t.disagreement).toBe(row.disagreement);
    expect(t.counted).toBe(
      ["determined_reached", "determined_cannot_rule_out", "reached", "cannot_rule_out"].includes(row.status),
    );
    expect(ev.level.pre).toBe(row.level);
    if (row.post !== undefined) expect(t.post.status).toBe(row.post);
    if (row.status.startsWith("determined_")) {
      expect(t.determination?.outcome).toBe(row.status.replace("determined_", ""));
    } else {
      expect(t.determination).toBeUndefined();
    }
  });

  it("keeps every determination on record, latest first, and drops those after as_of", () => {
    const dets = [
      det("reached", "2025-01-01", { by: "a" }),
      det("not_reached", "2025-03-01", { by: "b", mitigation: "post" }),
      det("cannot_rule_out", "2025-02-01", { by: "c" }),
      det("reached", "2025-07-01", { by: "future" }),
    ];
    const t = th(run(policy, { scores: BELOW, determinations: dets }), "t");
    expect(t.determinations.map((d) => d.by)).toEqual(["b", "c", "a"]);
    expect(t.determination?.by).toBe("c");
    expect(t.post.determination?.by).toBe("b");
  });

  it("a determination settles a threshold that has no indicators", () => {
    const p = single(undefined);
    const t = th(run(p, { determinations: [det("not_reached", "2025-05-01")] }), "t");
    expect(t).toMatchObject({
      status: "determined_not_reached",
      indicated: "missing",
      missing_evidence: true,
      disagreement: false,
      counted: false,
    });
  });
});

// ---------------------------------------------------------------------------------------------
describe("safeguards and attestations", () => {
  const policy = load({
    domains: [
      {
        id: "cyber",
        title: "Cyber",
        thresholds: [
          {
            id: "cyber-medium",
            level: "medium",
            definition: "d",
            when: leaf("cyber.up", "gte", 0.3),
            safeguards: ["sec-medium"],
            on_missing: "below",
          },
          {
            id: "cyber-high",
            level: "high",
            definition: "d",
            when: leaf("cyber.up", "gte", 0.5),
            safeguards: ["sec-high", "dep-high"],
            on_missing: "below",
          },
        ],
      },
      {
        id: "bio",
        title: "Bio",
        thresholds: [
          {
            id: "bio-high",
            level: "high",
            definition: "d",
            when: leaf("bio.up", "gte", 0.5),
            safeguards: ["dep-high"],
            on_missing: "below",
          },
        ],
      },
    ],
  });
  const rows: {
    label: string;
    atts: AttestationInput[];
    status: "attested" | "missing" | "expired";
    shown?: string;
  }[] = [
    { label: "no attestation: missing", atts: [], status: "missing" },
    {
      label: "implemented: attested",
      atts: [att("sec-high", "implemented", "2025-01-01")],
      status: "attested",
      shown: "implemented",
    },
    {
      label: "verified: attested",
      atts: [att("sec-high", "verified", "2025-01-01")],
      status: "attested",
      shown: "verified",
    },
    {
      label: "planned only: missing (the plan is shown)",
      atts: [att("sec-high", "planned", "2025-01-01")],
      status: "missing",
      shown: "planned",
    },
    {
      label: "expired before as_of",
      atts: [att("sec-high", "implemented", "2025-01-01", { expires_at: "2025-05-31" })],
      status: "expired",
      shown: "implemented",
    },
    {
      label: "expires exactly on as_of: expired",
      atts: [att("sec-high", "implemented", "2025-01-01", { expires_at: "2025-06-01" })],
      status: "expired",
      shown: "implemented",
    },
    {
      label: "expires later on the as_of day: expired",
      atts: [att("sec-high", "verified", "2025-01-01", { expires_at: "2025-06-01T23:00:00Z" })],
      status: "expired",
      shown: "verified",
    },
    {
      label: "expires the day after as_of: attested",
      atts: [att("sec-high", "implemented", "2025-01-01", { expires_at: "2025-06-02" })],
      status: "attested",
      shown: "implemented",
    },
    {
      label: "expires_at null: attested",
      atts: [att("sec-high", "implemented", "2025-01-01", { expires_at: null })],
      status: "attested",
      shown: "implemented",
    },
    {
      label: "attested after as_of: not on record, missing",
      atts: [att("sec-high", "verified", "2025-06-02")],
      status: "missing",
    },
    {
      label: "attested after as_of beside an older plan: missing",
      atts: [att("sec-high", "planned", "2025-01-01"), att("sec-high", "verified", "2025-06-02")],
      status: "missing",
      shown: "planned",
    },
    {
      label: "a later plan does not undo an implementation",
      atts: [att("sec-high", "implemented", "2025-01-01"), att("sec-high", "planned", "2025-03-01")],
      status: "attested",
      shown: "implemented",
    },
    {
      label: "latest implementation counts: older expired, newer valid",
      atts: [
        att("sec-high", "verified", "2025-04-01"),
        att("sec-high", "implemented", "2024-01-01", { expires_at: "2024-12-31" }),
      ],
      status: "attested",
      shown: "verified",
    },
    {
      label: "latest implementation counts: newer expired, older open-ended",
      atts: [
        att("sec-high", "implemented", "2024-01-01"),
        att("sec-high", "verified", "2025-01-01", { expires_at: "2025-05-01" }),
      ],
      status: "expired",
      shown: "verified",
    },
    {
      label: "an attestation for another safeguard does not count",
      atts: [att("dep-high", "verified", "2025-01-01")],
      status: "missing",
    },
  ];
  it.each(rows)("$label", (row) => {
    const ev = run(policy, { scores: [sc("cyber.up", 0.6)], attestations: row.atts });
    const s = ev.safeguards.find((x) => x.id === "sec-high")!;
    expect(s.status).toBe(row.status);
    expect(s.attestation?.status).toBe(row.shown);
    expect(s.required_by).toEqual(["cyber-high"]);
  });

  it.each([
    {
      label: "below every threshold: nothing required",
      scores: [sc("cyber.up", 0.1)],
      dets: [],
      required: [],
    },
    {
      label: "medium: only the medium safeguard",
      scores: [sc("cyber.up", 0.4)],
      dets: [],
      required: [["sec-medium", "security", ["cyber-medium"]]],
    },
    {
      label: "cannot rule out high (stderr): the high safeguards too, in policy order",
      scores: [sc("cyber.up", 0.45, { stderr: 0.05 })],
      dets: [],
      required: [
        ["sec-medium", "security", ["cyber-medium"]],
        ["sec-high", "security", ["cyber-high"]],
        ["dep-high", "deployment", ["cyber-high"]],
      ],
    },
    {
      label: "a safeguard required by two thresholds lists both",
      scores: [sc("cyber.up", 0.9), sc("bio.up", 0.9)],
      dets: [],
      required: [
        ["sec-medium", "security", ["cyber-medium"]],
        ["sec-high", "security", ["cyber-high"]],
        ["dep-high", "deployment", ["cyber-high", "bio-high"]],
      ],
    },
    {
      label: "a not_reached determination removes the requirement",
      scores: [sc("cyber.up", 0.4), sc("bio.up", 0.9)],
      dets: [det("not_reached", "2025-05-01", { threshold: "bio-high" })],
      required: [["sec-medium", "security", ["cyber-medium"]]],
    },
    {
      label: "required from the pre state even when post is lower",
      scores: [sc("cyber.up", 0.6), sc("cyber.up", 0.1, { mitigation: "post" })],
      dets: [],
      required: [
        ["sec-medium", "security", ["cyber-medium"]],
        ["sec-high", "security", ["cyber-high"]],
        ["dep-high", "deployment", ["cyber-high"]],
      ],
    },
  ])("$label", ({ scores, dets, required }) => {
    const ev = run(policy, { scores, determinations: dets });
    expect(ev.safeguards.map((s) => [s.id, s.track, s.required_by])).toEqual(required);
    expect(ev.safeguards.every((s) => s.status === "missing")).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
describe("gates", () => {
  const DOMAINS = [
    {
      id: "cyber",
      title: "Cyber",
      thresholds: [
        {
          id: "cyber-medium",
          level: "medium",
          definition: "d",
          when: leaf("cyber.up", "gte", 0.3),
          safeguards: ["sec-medium"],
          on_missing: "below",
        },
        {
          id: "cyber-high",
          level: "high",
          definition: "d",
          when: leaf("cyber.up", "gte", 0.6),
          safeguards: ["sec-high", "dep-high"],
          on_missing: "below",
        },
      ],
    },
    {
      id: "bio",
      title: "Bio",
      thresholds: [
        {
          id: "bio-high",
          level: "high",
          definition: "d",
          when: leaf("bio.up", "gte", 0.5),
          safeguards: ["dep-high"],
          on_missing: "below",
        },
        {
          id: "bio-critical",
          level: "critical",
          definition: "d",
          when: leaf("bio.up", "gte", 0.9),
          on_missing: "below",
        },
      ],
    },
    {
      id: "autonomy",
      title: "Autonomy",
      thresholds: [
        {
          id: "auto-check",
          kind: "checkpoint",
          definition: "d",
          when: leaf("auto.up", "gte", 0.5),
          on_missing: "below",
          obligations: ["notify the responsible officer", "full capability assessment"],
        },
      ],
    },
  ];
  const gatePolicy = (rules: unknown[], over: Record<string, unknown> = {}) =>
    load({ domains: DOMAINS, gates: { act: rules }, cadence: { months: 6 }, ...over });
  const ALL_ATTESTED = ["sec-medium", "sec-high", "dep-high"].map((s) => att(s, "verified", "2025-01-01"));
  const SECURITY_ONLY = ["sec-medium", "sec-high"].map((s) => att(s, "verified", "2025-01-01"));
  const RECENT = { last_full_at: "2025-05-01" };

  interface Row {
    label: string;
    rules: unknown[];
    input: Partial<ModelInput>;
    outcome: string;
    rule: number | null;
    reasons?: string[];
  }

  const outcomes: Row[] = [
    {
      label: "allow",
      rules: [{ when: { post: { at_most: "medium" } }, outcome: "allow" }],
      input: { scores: [sc("cyber.up", 0.4)] },
      outcome: "allow",
      rule: 1,
      reasons: ["post-mitigation level medium is at most medium"],
    },
    {
      label: "conditional (second rule, safeguards attested)",
      rules: [
        { when: { post: { at_most: "low" } }, outcome: "allow" },
        { when: { post: { at_most: "high" }, safeguards: "attested" }, outcome: "conditional" },
      ],
      input: { scores: [sc("cyber.up", 0.7)], attestations: ALL_ATTESTED },
      outcome: "conditional",
      rule: 2,
      reasons: [
        "rule 1 (allow) not met: post-mitigation level high is not at most low",
        "post-mitigation level high is at most high",
        "required safeguards attested: sec-medium, sec-high, dep-high",
      ],
    },
    {
      label: "pause",
      rules: [{ when: { pre: { at_most: "medium" } }, outcome: "allow" }, { outcome: "pause" }],
      input: { scores: [sc("cyber.up", 0.7)] },
      outcome: "pause",
      rule: 2,
      reasons: [
        "rule 1 (allow) not met: pre-mitigation level high is not at most medium",
        "unconditional rule",
      ],
    },
    {
      label: "block (explicit, with its reason)",
      rules: [{ outcome: "block", reason: "moratorium in force" }],
      input: { scores: [] },
      outcome: "block",
      rule: 1,
      reasons: ["unconditional rule", "moratorium in force"],
    },
    {
      label: "restrict",
      rules: [{ when: { safeguards: "missing" }, outcome: "restrict" }, { outcome: "allow" }],
      input: { scores: [sc("cyber.up", 0.7)], attestations: [att("sec-high", "planned", "2025-01-01")] },
      outcome: "restrict",
      rule: 1,
      reasons: [
        "required safeguards not attested: sec-medium (missing), sec-high (missing), dep-high (missing)",
      ],
    },
    {
      label: "de_deploy",
      rules: [{ when: { post: { at_least: "critical" } }, outcome: "de_deploy" }, { outcome: "allow" }],
      input: { scores: [sc("bio.up", 0.95)] },
      outcome: "de_deploy",
      rule: 1,
      reasons: ["post-mitigation level critical is at least critical"],
    },
    {
      label: "delete_weights",
      rules: [
        { when: { pre: { at_least: "critical", domain: "bio" } }, outcome: "delete_weights" },
        { outcome: "allow" },
      ],
      input: { scores: [sc("bio.up", 0.95)] },
      outcome: "delete_weights",
      rule: 1,
      reasons: ["pre-mitigation bio level critical is at least critical"],
    },
    {
      label: "no rule matches: block, fail closed, with every unmet rule",
      rules: [
        { when: { post: { at_most: "low" } }, outcome: "allow" },
        { when: { post: { at_most: "medium" }, safeguards: "attested" }, outcome: "conditional" },
      ],
      input: { scores: [sc("cyber.up", 0.7)] },
      outcome: "block",
      rule: null,
      reasons: [
        "rule 1 (allow) not met: post-mitigation level high is not at most low",
        "rule 2 (conditional) not met: post-mitigation level high is not at most medium; required safeguards not attested: sec-medium (missing), sec-high (missing), dep-high (missing)",
        "no rule matched: blocked (gates fail closed)",
      ],
    },
  ];

  const cond = (
    label: string,
    when: unknown,
    input: Partial<ModelInput>,
    matches: boolean,
    reason?: string,
  ): Row => ({
    label: `${label} -> ${matches ? "matches" : "does not match"}`,
    rules: [{ when, outcome: "allow" }],
    input: { assessment: RECENT, ...input },
    outcome: matches ? "allow" : "block",
    rule: matches ? 1 : null,
    ...(reason
      ? {
          reasons: matches
            ? [reason]
            : [`rule 1 (allow) not met: ${reason}`, "no rule matched: blocked (gates fail closed)"],
        }
      : {}),
  });
  const cyber = (v: number, post?: number) => ({
    scores: [
      sc("cyber.up", v),
      ...(post !== undefined ? [sc("cyber.up", post, { mitigation: "post" as const })] : []),
    ],
  });

  const conditions: Row[] = [
    cond(
      "pre at_most medium, pre medium",
      { pre: { at_most: "medium" } },
      cyber(0.4),
      true,
      "pre-mitigation level medium is at most medium",
    ),
    cond(
      "pre at_most medium, pre high",
      { pre: { at_most: "medium" } },
      cyber(0.7),
      false,
      "pre-mitigation level high is not at most medium",
    ),
    cond("pre at_most high, pre exactly high", { pre: { at_most: "high" } }, cyber(0.6), true),
    cond(
      "pre at_most low, nothing counted (baseline)",
      { pre: { at_most: "low" } },
      cyber(0.1),
      true,
      "pre-mitigation level low is at most low",
    ),
    cond(
      "pre at_least high, pre exactly high",
      { pre: { at_least: "high" } },
      cyber(0.6),
      true,
      "pre-mitigation level high is at least high",
    ),
    cond(
      "pre at_least high, pre medium",
      { pre: { at_least: "high" } },
      cyber(0.59),
      false,
      "pre-mitigation level medium is not at least high",
    ),
    cond(
      "post at_most medium, pre high but post medium",
      { post: { at_most: "medium" } },
      cyber(0.7, 0.4),
      true,
      "post-mitigation level medium is at most medium",
    ),
    cond(
      "post at_least high, pre high but post medium",
      { post: { at_least: "high" } },
      cyber(0.7, 0.4),
      false,
    ),
    cond(
      "post at_most medium without post scores: post = pre high",
      { post: { at_most: "medium" } },
      cyber(0.7),
      false,
    ),
    cond(
      "pre at_most low in domain bio while cyber is high",
      { pre: { at_most: "low", domain: "bio" } },
      cyber(0.7),
      true,
      "pre-mitigation bio level low is at most low",
    ),
    cond(
      "pre at_least high in domain cyber",
      { pre: { at_least: "high", domain: "cyber" } },
      cyber(0.7),
      true,
      "pre-mitigation cyber level high is at least high",
    ),
    cond(
      "pre at_least high in domain bio while cyber is high",
      { pre: { at_least: "high", domain: "bio" } },
      cyber(0.7),
      false,
      "pre-mitigation bio level low is not at least high",
    ),
    cond(
      "post at_most low in domain cyber, post low",
      { post: { at_most: "low", domain: "cyber" } },
      cyber(0.7, 0.1),
      true,
      "post-mitigation cyber level low is at most low",
    ),
    cond(
      "pre at_least high and post at_most medium",
      { pre: { at_least: "high" }, post: { at_most: "medium" } },
      cyber(0.7, 0.4),
      true,
    ),
    cond(
      "pre at_least high and post at_most medium, post high",
      { pre: { at_least: "high" }, post: { at_most: "medium" } },
      cyber(0.7),
      false,
    ),
    cond(
      "between medium and high, at medium",
      { pre: { at_least: "medium", at_most: "high" } },
      cyber(0.4),
      true,
    ),
    cond(
      "between medium and high, at low",
      { pre: { at_least: "medium", at_most: "high" } },
      cyber(0.1),
      false,
    ),
    cond(
      "safeguards attested, none required",
      { safeguards: "attested" },
      cyber(0.1),
      true,
      "no safeguards are required",
    ),
    cond(
      "safeguards attested, all attested",
      { safeguards: "attested" },
      { ...cyber(0.7), attestations: ALL_ATTESTED },
      true,
    ),
    cond(
      "safeguards attested, one expired",
      { safeguards: "attested" },
      {
        ...cyber(0.7),
        attestations: [
          ...ALL_ATTESTED,
          att("sec-high", "verified", "2025-02-01", { expires_at: "2025-06-01" }),
        ],
      },
      false,
      "required safeguards not attested: sec-high (expired)",
    ),
    cond(
      "safeguards missing, none required",
      { safeguards: "missing" },
      cyber(0.1),
      false,
      "no safeguards are required",
    ),
    cond(
      "safeguards missing, one missing",
      { safeguards: "missing" },
      { ...cyber(0.7), attestations: SECURITY_ONLY },
      true,
      "required safeguards not attested: dep-high (missing)",
    ),
    cond(
      "security track attested while deployment is missing",
      { safeguards: { track: "security", status: "attested" } },
      { ...cyber(0.7), attestations: SECURITY_ONLY },
      true,
      "required security safeguards attested: sec-medium, sec-high",
    ),
    cond(
      "deployment track attested while deployment is missing",
      { safeguards: { track: "deployment", status: "attested" } },
      { ...cyber(0.7), attestations: SECURITY_ONLY },
      false,
      "required deployment safeguards not attested: dep-high (missing)",
    ),
    cond(
      "deployment track missing",
      { safeguards: { track: "deployment", status: "missing" } },
      { ...cyber(0.7), attestations: SECURITY_ONLY },
      true,
    ),
    cond(
      "security track missing while security is attested",
      { safeguards: { track: "security", status: "missing" } },
      { ...cyber(0.7), attestations: SECURITY_ONLY },
      false,
    ),
    cond(
      "deployment track attested at medium: none of that track required",
      { safeguards: { track: "deployment", status: "attested" } },
      cyber(0.4),
      true,
      "no deployment safeguards are required",
    ),
    cond(
      "obligations none_open, checkpoint below",
      { obligations: "none_open" },
      { scores: [sc("auto.up", 0.1)] },
      true,
      "no open obligations",
    ),
    cond(
      "obligations none_open, checkpoint reached",
      { obligations: "none_open" },
      { scores: [sc("auto.up", 0.5)] },
      false,
      "open obligations from auto-check",
    ),
    cond(
      "obligations open, checkpoint reached",
      { obligations: "open" },
      { scores: [sc("auto.up", 0.5)] },
      true,
      "open obligations from auto-check",
    ),
    cond(
      "obligations open, checkpoint cannot be ruled out",
      { obligations: "open" },
      { scores: [sc("auto.up", 0.45, { stderr: 0.05 })] },
      true,
    ),
    cond(
      "obligations open, checkpoint below",
      { obligations: "open" },
      { scores: [sc("auto.up", 0.1)] },
      false,
      "no open obligations",
    ),
    cond(
      "reassessment due, last full assessment long ago",
      { reassessment: "due" },
      { assessment: { last_full_at: "2024-01-01" } },
      true,
      "reassessment is due",
    ),
    cond(
      "reassessment due, assessed last month",
      { reassessment: "due" },
      {},
      false,
      "assessment is current",
    ),
    cond(
      "reassessment current, assessed last month",
      { reassessment: "current" },
      {},
      true,
      "assessment is current",
    ),
    cond(
      "reassessment current, never assessed nor dated",
      { reassessment: "current" },
      { assessment: {} },
      false,
      "reassessment is due",
    ),
    cond(
      "every condition at once, all hold",
      {
        pre: { at_most: "high" },
        post: { at_most: "medium" },
        safeguards: "attested",
        obligations: "none_open",
        reassessment: "current",
      },
      { ...cyber(0.7, 0.4), attestations: ALL_ATTESTED },
      true,
    ),
    cond(
      "every condition at once, one fails",
      {
        pre: { at_most: "high" },
        post: { at_most: "medium" },
        safeguards: "attested",
        obligations: "none_open",
        reassessment: "current",
      },
      {
        ...cyber(0.7, 0.4),
        attestations: ALL_ATTESTED,
        scores: [...cyber(0.7, 0.4).scores, sc("auto.up", 0.9)],
      },
      false,
    ),
  ];

  describe("outcomes", () => {
    it.each(outcomes)("$label", (row) => {
      const ev = run(gatePolicy(row.rules), { assessment: RECENT, ...row.input });
      expect(ev.gates).toHaveLength(1);
      const g = ev.gates[0]!;
      expect(g.action).toBe("act");
      expect(g.outcome).toBe(row.outcome);
      expect(g.rule).toBe(row.rule);
      if (row.reasons) expect(g.reasons).toEqual(row.reasons);
    });
  });

  describe("conditions", () => {
    it.each(conditions)("$label", (row) => {
      const g = run(gatePolicy(row.rules), row.input).gates[0]!;
      expect(g.outcome).toBe(row.outcome);
      expect(g.rule).toBe(row.rule);
      if (row.reasons) expect(g.reasons).toEqual(row.reasons);
    });
  });

  it("first matching rule wins even when a later one matches too; gates keep policy order", () => {
    const p = load({
      domains: DOMAINS,
      gates: {
        "deploy-external": [
          { when: { pre: { at_least: "medium" } }, outcome: "restrict" },
          { when: { pre: { at_least: "low" } }, outcome: "allow" },
        ],
        "continue-development": [
          { when: { pre: { at_most: "high" } }, outcome: "allow" },
          { outcome: "pause" },
        ],
        "store-weights": [{ when: { pre: { at_most: "medium" } }, outcome: "allow" }],
      },
    });
    const ev = run(p, { scores: [sc("cyber.up", 0.7)] });
    expect(ev.gates.map((g) => [g.action, g.outcome, g.rule])).toEqual([
      ["deploy-external", "restrict", 1],
      ["continue-development", "allow", 1],
      ["store-weights", "block", null],
    ]);
  });

  describe("obligations", () => {
    it.each([
      { label: "checkpoint below: none", scores: [sc("auto.up", 0.1)], dets: [], basis: null },
      { label: "checkpoint reached: open", scores: [sc("auto.up", 0.5)], dets: [], basis: "reached" },
      {
        label: "checkpoint cannot be ruled out: open",
        scores: [sc("auto.up", 0.45, { stderr: 0.05 })],
        dets: [],
        basis: "cannot_rule_out",
      },
      {
        label: "checkpoint determined not reached: none",
        scores: [sc("auto.up", 0.9)],
        dets: [det("not_reached", "2025-05-01", { threshold: "auto-check" })],
        basis: null,
      },
      {
        label: "checkpoint determined reached: open",
        scores: [sc("auto.up", 0.1)],
        dets: [det("reached", "2025-05-01", { threshold: "auto-check" })],
        basis: "determined_reached",
      },
    ])("$label", ({ scores, dets, basis }) => {
      const ev = run(gatePolicy([{ outcome: "allow" }]), { scores, determinations: dets });
      const t = th(ev, "auto-check");
      expect(t.kind).toBe("checkpoint");
      expect(t.level).toBeNull();
      // A checkpoint never raises a level.
      expect(ev.domains.find((d) => d.id === "autonomy")!.level).toEqual({ pre: "low", post: "low" });
      expect(ev.obligations).toEqual(
        basis === null
          ? []
          : [
              { threshold: "auto-check", text: "notify the responsible officer", status: "open", basis },
              { threshold: "auto-check", text: "full capability assessment", status: "open", basis },
            ],
      );
    });
  });

  describe("rollup", () => {
    it("rollup max: the overall level is the highest domain level, pre and post", () => {
      const ev = run(gatePolicy([{ outcome: "allow" }]), {
        scores: [sc("cyber.up", 0.4), sc("bio.up", 0.95), sc("bio.up", 0.6, { mitigation: "post" })],
      });
      expect(ev.domains.map((d) => [d.id, d.level.pre, d.level.post])).toEqual([
        ["cyber", "medium", "medium"],
        ["bio", "critical", "high"],
        ["autonomy", "low", "low"],
      ]);
      expect(ev.level).toEqual({ pre: "critical", post: "high" });
    });

    it("rollup max with no evidence and on_missing below: the baseline", () => {
      expect(run(gatePolicy([{ outcome: "allow" }]), {}).level).toEqual({ pre: "low", post: "low" });
    });

    it("rollup none: no overall level (null); domain gates still work", () => {
      const p = load({
        domains: DOMAINS,
        rollup: "none",
        gates: {
          act: [
            { when: { pre: { at_most: "medium", domain: "cyber" } }, outcome: "allow" },
            { outcome: "block" },
          ],
        },
      });
      const ok = run(p, { scores: [sc("cyber.up", 0.4), sc("bio.up", 0.95)] });
      expect(ok.level).toEqual({ pre: null, post: null });
      expect(ok.domains.map((d) => d.level.pre)).toEqual(["medium", "critical", "low"]);
      expect(ok.gates[0]).toMatchObject({ outcome: "allow", rule: 1 });
      const high = run(p, { scores: [sc("cyber.up", 0.7)] });
      expect(high.gates[0]).toMatchObject({ outcome: "block", rule: 2 });
    });
  });

  describe("cadence through evaluate", () => {
    it.each([
      {
        label: "assessed 6 months before as_of: due",
        assessment: { last_full_at: "2024-12-01" },
        scores: [],
        due: true,
      },
      {
        label: "assessed 6 months minus a day: current",
        assessment: { last_full_at: "2024-12-02" },
        scores: [],
        due: false,
      },
      {
        label: "no assessment, newest score within 6 months: current",
        assessment: undefined,
        scores: [sc("cyber.up", 0.1, { evaluated_at: "2025-03-01" })],
        due: false,
      },
      {
        label: "no assessment, a score after as_of does not count as evidence: due",
        assessment: undefined,
        scores: [
          sc("cyber.up", 0.1, { evaluated_at: "2024-01-01" }),
          sc("cyber.up", 0.1, { evaluated_at: "2025-07-01" }),
        ],
        due: true,
      },
      {
        label: "no assessment and no dated evidence: due",
        assessment: undefined,
        scores: [sc("cyber.up", 0.1)],
        due: true,
      },
      {
        label: "compute multiple reached by the family: due",
        assessment: {
          last_full_at: "2025-05-01",
          last_full_effective_compute: 1e24,
          family_max_effective_compute: 4e24,
        },
        scores: [],
        due: true,
      },
    ])("$label", ({ assessment, scores, due }) => {
      const p = gatePolicy([{ when: { reassessment: "current" }, outcome: "allow" }], {
        cadence: { months: 6, effective_compute_multiple: 4 },
      });
      const ev = run(p, { scores, ...(assessment ? { assessment } : {}) });
      expect(ev.cadence.due).toBe(due);
      expect(ev.gates[0]!.outcome).toBe(due ? "block" : "allow");
    });
  });
});

// ---------------------------------------------------------------------------------------------
describe("evidence trace", () => {
  it("records leaf, value, comparator, threshold, margin, interval, score ids and sources", () => {
    const p = single({
      any: [leaf("cyber.up", "gte", 0.5), leaf("cyber.down", "lte", 0.2, { calibration: "framework" })],
    });
    const ev = run(p, {
      scores: [
        sc("cyber.up", 0.3, { id: "a", source: "runs/a.json", evaluated_at: "2025-05-01", stderr: 0.02 }),
        sc("cyber.up", 0.4, { id: "b", source: "runs/b.json", elicitation: "high" }),
        sc("cyber.down", 0.25, { id: "c", source: "runs/c.csv#4" }),
      ],
    });
    const [up, down] = leaves(th(ev, "t").evidence);
    expect(up).toMatchObject({
      leaf: "when/any/0",
      metric: "cyber.up",
      comparator: "gte",
      threshold: 0.5,
      calibration: "illustrative",
      mitigation: "pre",
      value: 0.4,
      stderr: null,
      interval: null,
      aggregate: "max",
      status: "below",
      scores: [{ id: "b", value: 0.4, source: "runs/b.json", elicitation: "high" }],
    });
    expect(up!.margin).toBeCloseTo(-0.1, 12);
    expect(down).toMatchObject({
      leaf: "when/any/1",
      comparator: "lte",
      threshold: 0.2,
      calibration: "framework",
      value: 0.25,
      scores: [{ id: "c", source: "runs/c.csv#4" }],
    });
    expect(down!.margin).toBeCloseTo(-0.05, 12);
  });

  it("aggregate max on a lower-is-riskier metric takes the minimum; latest and mean as configured", () => {
    const scores = [
      sc("cyber.down", 0.15, { evaluated_at: "2025-01-01" }),
      sc("cyber.down", 0.35, { evaluated_at: "2025-04-01" }),
    ];
    const when = leaf("cyber.down", "lte", 0.2);
    expect(th(run(single(when), { scores }), "t")).toMatchObject({ status: "reached" });
    expect(leaves(th(run(single(when), { scores }), "t").evidence)[0]!.value).toBe(0.15);
    const latest = th(run(single(when, {}, { aggregate: "latest" }), { scores }), "t");
    expect([latest.status, leaves(latest.evidence)[0]!.value]).toEqual(["below", 0.35]);
    const mean = th(run(single(when, {}, { aggregate: "mean" }), { scores }), "t");
    expect(mean.status).toBe("below");
    expect(leaves(mean.evidence)[0]!.value).toBeCloseTo(0.25, 12);
    expect(leaves(mean.evidence)[0]!.aggregate).toBe("mean");
  });

  it("post and pre scores are aggregated separately", () => {
    const ev = run(single(leaf("cyber.up", "gte", 0.5)), {
      scores: [
        sc("cyber.up", 0.9, { mitigation: "pre" }),
        sc("cyber.up", 0.2, { mitigation: "post" }),
        sc("cyber.up", 0.3, { mitigation: "post" }),
      ],
    });
    expect(leaves(th(ev, "t").evidence)[0]!.value).toBe(0.9);
    expect(leaves(th(ev, "t").post.evidence)[0]!.value).toBe(0.3);
  });

  it("the result names the policy version, model and as_of date", () => {
    const ev = evaluate(
      single(leaf("cyber.up", "gte", 0.5)),
      { model: { id: "model-x" }, scores: [] },
      { asOf: "2025-06-01T12:00:00Z" },
    );
    expect([ev.policy, ev.model, ev.as_of]).toEqual([
      { id: "test-policy", version: "1.0" },
      "model-x",
      "2025-06-01",
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
describe("determinism", () => {
  function rng(seed: number) {
    let s = seed >>> 0;
    return () => {
      s = (s * 1664525 + 1013904223) >>> 0;
      return s / 2 ** 32;
    };
  }
  function shuffle<T>(xs: T[], seed: number): T[] {
    const r = rng(seed);
    const out = [...xs];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(r() * (i + 1));
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  }
  const domains = [
    {
      id: "cyber",
      title: "Cyber",
      thresholds: [
        {
          id: "cyber-medium",
          level: "medium",
          definition: "d",
          when: leaf("cyber.up", "gte", 0.2),
          safeguards: ["sec-medium"],
        },
        {
          id: "cyber-high",
          level: "high",
          definition: "d",
          when: { any: [leaf("cyber.up", "gte", 0.6), { threshold: "bio-high" }] },
          safeguards: ["sec-high", "dep-high"],
          early_warning: { margin: 0.1 },
        },
      ],
    },
    {
      id: "bio",
      title: "Bio",
      thresholds: [
        {
          id: "bio-high",
          level: "high",
          definition: "d",
          when: leaf("bio.up", "gte", 0.5),
          safeguards: ["dep-high"],
        },
      ],
    },
  ];
  const input: ModelInput = {
    model: { id: "m1", family: "f", effective_compute: 1e25 },
    scores: [
      // (0.1 + 0.2 + 0.3) / 3 is 0.20000000000000004 or 0.19999999999999998 depending on summation order.
      { id: "a", metric: "cyber.up", value: 0.1, stderr: 0.01, evaluated_at: "2025-01-01", source: "a.json" },
      { id: "b", metric: "cyber.up", value: 0.2, stderr: 0.02, evaluated_at: "2025-02-01", source: "b.json" },
      { id: "c", metric: "cyber.up", value: 0.3, stderr: 0.03, evaluated_at: "2025-03-01", source: "c.json" },
      // ties on value and date: which one is cited must not depend on input order
      {
        id: "d1",
        metric: "bio.up",
        value: 0.4,
        evaluated_at: "2025-03-01",
        source: "d1.json",
        elicitation: "low",
      },
      {
        id: "d2",
        metric: "bio.up",
        value: 0.4,
        evaluated_at: "2025-03-01",
        source: "d2.json",
        elicitation: "high",
      },
      {
        id: "p1",
        metric: "bio.up",
        value: 0.3,
        mitigation: "post",
        evaluated_at: "2025-03-01",
        source: "p1.json",
      },
      {
        id: "p2",
        metric: "bio.up",
        value: 0.3,
        mitigation: "post",
        evaluated_at: "2025-03-01",
        source: "p2.json",
      },
      { id: "n1", metric: "cyber.up", value: null, source: "nan.json" },
      { id: "n2", metric: "bio.up", value: 1.5, source: "range.json" },
      { id: "n3", metric: "cyber.up", value: 0.9, evaluated_at: "2025-09-01" },
      { id: "x", metric: "unknown.metric", value: 0.9 },
    ],
    attestations: [
      att("sec-medium", "verified", "2025-01-01"),
      att("sec-high", "planned", "2025-01-15"),
      att("sec-high", "implemented", "2025-02-01", { expires_at: "2025-12-31" }),
      att("dep-high", "implemented", "2025-03-01", { expires_at: "2025-05-01" }),
      att("dep-high", "planned", "2025-04-01"),
    ],
    determinations: [
      det("cannot_rule_out", "2025-02-01", { threshold: "bio-high" }),
      det("not_reached", "2025-04-01", { threshold: "bio-high", mitigation: "post" }),
      det("reached", "2025-07-01", { threshold: "bio-high" }),
    ],
    assessment: { last_full_at: "2025-01-01", last_full_effective_compute: 1e24 },
  };

  it.each(["max", "mean", "latest"] as const)(
    "aggregate %s: shuffled scores, attestations and determinations give byte-identical output",
    (aggregate) => {
      const p = load({ domains, aggregate, cadence: { months: 6, effective_compute_multiple: 4 } });
      const baseline = JSON.stringify(evaluate(p, input, { asOf: AS_OF }));
      for (let seed = 1; seed <= 30; seed++) {
        const shuffled: ModelInput = {
          ...input,
          scores: shuffle(input.scores, seed),
          attestations: shuffle(input.attestations!, seed * 7),
          determinations: shuffle(input.determinations!, seed * 13),
        };
        expect(JSON.stringify(evaluate(p, shuffled, { asOf: AS_OF })), `seed ${seed}`).toBe(baseline);
      }
      // and repeated evaluation of the very same input is stable too
      expect(JSON.stringify(evaluate(p, input, { asOf: AS_OF }))).toBe(baseline);
    },
  );

  it("the shuffled fixture exercises what it claims", () => {
    const p = load({ domains, aggregate: "max" });
    const ev = evaluate(p, input, { asOf: AS_OF });
    expect(th(ev, "bio-high").status).toBe("determined_cannot_rule_out");
    expect(th(ev, "bio-high").post.status).toBe("determined_not_reached");
    expect(th(ev, "cyber-high").status).toBe("cannot_rule_out");
    expect(ev.safeguards.map((s) => [s.id, s.status])).toEqual([
      ["sec-medium", "attested"],
      ["sec-high", "attested"],
      ["dep-high", "expired"],
    ]);
    expect(ev.ignored).toHaveLength(3);
  });
});
