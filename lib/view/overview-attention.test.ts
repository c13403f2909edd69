import { describe, expect, it } from "vitest";
import type { Evaluation } from "@/lib/engine/types";
import {
  FORECAST_SEVERITY,
  attentionItems,
  attentionRows,
  buildAttention,
  probabilityText,
  toOverviewForecast,
  withForecast,
} from "./overview-attention";
import type { AttentionEntry, OverviewResponse } from "./overview-schema";
import type { AttentionLeaf, PlannedRun } from "./projection-attention";
import { ALPHA, MODELS, evaluateFixture } from "./overview-fixture";

const model = (id: string) => MODELS.find((m) => m.id === id)!;
const ev = (id: string) => evaluateFixture(ALPHA, model(id));

function withGates(e: Evaluation, outcomes: Evaluation["gates"][number]["outcome"][]): Evaluation {
  return {
    ...e,
    gates: outcomes.map((outcome, i) => ({ action: `act-${i}`, outcome, rule: 1, reasons: [] })),
  };
}

describe("attentionItems", () => {
  it("a blocking gate and a missing required safeguard, each linked to its section", () => {
    expect(attentionItems(ev("a-big"), model("a-big"), "alpha")).toEqual([
      {
        kind: "gate",
        text: "deploy: block",
        label: "Acme Big: gate deploy is block",
        tone: "top",
        href: "/models/a-big?policy=alpha#gates",
      },
      {
        kind: "safeguard",
        text: "1 missing: bio-guard",
        label: "Acme Big: 1 required safeguard missing: bio-guard",
        tone: "top",
        href: "/models/a-big?policy=alpha#safeguards",
      },
    ]);
  });

  it("a determination that disagrees links to its threshold", () => {
    expect(attentionItems(ev("d-det"), model("d-det"), "alpha")).toEqual([
      {
        kind: "disagreement",
        text: "bio-med",
        label: "Dune Det: the determination on bio-med disagrees with the indicators",
        tone: "unknown",
        href: "/models/d-det?policy=alpha#threshold-bio-med",
      },
    ]);
  });

  it("nothing for a model that is allowed, with nothing missing", () => {
    expect(attentionItems(ev("a-small"), model("a-small"), "alpha")).toEqual([]);
  });

  it.each([
    { outcome: "allow", listed: false },
    { outcome: "conditional", listed: false },
    { outcome: "restrict", listed: true },
    { outcome: "pause", listed: true },
    { outcome: "block", listed: true },
    { outcome: "de_deploy", listed: true },
    { outcome: "delete_weights", listed: true },
  ] as const)("gate outcome $outcome listed: $listed", ({ outcome, listed }) => {
    const items = attentionItems(withGates(ev("a-small"), [outcome]), model("a-small"), "alpha");
    expect(items.length).toBe(listed ? 1 : 0);
    if (listed) expect(items[0]!.label).toBe(`Acme Small: gate act-0 is ${outcome.replaceAll("_", " ")}`);
  });

  it("a due reassessment, and expired safeguards apart from missing ones", () => {
    const e = ev("a-small");
    const items = attentionItems(
      {
        ...e,
        cadence: { due: true, reasons: ["six months passed"], next_due_at: null },
        safeguards: [
          { id: "s1", track: "t", title: "S1", status: "expired", required_by: ["x"] },
          { id: "s2", track: "t", title: "S2", status: "missing", required_by: ["x"] },
          { id: "s3", track: "t", title: "S3", status: "missing", required_by: [] },
          { id: "s4", track: "t", title: "S4", status: "attested", required_by: ["x"] },
        ],
      },
      model("a-small"),
      "alpha",
    );
    expect(items.map((i) => [i.kind, i.text, i.tone])).toEqual([
      ["safeguard", "1 missing: s2", "top"],
      ["safeguard", "1 expired: s1", "high"],
      ["reassessment", "due", "elevated"],
    ]);
    expect(items[2]!.href).toBe("/models/a-small?policy=alpha#cadence");
  });
});

