import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadPolicyText } from "@/lib/policy/load";
import type { Policy } from "@/lib/policy/schema";
import { earlierDeterminations, versionNote } from "./version-note";
import type { StoredDetermination } from "./version-note";

function shipped(id: string): Policy {
  const r = loadPolicyText(readFileSync(`policies/${id}.yaml`, "utf8"), `${id}.yaml`, { expectedId: id });
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join("; "));
  return r.policy;
}

const ALL = [
  "anthropic-rsp-v2-2",
  "anthropic-rsp-v3-4",
  "deepmind-fsf-v3",
  "deepmind-fsf-v3-1",
  "openai-preparedness-beta",
  "openai-preparedness-v2",
].map(shipped);
const by = (id: string) => ALL.find((p) => p.id === id)!;
const V22_LABEL =
  "Determined under Anthropic Responsible Scaling Policy v2.2, in force 2025-05-14 – 2026-07-08, superseded by v3.4";

describe("versionNote", () => {
  it("RSP v3.4 in force: since when, what it superseded, and v2.2 as the earlier version", () => {
    const n = versionNote(by("anthropic-rsp-v3-4"), ALL, "2026-12-07");
    expect(n).toEqual({
      name: "Anthropic Responsible Scaling Policy (2026) v3.4",
      state: "in_force",
      text: "Evaluated under Anthropic Responsible Scaling Policy (2026) v3.4, in force since 2026-07-08; it superseded Anthropic Responsible Scaling Policy v2.2.",
      inForceInstead: null,
      earlier: [{ policyId: "anthropic-rsp-v2-2", label: V22_LABEL }],
    });
  });

  it.each([
    [
      "a superseded version says so and names the one in force",
      "anthropic-rsp-v2-2",
      "2026-12-07",
      "superseded",
      "Evaluated under Anthropic Responsible Scaling Policy v2.2, in force 2025-05-14 – 2026-07-08: superseded by Anthropic Responsible Scaling Policy (2026) v3.4 on 2026-07-08.",
      "anthropic-rsp-v3-4",
    ],
    [
      "on the day its successor takes effect it is superseded",
      "anthropic-rsp-v2-2",
      "2026-07-08",
      "superseded",
      expect.stringContaining("superseded by"),
      "anthropic-rsp-v3-4",
    ],
    [
      "the day before, it is still in force",
      "anthropic-rsp-v2-2",
      "2026-07-07",
      "in_force",
      "Evaluated under Anthropic Responsible Scaling Policy v2.2, in force since 2025-05-14.",
      null,
    ],
    [
      "a version evaluated before it takes effect",
      "anthropic-rsp-v3-4",
      "2026-01-01",
      "not_yet",
      "Evaluated under Anthropic Responsible Scaling Policy (2026) v3.4, which takes effect on 2026-07-08: on 2026-01-01 Anthropic Responsible Scaling Policy v2.2 is in force.",
      "anthropic-rsp-v2-2",
    ],
    [
      "before any version of the framework",
      "openai-preparedness-beta",
      "2023-01-01",
      "not_yet",
      "Evaluated under OpenAI Preparedness Framework (Beta), which takes effect on 2023-12-18: on 2023-01-01 no version of this framework is in force yet.",
      null,
    ],
  ] as const)("%s", (_label, id, asOf, state, text, instead) => {
    const n = versionNote(by(id), ALL, asOf);
    expect(n.state).toBe(state);
    expect(n.text).toEqual(text);
    expect(n.inForceInstead?.id ?? null).toBe(instead);
  });

  it("the first version of a lineage has no earlier version", () => {
    expect(versionNote(by("deepmind-fsf-v3"), ALL, "2026-01-01").earlier).toEqual([]);
  });

  it("a policy missing from the published list is still placed in its lineage", () => {
    const others = ALL.filter((p) => p.id !== "openai-preparedness-v2");
    const n = versionNote(by("openai-preparedness-v2"), others, "2026-01-01");
    expect(n.earlier.map((e) => e.policyId)).toEqual(["openai-preparedness-beta"]);
  });
});

describe("earlierDeterminations", () => {
  const row = (over: Partial<StoredDetermination>): StoredDetermination => ({
    id: 1,
    policyId: "anthropic-rsp-v2-2",
    thresholdId: "cbrn-3",
    outcome: "cannot_rule_out",
    mitigation: null,
    by: "Anthropic (published)",
    rationale: "Anthropic assigned ASL-3.",
    at: "2025-05-22",
    quote: "we have determined that clearly ruling out ASL-3 risks is not possible",
    sourceTitle: "Activating AI Safety Level 3 Protections",
    sourceUrl: "https://www.anthropic.com/news/activating-asl3-protections",
    sourceKind: "primary",
    createdBy: "scalegate-seed",
    evidence: ["db/seed/determinations/determinations.csv:40"],
    ...over,
  });
  const note = versionNote(by("anthropic-rsp-v3-4"), ALL, "2026-12-07");

  it("labels each determination of v2.2 with the version that applied", () => {
    const groups = earlierDeterminations(note, ALL, [
      row({}),
      row({ id: 2, thresholdId: "cbrn-4", outcome: "not_reached" }),
      // recorded under v3.4 itself: not an earlier determination
      row({ id: 3, policyId: "anthropic-rsp-v3-4", thresholdId: "t1-non-novel-chem-bio" }),
      row({ id: 4, policyId: "anthropic-rsp-v1-0" }),
    ]);
    expect(groups).toHaveLength(1);
    expect(groups[0]!.label).toBe(V22_LABEL);
    expect(
      groups[0]!.items.map((i) => [i.heading, i.version, i.dateNote, i.view.outcomeLabel, i.view.at]),
    ).toEqual([
      ["CBRN-3 (cbrn-3)", V22_LABEL, null, expect.any(String), "2025-05-22"],
      ["CBRN-4 (cbrn-4)", V22_LABEL, null, expect.any(String), "2025-05-22"],
    ]);
    expect(groups[0]!.items[0]!.view).toMatchObject({
      quote: "we have determined that clearly ruling out ASL-3 risks is not possible",
      sourceLabel: "primary source",
      recordedBy: "scalegate-seed",
    });
  });

  it.each([
    ["after v2.2 was superseded", "2026-08-01", "dated 2026-08-01, after v2.2 was superseded (2026-07-08)"],
    ["on the day v3.4 took effect", "2026-07-08", "dated 2026-07-08, after v2.2 was superseded (2026-07-08)"],
    ["before v2.2 took effect", "2025-01-01", "dated 2025-01-01, before v2.2 took effect (2025-05-14)"],
    ["inside its days", "2026-07-07", null],
  ])("a determination dated %s says so", (_label, at, dateNote) => {
    const [g] = earlierDeterminations(note, ALL, [row({ at })]);
    expect(g!.items[0]!.dateNote).toBe(dateNote);
  });

  it("nothing recorded under earlier versions: no group", () => {
    expect(earlierDeterminations(note, ALL, [])).toEqual([]);
    expect(
      earlierDeterminations(versionNote(by("deepmind-fsf-v3"), ALL, "2026-01-01"), ALL, [row({})]),
    ).toEqual([]);
  });
});
