import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadPolicyText } from "./load";
import type { Policy } from "./schema";
import { diffPolicies } from "./diff";
import {
  inForceFrom,
  lineageOf,
  lineages,
  orderLineage,
  periods,
  reverseLineageRenames,
  versionInForce,
} from "./lineage";
import type { LineageMember } from "./lineage";

function shipped(id: string): Policy {
  const r = loadPolicyText(readFileSync(`policies/${id}.yaml`, "utf8"), `${id}.yaml`, { expectedId: id });
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join("; "));
  return r.policy;
}

const SHIPPED = [
  "anthropic-rsp-v2-2",
  "anthropic-rsp-v3-4",
  "deepmind-fsf-v3",
  "deepmind-fsf-v3-1",
  "openai-preparedness-beta",
  "openai-preparedness-v2",
].map(shipped);

const v = (id: string, published: string, more: Partial<LineageMember> = {}): LineageMember => ({
  id,
  version: id,
  published,
  ...more,
});

// v1 ← v2 ← v3, v2 taking effect after its publication.
const CHAIN = [
  v("v3", "2026-03-01", { supersedes: "v2" }),
  v("v1", "2024-01-10"),
  v("v2", "2025-05-01", { effective: "2025-06-01", supersedes: "v1" }),
];

describe("inForceFrom", () => {
  it.each([
    ["effective wins over published", v("a", "2025-05-01", { effective: "2025-06-01" }), "2025-06-01"],
    ["published when no effective date", v("a", "2025-05-01"), "2025-05-01"],
  ])("%s", (_label, p, day) => expect(inForceFrom(p)).toBe(day));
});

describe("versionInForce", () => {
  it.each([
    ["before the first version: none", "2023-12-31", null],
    ["the first version's own day", "2024-01-10", "v1"],
    ["between v1 and v2", "2025-01-01", "v1"],
    ["v2 published but not yet effective: still v1", "2025-05-15", "v1"],
    ["the day before v2 takes effect", "2025-05-31", "v1"],
    ["the day v2 takes effect", "2025-06-01", "v2"],
    ["the day before v3", "2026-02-28", "v2"],
    ["v3's day", "2026-03-01", "v3"],
    ["long after the last version", "2030-01-01", "v3"],
    ["a timestamp is read by its day", "2025-06-01T00:00:00Z", "v2"],
  ])("%s (%s → %s)", (_label, date, id) => {
    expect(versionInForce(CHAIN, date)?.policy.id ?? null).toBe(id);
  });

  it("an empty lineage has no version in force", () => {
    expect(versionInForce([], "2025-01-01")).toBeNull();
  });

  it("gives the period with its neighbours", () => {
    const p = versionInForce(CHAIN, "2025-07-01")!;
    expect({
      id: p.policy.id,
      from: p.from,
      until: p.until,
      supersedes: p.supersedes?.id,
      supersededBy: p.supersededBy?.id,
    }).toEqual({ id: "v2", from: "2025-06-01", until: "2026-03-01", supersedes: "v1", supersededBy: "v3" });
  });

  it("the supersedes link orders versions even when the successor is dated earlier", () => {
    // b replaces a but states an earlier day: a was never in force, b is from its own day on.
    const odd = [v("a", "2025-06-01"), v("b", "2025-01-01", { supersedes: "a" })];
    expect(orderLineage(odd).map((p) => p.id)).toEqual(["a", "b"]);
    expect(versionInForce(odd, "2025-03-01")?.policy.id).toBe("b");
    expect(versionInForce(odd, "2025-07-01")?.policy.id).toBe("b");
    expect(versionInForce(odd, "2024-12-31")).toBeNull();
    expect(periods(odd).map((p) => [p.policy.id, p.everInForce])).toEqual([
      ["a", false],
      ["b", true],
    ]);
  });

  it("a successor taking effect on the same day wins that day", () => {
    const same = [v("a", "2025-01-01"), v("b", "2025-01-01", { supersedes: "a" })];
    expect(versionInForce(same, "2025-01-01")?.policy.id).toBe("b");
    expect(periods(same)[0]).toMatchObject({ until: "2025-01-01", everInForce: false });
  });
});