describe("buildAttention", () => {
  const evals = new Map(MODELS.map((m) => [m.id, ev(m.id)]));

  it("strongest gate first, then more items, then the listed order; the count covers all", () => {
    const list = MODELS.map((m) => ({ id: m.id, name: m.name }));
    const r = buildAttention(list, (id) => evals.get(id), "alpha");
    // a-big, b-one and c-none block with a missing safeguard; d-det only disagrees
    expect(r.count).toBe(4);
    expect(r.entries.map((e) => e.model.id)).toEqual(["a-big", "b-one", "c-none", "d-det"]);
    expect(r.entries[0]!.model.href).toBe("/models/a-big?policy=alpha");
    // one group per kind, in the table's column order
    expect(r.entries[0]!.groups.map((g) => [g.kind, g.items.length])).toEqual([
      ["gate", 1],
      ["safeguard", 1],
      ["reassessment", 0],
      ["disagreement", 0],
    ]);
  });

  it("a pause outranks a restrict; the cap keeps the first", () => {
    const e = ev("a-small");
    const gates = new Map([
      ["a", withGates(e, ["restrict", "restrict"])],
      ["b", withGates(e, ["pause"])],
      ["c", withGates(e, ["allow"])],
    ]);
    const list = ["a", "b", "c"].map((id) => ({ id, name: id.toUpperCase() }));
    expect(buildAttention(list, (id) => gates.get(id), "alpha").entries.map((x) => x.model.id)).toEqual([
      "b",
      "a",
    ]);
    expect(buildAttention(list, (id) => gates.get(id), "alpha", 1)).toMatchObject({
      count: 2,
      entries: [{ model: { id: "b" } }],
    });
  });

  it("models without an evaluation are skipped; no models, no entries", () => {
    expect(buildAttention([{ id: "ghost", name: "Ghost" }], () => undefined, "alpha")).toEqual({
      count: 0,
      entries: [],
    });
    expect(buildAttention([], () => undefined, "alpha")).toEqual({ count: 0, entries: [] });
  });

  it("each entry carries its severity: the strongest stopping gate", () => {
    const e = ev("a-small");
    const gates = new Map([
      ["a", withGates(e, ["restrict", "delete_weights"])],
      ["b", withGates(e, ["pause"])],
    ]);
    const list = ["a", "b"].map((id) => ({ id, name: id }));
    expect(buildAttention(list, (id) => gates.get(id), "alpha").entries.map((x) => x.severity)).toEqual([
      5, 2,
    ]);
  });
});

const POLICY = { id: "fsf", title: "Frontier Safety Framework" };
const RUN: PlannedRun = {
  flop: 2e27,
  source: "default",
  base: { id: "grok", flop: 5e26 },
  multiple: 4,
  multiple_from: "assumed",
};
const fLeaf = (over: Partial<AttentionLeaf>): AttentionLeaf => ({
  threshold: "cyber-1",
  domain: "cyber",
  level: "ccl",
  metric: "cybench.unguided",
  calibration: "framework",
  method: "compute-sigmoid",
  p_planned: 0.626,
  crossing: { status: "crosses", flop: 1.2e27, low: 4e26, high: 1.6e29 },
  points: [{ x: 24.4 }, { x: 26.7 }],
  warnings: [],
  ...over,
});
// The PostTrainBench leaf of the demo data: three models at the chance floor, P = 1 from a flat fit.
const stuck = fLeaf({
  threshold: "ml-rd-1",
  metric: "posttrainbench.average",
  p_planned: 1,
  crossing: { status: "crosses", flop: 1e26, low: 1e26, high: 1e26 },
  warnings: [{ code: "TOO_FEW_POINTS" }, { code: "STUCK_AT_FLOOR" }, { code: "EXTRAPOLATION" }],
});

