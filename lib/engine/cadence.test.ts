import { describe, expect, it } from "vitest";
import type { Cadence } from "@/lib/policy/schema";
import { addMonths, evaluateCadence } from "./cadence";
import type { AssessmentContext, ModelInfo, ModelInput, ScoreInput } from "./input";

describe("addMonths", () => {
  it.each([
    { label: "same day six months later", date: "2025-01-15", months: 6, out: "2025-07-15" },
    { label: "across a year end", date: "2025-12-15", months: 1, out: "2026-01-15" },
    { label: "clamped to the last day of a short month", date: "2025-08-31", months: 6, out: "2026-02-28" },
    { label: "clamped to 29 February in a leap year", date: "2023-08-31", months: 6, out: "2024-02-29" },
    { label: "30 November + 3 months", date: "2025-11-30", months: 3, out: "2026-02-28" },
    { label: "date-time input uses its date", date: "2025-01-01T23:30:00Z", months: 1, out: "2025-02-01" },
    { label: "half a month is 15 days", date: "2025-01-01", months: 0.5, out: "2025-01-16" },
    { label: "twelve months is a year", date: "2024-02-29", months: 12, out: "2025-02-28" },
  ])("$label", ({ date, months, out }) => {
    expect(addMonths(date, months)).toBe(out);
  });
});

type ByMetric = Map<string, { pre: ScoreInput[]; post: ScoreInput[] }>;

function byMetric(dates: { pre?: (string | null)[]; post?: (string | null)[] }): ByMetric {
  const mk = (d: string | null, i: number): ScoreInput => ({
    id: i,
    metric: "m",
    value: 0.5,
    evaluated_at: d,
  });
  return new Map([["m", { pre: (dates.pre ?? []).map(mk), post: (dates.post ?? []).map(mk) }]]);
}

interface Row {
  label: string;
  cadence: Cadence | undefined;
  assessment?: AssessmentContext;
  model?: Partial<ModelInfo>;
  scores?: ByMetric;
  asOf: string;
  due: boolean;
  next: string | null;
  reasons: string[];
}