describe("the shipped lineages", () => {
  it("groups the six shipped policies into three lineages, oldest first", () => {
    expect(lineages(SHIPPED).map((l) => l.map((p) => p.id))).toEqual([
      ["anthropic-rsp-v2-2", "anthropic-rsp-v3-4"],
      ["deepmind-fsf-v3", "deepmind-fsf-v3-1"],
      ["openai-preparedness-beta", "openai-preparedness-v2"],
    ]);
  });

  it.each([
    // RSP v2.2 (2025-05-14) → v3.4 (effective 2026-07-08)
    ["anthropic-rsp-v2-2", "2025-05-13", null],
    ["anthropic-rsp-v2-2", "2025-05-14", "anthropic-rsp-v2-2"],
    ["anthropic-rsp-v3-4", "2025-11-24", "anthropic-rsp-v2-2"],
    ["anthropic-rsp-v3-4", "2026-07-07", "anthropic-rsp-v2-2"],
    ["anthropic-rsp-v3-4", "2026-07-08", "anthropic-rsp-v3-4"],
    // FSF v3.0 (2025-09-22) → v3.1 (effective 2026-04-17)
    ["deepmind-fsf-v3-1", "2025-09-21", null],
    ["deepmind-fsf-v3-1", "2026-02-19", "deepmind-fsf-v3"],
    ["deepmind-fsf-v3-1", "2026-04-17", "deepmind-fsf-v3-1"],
    // Preparedness Beta (2023-12-18) → v2 (2025-04-15)
    ["openai-preparedness-v2", "2025-04-14", "openai-preparedness-beta"],
    ["openai-preparedness-v2", "2025-04-15", "openai-preparedness-v2"],
  ])("%s's lineage on %s → %s", (id, date, expected) => {
    expect(versionInForce(lineageOf(SHIPPED, id), date)?.policy.id ?? null).toBe(expected);
  });

  it("RSP v2.2 is in force from 2025-05-14 until v3.4 takes effect on 2026-07-08", () => {
    const [v22, v34] = periods(lineageOf(SHIPPED, "anthropic-rsp-v2-2"));
    expect([v22!.from, v22!.until, v22!.supersededBy?.id]).toEqual([
      "2025-05-14",
      "2026-07-08",
      "anthropic-rsp-v3-4",
    ]);
    expect([v34!.from, v34!.until, v34!.supersedes?.id]).toEqual(["2026-07-08", null, "anthropic-rsp-v2-2"]);
  });
});

describe("lineages", () => {
  it.each<[string, LineageMember[], string[][]]>([
    ["no policies", [], []],
    ["a lone policy is its own lineage", [v("solo", "2025-01-01")], [["solo"]]],
    [
      "a supersedes naming an unknown id links nothing",
      [v("a", "2025-01-01", { supersedes: "gone" }), v("b", "2025-02-01")],
      [["a"], ["b"]],
    ],
    ["the input order does not matter", [...CHAIN].reverse(), [["v1", "v2", "v3"]]],
    [
      "two versions replacing one stay in one lineage, by date",
      [
        v("root", "2024-01-01"),
        v("y", "2025-02-01", { supersedes: "root" }),
        v("x", "2025-01-01", { supersedes: "root" }),
      ],
      [["root", "x", "y"]],
    ],
    [
      "a cycle of supersedes does not loop",
      [v("p", "2025-01-01", { supersedes: "q" }), v("q", "2025-02-01", { supersedes: "p" })],
      [["p", "q"]],
    ],
  ])("%s", (_label, input, expected) => {
    expect(lineages(input).map((l) => l.map((p) => p.id))).toEqual(expected);
  });

  it("lineageOf an unknown id is empty", () => {
    expect(lineageOf(CHAIN, "nope")).toEqual([]);
  });
});

describe("reverseLineageRenames", () => {
  const v22 = SHIPPED[0]!;
  const v34 = SHIPPED[1]!;

  it("turns v3.4's lineage round so a backwards diff pairs the same thresholds", () => {
    const renames = reverseLineageRenames(v34, v22);
    expect(renames).toMatchObject({
      "cbrn-3": "t1-non-novel-chem-bio",
      "cbrn-4": "t2-novel-chem-bio",
      "ai-rd-4": "t4-automated-rd",
    });
    const back = diffPolicies(v34, v22, renames);
    const forward = diffPolicies(v22, v34);
    expect(back.thresholds.changed.map((c) => [c.from_id, c.id]).sort()).toEqual(
      expect.arrayContaining([["t1-non-novel-chem-bio", "cbrn-3"]]),
    );
    // the pairs that the forward diff makes are made backwards too
    for (const c of forward.thresholds.changed)
      expect(
        back.thresholds.changed.some((b) => b.id === c.from_id && b.from_id === c.id),
        c.id,
      ).toBe(true);
  });

  it("forwards there is nothing to turn round", () => {
    expect(reverseLineageRenames(v22, v34)).toEqual({});
  });
});
