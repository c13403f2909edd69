import { describe, expect, it } from "vitest";
import type { Metric, Policy } from "@/lib/policy/schema";
import { aggregateScores } from "./aggregate";
import type { ScoreInput } from "./input";

const UP: Metric = {
  id: "cyber.ctf",
  domain: "cyber",
  unit: "fraction",
  higher_is_riskier: true,
  continuity: "continuous",
};
const DOWN: Metric = { ...UP, id: "cyber.refusal", higher_is_riskier: false };

function s(id: string, value: number, extra: Partial<ScoreInput> = {}): ScoreInput {
  return { id, metric: UP.id, value, ...extra };
}

interface Row {
  label: string;
  how: Policy["aggregate"];
  metric: Metric;
  scores: ScoreInput[];
  value: number;
  stderr: number | null;
  /** ids of the scores the value rests on, in order */
  ids: string[];
}

const rows: Row[] = [
  {
    label: "max, one score",
    how: "max",
    metric: UP,
    scores: [s("a", 0.3)],
    value: 0.3,
    stderr: null,
    ids: ["a"],
  },
  {
    label: "max, higher is riskier: the largest value",
    how: "max",
    metric: UP,
    scores: [s("a", 0.3), s("b", 0.7, { stderr: 0.02 }), s("c", 0.5)],
    value: 0.7,
    stderr: 0.02,
    ids: ["b"],
  },
  {
    label: "max, lower is riskier: the smallest value",
    how: "max",
    metric: DOWN,
    scores: [s("a", 0.3, { stderr: 0.01 }), s("b", 0.7), s("c", 0.5)],
    value: 0.3,
    stderr: 0.01,
    ids: ["a"],
  },
  {
    label: "max, tie on value: the newer evaluation",
    how: "max",
    metric: UP,
    scores: [
      s("old", 0.6, { evaluated_at: "2025-01-01" }),
      s("new", 0.6, { evaluated_at: "2025-03-01" }),
      s("mid", 0.6, { evaluated_at: "2025-02-01" }),
    ],
    value: 0.6,
    stderr: null,
    ids: ["new"],
  },
  {
    label: "latest: the newest evaluated_at, even when less risky",
    how: "latest",
    metric: UP,
    scores: [
      s("old", 0.9, { evaluated_at: "2025-01-01" }),
      s("new", 0.2, { evaluated_at: "2025-06-01", stderr: 0.03 }),
    ],
    value: 0.2,
    stderr: 0.03,
    ids: ["new"],
  },
  {
    label: "latest: date-time later on the same day wins",
    how: "latest",
    metric: UP,
    scores: [
      s("morning", 0.9, { evaluated_at: "2025-06-01T08:00:00Z" }),
      s("evening", 0.1, { evaluated_at: "2025-06-01T20:00:00Z" }),
    ],
    value: 0.1,
    stderr: null,
    ids: ["evening"],
  },
  {
    label: "latest: a dated score beats an undated one",
    how: "latest",
    metric: UP,
    scores: [s("undated", 0.9), s("dated", 0.1, { evaluated_at: "2024-01-01" })],
    value: 0.1,
    stderr: null,
    ids: ["dated"],
  },
  {
    label: "latest, tie on date: the riskier value (lower is riskier)",
    how: "latest",
    metric: DOWN,
    scores: [s("a", 0.4, { evaluated_at: "2025-06-01" }), s("b", 0.2, { evaluated_at: "2025-06-01" })],
    value: 0.2,
    stderr: null,
    ids: ["b"],
  },
  {
    label: "mean: arithmetic mean, stderr √Σse² / k",
    how: "mean",
    metric: UP,
    scores: [s("a", 0.4, { stderr: 0.03 }), s("b", 0.6, { stderr: 0.04 })],
    value: 0.5,
    stderr: 0.025,
    ids: ["a", "b"],
  },
  {
    label: "mean: one score without stderr drops the stderr",
    how: "mean",
    metric: UP,
    scores: [s("a", 0.2, { stderr: 0.03 }), s("b", 0.4), s("c", 0.6, { stderr: 0.01 })],
    value: 0.4,
    stderr: null,
    ids: ["a", "b", "c"],
  },
  {
    label: "mean: direction does not matter",
    how: "mean",
    metric: DOWN,
    scores: [s("a", 0.25), s("b", 0.75)],
    value: 0.5,
    stderr: null,
    ids: ["a", "b"],
  },
];

describe("aggregateScores", () => {
  it.each(rows)("$label", (row) => {
    const agg = aggregateScores(row.scores, row.metric, row.how);
    expect(agg.value).toBeCloseTo(row.value, 12);
    if (row.stderr === null) expect(agg.stderr).toBeNull();
    else expect(agg.stderr).toBeCloseTo(row.stderr, 12);
    expect(agg.scores.map((r) => r.id)).toEqual(row.ids);
  });

  it("score refs keep provenance and drop null fields", () => {
    const agg = aggregateScores(
      [
        {
          id: 7,
          metric: UP.id,
          value: 0.8,
          stderr: 0.01,
          n: 200,
          elicitation: "high",
          evaluated_at: "2025-05-05",
          source: "inspect/run-1.eval#3",
          mitigation: "pre",
        },
        { id: 8, metric: UP.id, value: 0.1, stderr: null, n: null, elicitation: null, source: null },
      ],
      UP,
      "max",
    );
    expect(agg.scores).toEqual([
      {
        id: 7,
        value: 0.8,
        stderr: 0.01,
        n: 200,
        elicitation: "high",
        evaluated_at: "2025-05-05",
        source: "inspect/run-1.eval#3",
      },
    ]);
    const low = aggregateScores(
      [{ id: 8, metric: UP.id, value: 0.1, stderr: null, n: null, elicitation: null, source: null }],
      UP,
      "max",
    );
    expect(low.scores).toEqual([{ id: 8, value: 0.1 }]);
  });
});
