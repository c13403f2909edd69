import { describe, expect, it } from "vitest";
import { DecisionListItem } from "@/lib/api/governance-schemas";
import type { DecisionStatus } from "@/lib/api/governance-schemas";
import {
  decisionsSummary,
  gateMark,
  SIGNOFF_OUTCOME_OPTIONS,
  signoffActionOptions,
  signoffConfirmation,
  toDecisionStatusView,
  toDecisionView,
  toDecisionViews,
} from "./decisions";

const H = (c: string) => c.repeat(64);

function decision(over: Partial<DecisionListItem> = {}): DecisionListItem {
  // Parsed with the API's own schema, so a fixture that drifts from the contract fails here.
  return DecisionListItem.parse({
    id: 7,
    kind: "signoff",
    model: "deepseek-r1",
    policy_version: { id: 5, policy: "openai-preparedness-v2", version: "2" },
    action: "deploy-external",
    as_of: "2026-03-01",
    outcome: "block",
    signoff: { outcome: "approve_with_conditions", rationale: "Staged rollout.", conditions: "EU only" },
    decided_by: "rey@example.org",
    created_at: "2026-03-01T09:30:12.345Z",
    input_hash: H("a"),
    result_hash: H("b"),
    ...over,
  });
}

function status(over: Partial<DecisionStatus> = {}): DecisionStatus {
  return {
    decision_id: 7,
    status: "current",
    reasons: [],
    changed: { policy_version: false, input: false, result: false, outcome: false },
    current: null,
    ...over,
  };
}

describe("toDecisionStatusView", () => {
  it.each([
    ["current", status(), { state: "current", symbol: "✓", label: "current", tone: "baseline", reasons: [] }],
    [
      "current, with evidence that changed without changing the result",
      status({ reasons: ["the evidence changed, but not the evaluation result"] }),
      {
        state: "current",
        symbol: "✓",
        label: "current",
        tone: "baseline",
        reasons: ["the evidence changed, but not the evaluation result"],
      },
    ],
    [
      "stale keeps the API's reasons",
      status({
        status: "stale",
        reasons: ["the evaluation changed: deploy-external is now allow (was block)"],
      }),
      {
        state: "stale",
        symbol: "⚠",
        label: "stale",
        tone: "high",
        reasons: ["the evaluation changed: deploy-external is now allow (was block)"],
      },
    ],
    [
      "stale without a reason still says why in words",
      status({ status: "stale" }),
      {
        state: "stale",
        symbol: "⚠",
        label: "stale",
        tone: "high",
        reasons: ["the same question asked now gets another answer"],
      },
    ],
    [
      "no status never reads as current",
      undefined,
      { state: "unknown", symbol: "?", label: "status not checked", tone: "unknown", reasons: [] },
    ],
  ])("%s", (_label, s, want) => {
    expect(toDecisionStatusView(s)).toEqual(want);
  });
});

describe("toDecisionView", () => {
  it("a sign-off with conditions, under the version shown", () => {
    expect(toDecisionView(decision({ status: status() }), 5)).toEqual({
      id: 7,
      anchor: "decision-7",
      kind: "sign-off",
      action: "deploy-external",
      gate: { symbol: "✗", label: "block", tone: "top" },
      signoff: {
        symbol: "◐",
        label: "approve with conditions",
        tone: "elevated",
        rationale: "Staged rollout.",
        conditions: "EU only",
      },
      by: "rey@example.org",
      createdAt: "2026-03-01T09:30:12.345Z",
      createdLabel: "2026-03-01 09:30 UTC",
      asOf: "2026-03-01",
      policyVersion: "v2 (version #5)",
      underShownVersion: true,
      status: { state: "current", symbol: "✓", label: "current", tone: "baseline", reasons: [] },
      replayHref: "/api/v1/decisions/7",
    });
  });

  it("a recorded evaluation (a gate check) has no sign-off", () => {
    const v = toDecisionView(decision({ kind: "evaluation", signoff: null, outcome: "delete_weights" }), 5);
    expect(v.kind).toBe("recorded evaluation");
    expect(v.signoff).toBeNull();
    expect(v.gate).toEqual({ symbol: "✗", label: "delete weights", tone: "top" });
  });

  it.each([
    ["an earlier version", 6, false],
    ["no version shown", null, false],
    ["the same version", 5, true],
  ] as const)("under %s", (_label, shown, want) => {
    expect(toDecisionView(decision(), shown).underShownVersion).toBe(want);
  });

  it("a non-numeric version label is not prefixed with v", () => {
    const pv = { id: 9, policy: "openai-preparedness-beta", version: "beta" };
    expect(toDecisionView(decision({ policy_version: pv }), 9).policyVersion).toBe("beta (version #9)");
  });

  it("a created_at that is not ISO is shown as it is", () => {
    expect(toDecisionView(decision({ created_at: "yesterday" }), 5).createdLabel).toBe("yesterday");
  });
});