describe("toOverviewForecast", () => {
  it("a confident forecast: the sentence, its P, the run, and a link to the leaf's chart", () => {
    const f = toOverviewForecast({ policy: POLICY, run: RUN, leaves: [fLeaf({})] });
    expect(f.rows).toHaveLength(1);
    const row = f.rows[0]!;
    expect(row).toMatchObject({
      kind: "forecast",
      title: "Next planned run (2e27 FLOP)",
      severity: FORECAST_SEVERITY.forecast,
    });
    expect(row.items).toEqual([
      {
        threshold: "cyber-1",
        metric: "cybench.unguided",
        text: "forecast to cross cyber-1 (Frontier Safety Framework) by the next planned run (P = 63%, run of 2e27 FLOP)",
        label:
          "forecast to cross cyber-1 (Frontier Safety Framework) by the next planned run (P = 63%, run of 2e27 FLOP)",
        tone: "elevated",
        href: "/projections?policy=fsf&planned=2e%2B27#leaf-cyber-1-cybench-unguided",
        p: 0.626,
        reliable: true,
        calibration: "framework",
        warnings: [],
      },
    ]);
    expect(f.planned).toMatchObject({
      flop: 2e27,
      source: "default",
      multiple_from: "assumed",
      projections_href: "/projections?policy=fsf&planned=2e%2B27",
    });
    expect(f.planned!.text).toMatch(/so 4× is assumed$/);
    expect(f.note).toBe(
      "The next planned run is forecast to cross 1 threshold of Frontier Safety Framework (P(crossing) of 50% or more on a reliable fit).",
    );
  });

  it("a fit stuck at the floor with too few points is never shown as P = 100%: an unreliable row, last", () => {
    const f = toOverviewForecast({ policy: POLICY, run: RUN, leaves: [stuck] });
    expect(f.rows.map((r) => [r.kind, r.severity])).toEqual([["unreliable", FORECAST_SEVERITY.unreliable]]);
    const item = f.rows[0]!.items[0]!;
    expect(item).toMatchObject({
      text: "ml-rd-1 (Frontier Safety Framework): forecast unreliable: TOO_FEW_POINTS, STUCK_AT_FLOOR",
      tone: "unknown",
      p: null,
      reliable: false,
      href: "/projections?policy=fsf&planned=2e%2B27#leaf-ml-rd-1-posttrainbench-average",
    });
    expect(item.text).not.toMatch(/P [=>]/);
    expect(item.label).not.toMatch(/100%|99%/);
    expect(f.note).toMatch(/^The next planned run is not forecast to cross any threshold/);
  });

  it.each([
    { label: "P exactly at the cut-off is listed", p: 0.5, listed: true },
    { label: "P just under it is not", p: 0.4999, listed: false },
    { label: "P 0.9 reads high", p: 0.9, listed: true },
  ])("$label", ({ p, listed }) => {
    const f = toOverviewForecast({
      policy: POLICY,
      run: RUN,
      leaves: [fLeaf({ p_planned: p, crossing: { status: "crosses", flop: 3e27, low: 1e27, high: 1e29 } })],
    });
    expect(f.rows.length).toBe(listed ? 1 : 0);
    if (listed) expect(f.rows[0]!.items[0]!.tone).toBe(p >= 0.9 ? "high" : "elevated");
  });

  it("P = 1 on a reliable fit reads P > 99%; caveats and illustrative numbers are said", () => {
    const f = toOverviewForecast({
      policy: POLICY,
      run: RUN,
      leaves: [
        fLeaf({
          threshold: "cbrn-alert",
          metric: "wmdp_bio",
          p_planned: 1,
          calibration: "illustrative",
          crossing: { status: "crosses", flop: 6.8e25, low: 1.8e25, high: 2e26 },
          points: [{ x: 21.9 }, { x: 25 }],
          warnings: [{ code: "EXTRAPOLATION" }],
        }),
      ],
    });
    const item = f.rows[0]!.items[0]!;
    expect(item.text).toBe(
      "forecast to cross cbrn-alert (Frontier Safety Framework) by the next planned run (P > 99%, run of 2e27 FLOP)",
    );
    expect(item.label).toBe(`${item.text} (an illustrative threshold); caveats: EXTRAPOLATION`);
    expect(item).toMatchObject({ tone: "high", calibration: "illustrative", warnings: ["EXTRAPOLATION"] });
  });

  it("confident and unreliable items in their own rows, the confident one first", () => {
    const f = toOverviewForecast({ policy: POLICY, run: RUN, leaves: [stuck, fLeaf({})] });
    expect(f.rows.map((r) => [r.kind, r.items.map((i) => i.threshold)])).toEqual([
      ["forecast", ["cyber-1"]],
      ["unreliable", ["ml-rd-1"]],
    ]);
  });

  it("an interval-only reason says so instead of a P", () => {
    const f = toOverviewForecast({
      policy: POLICY,
      run: RUN,
      leaves: [
        fLeaf({ p_planned: null, crossing: { status: "crosses", flop: 5e26, low: 3e26, high: 1e27 } }),
      ],
    });
    expect(f.rows[0]!.items[0]!.text).toMatch(
      /\(the 80% crossing interval ends at or below it, run of 2e27 FLOP\)$/,
    );
  });

  it("an override run: the text says where it came from", () => {
    const f = toOverviewForecast({
      policy: POLICY,
      run: { flop: 1.2e27, source: "override", base: null, multiple: null, multiple_from: null },
      leaves: [fLeaf({})],
    });
    expect(f.planned!.text).toBe("1.2e27 FLOP, as set by the planned parameter of this page's address");
    expect(f.rows[0]!.items[0]!.text).toMatch(/run of 1\.2e27 FLOP\)$/);
    expect(f.rows[0]!.items[0]!.href).toBe(
      "/projections?policy=fsf&planned=1.2e%2B27#leaf-cyber-1-cybench-unguided",
    );
  });

  it("no planned run: no rows, and a note saying how to set one", () => {
    const f = toOverviewForecast({ policy: POLICY, run: null, leaves: [fLeaf({})] });
    expect(f).toMatchObject({ planned: null, rows: [] });
    expect(f.note).toMatch(/planned=<FLOP>/);
  });

  it("nothing forecast, nothing listed", () => {
    const f = toOverviewForecast({ policy: POLICY, run: RUN, leaves: [fLeaf({ p_planned: 0.1 })] });
    expect(f.rows).toEqual([]);
  });
});