const rows: Row[] = [
  {
    label: "no cadence in the policy: never due",
    cadence: undefined,
    asOf: "2030-01-01",
    due: false,
    next: null,
    reasons: ["the policy sets no reassessment cadence"],
  },
  {
    label: "cadence with neither trigger: never due",
    cadence: { locator: "§4" },
    asOf: "2030-01-01",
    due: false,
    next: null,
    reasons: ["the policy sets no reassessment cadence"],
  },
  {
    label: "months: one day before the due date is current",
    cadence: { months: 6 },
    assessment: { last_full_at: "2025-01-01" },
    asOf: "2025-06-30",
    due: false,
    next: "2025-07-01",
    reasons: ["next periodic reassessment by 2025-07-01"],
  },
  {
    label: "months: exactly on the due date is due",
    cadence: { months: 6 },
    assessment: { last_full_at: "2025-01-01" },
    asOf: "2025-07-01",
    due: true,
    next: "2025-07-01",
    reasons: ["6 months since 2025-01-01 passed on 2025-07-01"],
  },
  {
    label: "months: long past is due",
    cadence: { months: 6 },
    assessment: { last_full_at: "2024-01-01T10:00:00Z" },
    asOf: "2025-07-01",
    due: true,
    next: "2024-07-01",
    reasons: ["6 months since 2024-01-01 passed on 2024-07-01"],
  },
  {
    label: "months: without a full assessment the newest dated score (pre or post) stands in",
    cadence: { months: 6 },
    scores: byMetric({ pre: ["2025-01-10", null], post: ["2025-03-10T09:00:00Z"] }),
    asOf: "2025-06-01",
    due: false,
    next: "2025-09-10",
    reasons: [
      "no full assessment on record; newest evaluation 2025-03-10 used as its date",
      "next periodic reassessment by 2025-09-10",
    ],
  },
  {
    label: "months: no dated assessment or evaluation is due",
    cadence: { months: 6 },
    scores: byMetric({ pre: [null, null] }),
    asOf: "2025-06-01",
    due: true,
    next: null,
    reasons: ["no dated assessment or evaluation on record"],
  },
  {
    label: "months: no scores at all is due",
    cadence: { months: 6 },
    asOf: "2025-06-01",
    due: true,
    next: null,
    reasons: ["no dated assessment or evaluation on record"],
  },
  {
    label: "compute: family grew exactly by the multiple is due",
    cadence: { effective_compute_multiple: 4 },
    assessment: { last_full_effective_compute: 1e25, family_max_effective_compute: 4e25 },
    asOf: "2025-06-01",
    due: true,
    next: null,
    reasons: ["effective compute grew 4.0x since the last full assessment (trigger 4x)"],
  },
  {
    label: "compute: just under the multiple is current",
    cadence: { effective_compute_multiple: 4 },
    assessment: { last_full_effective_compute: 1e25, family_max_effective_compute: 3.9e25 },
    asOf: "2025-06-01",
    due: false,
    next: null,
    reasons: ["effective compute 3.90x of the last full assessment (trigger 4x)"],
  },
  {
    label: "compute: the model's own effective compute counts",
    cadence: { effective_compute_multiple: 4 },
    assessment: { last_full_effective_compute: 1e25 },
    model: { effective_compute: 5e25 },
    asOf: "2025-06-01",
    due: true,
    next: null,
    reasons: ["effective compute grew 5.0x since the last full assessment (trigger 4x)"],
  },
  {
    label: "compute: training FLOP stands in for effective compute",
    cadence: { effective_compute_multiple: 4 },
    assessment: { last_full_effective_compute: 1e25 },
    model: { training_flop: 2e25 },
    asOf: "2025-06-01",
    due: false,
    next: null,
    reasons: ["effective compute 2.00x of the last full assessment (trigger 4x)"],
  },
  {
    label: "compute: unknown base is not checked",
    cadence: { effective_compute_multiple: 4 },
    model: { effective_compute: 1e30 },
    asOf: "2025-06-01",
    due: false,
    next: null,
    reasons: ["effective compute of the last full assessment unknown; compute trigger not checked"],
  },
  {
    label: "compute: base 0 is not checked",
    cadence: { effective_compute_multiple: 4 },
    assessment: { last_full_effective_compute: 0, family_max_effective_compute: 1e25 },
    asOf: "2025-06-01",
    due: false,
    next: null,
    reasons: ["effective compute of the last full assessment unknown; compute trigger not checked"],
  },
  {
    label: "both: compute due while months are not",
    cadence: { months: 6, effective_compute_multiple: 4 },
    assessment: {
      last_full_at: "2025-05-01",
      last_full_effective_compute: 1e25,
      family_max_effective_compute: 1e26,
    },
    asOf: "2025-06-01",
    due: true,
    next: "2025-11-01",
    reasons: [
      "next periodic reassessment by 2025-11-01",
      "effective compute grew 10.0x since the last full assessment (trigger 4x)",
    ],
  },
  {
    label: "both: months due while compute is not",
    cadence: { months: 3, effective_compute_multiple: 4 },
    assessment: {
      last_full_at: "2025-01-01",
      last_full_effective_compute: 1e25,
      family_max_effective_compute: 1e25,
    },
    asOf: "2025-06-01",
    due: true,
    next: "2025-04-01",
    reasons: [
      "3 months since 2025-01-01 passed on 2025-04-01",
      "effective compute 1.00x of the last full assessment (trigger 4x)",
    ],
  },
];

describe("evaluateCadence", () => {
  it.each(rows)("$label", (row) => {
    const input: ModelInput = {
      model: { id: "m1", ...row.model },
      scores: [],
      ...(row.assessment ? { assessment: row.assessment } : {}),
    };
    const r = evaluateCadence(row.cadence, input, row.scores ?? new Map(), row.asOf);
    expect(r.due).toBe(row.due);
    expect(r.next_due_at).toBe(row.next);
    expect(r.reasons).toEqual(row.reasons);
    expect(r.months).toBe(row.cadence?.months);
    expect(r.effective_compute_multiple).toBe(row.cadence?.effective_compute_multiple);
  });
});