describe("toDecisionViews", () => {
  it("newest first, whatever order the answer came in", () => {
    const list = [decision({ id: 3 }), decision({ id: 11 }), decision({ id: 7 })];
    expect(toDecisionViews(list, 5).map((d) => d.id)).toEqual([11, 7, 3]);
  });

  it("empty", () => {
    expect(toDecisionViews([], 5)).toEqual([]);
  });
});

describe("decisionsSummary", () => {
  it.each([
    ["none", [], "0 decisions"],
    ["one current", [decision({ status: status() })], "1 decision: 1 current"],
    [
      "mixed, with one not checked",
      [
        decision({ id: 1, status: status() }),
        decision({ id: 2, status: status({ status: "stale", reasons: ["x"] }) }),
        decision({ id: 3, status: status({ status: "stale", reasons: ["y"] }) }),
        decision({ id: 4 }),
      ],
      "4 decisions: 1 current, 2 stale, 1 not checked",
    ],
  ])("%s", (_label, list, want) => {
    expect(decisionsSummary(toDecisionViews(list, 5))).toBe(want);
  });
});

describe("gateMark", () => {
  it.each([
    ["allow", { symbol: "✓", label: "allow", tone: "baseline" }],
    ["conditional", { symbol: "◐", label: "conditional", tone: "elevated" }],
    ["pause", { symbol: "‖", label: "pause", tone: "high" }],
    [
      "an outcome the dashboard does not know",
      { symbol: "?", label: "an outcome the dashboard does not know", tone: "unknown" },
    ],
  ])("%s", (outcome, want) => {
    expect(gateMark(outcome)).toEqual(want);
  });
});

describe("the sign-off form", () => {
  it("offers the API's outcomes, in words", () => {
    expect(SIGNOFF_OUTCOME_OPTIONS).toEqual([
      { value: "approve", label: "approve" },
      { value: "approve_with_conditions", label: "approve with conditions" },
      { value: "block", label: "block" },
    ]);
  });

  it("labels each gate action with its outcome now", () => {
    expect(
      signoffActionOptions([
        { action: "deploy-external", outcome: "block" },
        { action: "continue-development", outcome: "de_deploy" },
      ]),
    ).toEqual([
      { value: "deploy-external", label: "deploy-external — now block" },
      { value: "continue-development", label: "continue-development — now de deploy" },
    ]);
    expect(signoffActionOptions([])).toEqual([]);
  });

  it("confirms with the decision id, the policy version and the outcome", () => {
    expect(signoffConfirmation(decision())).toBe(
      "Recorded decision #7: approve with conditions on deploy-external (gate outcome block) under openai-preparedness-v2 v2 (version #5), as of 2026-03-01.",
    );
    expect(signoffConfirmation(decision({ kind: "evaluation", signoff: null, outcome: "allow" }))).toBe(
      "Recorded decision #7: no sign-off on deploy-external (gate outcome allow) under openai-preparedness-v2 v2 (version #5), as of 2026-03-01.",
    );
  });
});