describe("probabilityText", () => {
  it.each([
    [0.626, "P = 63%"],
    [0.5, "P = 50%"],
    [1, "P > 99%"],
    [0.996, "P > 99%"],
    [0.004, "P < 1%"],
    [0, "P < 1%"],
    [0.994, "P = 99%"],
    [NaN, "P unknown"],
  ])("%s → %s", (p, want) => expect(probabilityText(p)).toBe(want));
});

describe("attentionRows", () => {
  const entry = (id: string, severity: number): AttentionEntry => ({
    model: { id, name: id, href: `/models/${id}` },
    groups: [],
    severity,
  });
  const attention = (entries: AttentionEntry[]): OverviewResponse["attention"] => ({
    count: entries.length,
    entries,
    forecast: toOverviewForecast({ policy: POLICY, run: RUN, leaves: [stuck, fLeaf({})] }),
  });

  it("the forecast row after the models that stop something stronger or equal, the unreliable row last", () => {
    const rows = attentionRows(
      attention([entry("del", 5), entry("pause", 2), entry("restrict", 1), entry("due", 0)]),
    );
    expect(rows.map((r) => r.key)).toEqual([
      "model:del",
      "model:pause",
      "forecast:forecast",
      "model:restrict",
      "model:due",
      "forecast:unreliable",
    ]);
  });

  it("no models: only the forecast rows; no forecast: only the models", () => {
    expect(attentionRows(attention([])).map((r) => r.key)).toEqual([
      "forecast:forecast",
      "forecast:unreliable",
    ]);
    expect(attentionRows({ count: 1, entries: [entry("a", 0)] }).map((r) => r.key)).toEqual(["model:a"]);
  });

  it("withForecast adds the forecast and leaves the entries alone", () => {
    const base = { attention: { count: 1, entries: [entry("a", 3)] } } as unknown as OverviewResponse;
    const f = toOverviewForecast({ policy: POLICY, run: RUN, leaves: [] });
    const out = withForecast(base, f);
    expect(out.attention).toEqual({ count: 1, entries: [entry("a", 3)], forecast: f });
    expect(base.attention).not.toHaveProperty("forecast");
  });
});
