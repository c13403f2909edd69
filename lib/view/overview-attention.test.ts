import { describe, expect, it } from "vitest";
import type { Evaluation } from "@/lib/engine/types";
import { attentionItems, buildAttention } from "./overview-attention";
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
});
