import { describe, expect, it } from "vitest";
import type { CadenceResult, GateResult, SafeguardResult } from "@/lib/engine/types";
import { chooseMetric } from "./model-scores";
import {
  daysBetween,
  expiryText,
  pickPolicy,
  toCadenceView,
  toGateViews,
  toObligationViews,
  toSafeguardViews,
} from "./model-status";

const PUBLISHED = ["anthropic-rsp-v2-2", "deepmind-fsf-v3", "openai-preparedness-v2"];

describe("pickPolicy", () => {
  it.each([
    ["none asked: the first published", undefined, { id: "anthropic-rsp-v2-2", unknown: null }],
    ["empty string: the first", "", { id: "anthropic-rsp-v2-2", unknown: null }],
    ["a published one", "openai-preparedness-v2", { id: "openai-preparedness-v2", unknown: null }],
    ["an unknown one is named back", "nope", { id: "anthropic-rsp-v2-2", unknown: "nope" }],
  ])("%s", (_label, requested, want) => {
    expect(pickPolicy(PUBLISHED, requested)).toEqual(want);
  });

  it("nothing published", () => {
    expect(pickPolicy([], "x")).toEqual({ id: null, unknown: "x" });
  });
});

describe("expiry", () => {
  it.each([
    ["no expiry", null, "no expiry"],
    ["tomorrow", "2025-09-02", "expires 2025-09-02 (in 1 day)"],
    ["in a month", "2025-10-01", "expires 2025-10-01 (in 30 days)"],
    // The engine treats an attestation as expired on its expiry day.
    ["today is expired", "2025-09-01", "expired 2025-09-01 (today)"],
    ["yesterday", "2025-08-31", "expired 2025-08-31 (1 day ago)"],
    ["a date-time counts by its day", "2025-09-03T12:00:00Z", "expires 2025-09-03 (in 2 days)"],
  ])("%s", (_label, expires, want) => {
    expect(expiryText(expires, "2025-09-01")).toBe(want);
  });

  it("counts days across a month end", () => {
    expect(daysBetween("2025-01-31", "2025-03-01")).toBe(29);
  });
});

describe("safeguards", () => {
  const results: SafeguardResult[] = [
    { id: "optional", track: "security", title: "Not required now", status: "missing", required_by: [] },
    {
      id: "asl3-security",
      track: "security",
      title: "ASL-3 Security Standard",
      status: "expired",
      required_by: ["cbrn-3"],
      attestation: { status: "verified", by: "CISO", at: "2025-01-01", expires_at: "2025-06-01" },
    },
    {
      id: "asl3-deployment",
      track: "deployment",
      title: "ASL-3 Deployment Standard",
      status: "attested",
      required_by: ["cbrn-3", "ai-rd-4"],
      attestation: { status: "implemented", by: "Lead", at: "2025-05-01T00:00:00Z", expires_at: null },
    },
  ];
  const views = toSafeguardViews(results, "2025-09-01");

  it("lists required safeguards first, in policy order", () => {
    expect(views.map((v) => [v.id, v.required])).toEqual([
      ["asl3-security", true],
      ["asl3-deployment", true],
      ["optional", false],
    ]);
  });

  it.each([
    ["expired: symbol and label, not only colour", views[0], { symbol: "⌛", label: "expired", tone: "top" }],
    ["attested", views[1], { symbol: "✓", label: "attested", tone: "baseline" }],
    ["missing", views[2], { symbol: "✗", label: "missing", tone: "top" }],
  ])("%s", (_label, v, want) => {
    expect(v).toMatchObject(want);
  });

  it("keeps the attestation's who, when and expiry", () => {
    expect(views[0]?.attestation).toEqual({
      status: "verified",
      by: "CISO",
      at: "2025-01-01",
      expiresAt: "2025-06-01",
      expiry: "expired 2025-06-01 (92 days ago)",
    });
    expect(views[1]?.attestation?.at).toBe("2025-05-01");
    expect(views[1]?.requiredBy).toEqual([
      { id: "cbrn-3", href: "#threshold-cbrn-3" },
      { id: "ai-rd-4", href: "#threshold-ai-rd-4" },
    ]);
    expect(views[2]?.attestation).toBeNull();
  });
});

describe("obligations, gates, cadence", () => {
  it("obligations link to their threshold and name their basis", () => {
    expect(
      toObligationViews([
        { threshold: "autonomy-checkpoint", text: "Begin testing", status: "open", basis: "cannot_rule_out" },
      ]),
    ).toEqual([
      {
        threshold: "autonomy-checkpoint",
        href: "#threshold-autonomy-checkpoint",
        text: "Begin testing",
        basis: "cannot rule out",
      },
    ]);
  });

  const gates: GateResult[] = [
    { action: "deploy", outcome: "allow", rule: 3, reasons: ["level asl-2"] },
    { action: "train", outcome: "delete_weights", rule: null, reasons: [] },
    { action: "other", outcome: "conditional", rule: 1, reasons: ["a", "b"] },
  ];
  it.each([
    ["allow", 0, { outcomeLabel: "allow", symbol: "✓", tone: "baseline", rule: "rule 3" }],
    [
      "fail closed",
      1,
      { outcomeLabel: "delete weights", symbol: "✗", tone: "top", rule: "no rule matched (fail closed)" },
    ],
    ["conditional keeps reasons", 2, { tone: "elevated", reasons: ["a", "b"] }],
  ])("gate: %s", (_label, i, want) => {
    expect(toGateViews(gates)[i]).toMatchObject(want);
  });

  it.each([
    [
      "due",
      {
        due: true,
        reasons: ["6 months since"],
        next_due_at: "2025-08-01",
        months: 6,
        effective_compute_multiple: 4,
      },
      {
        label: "reassessment due",
        symbol: "!",
        nextDue: "2025-08-01",
        basis: "every 6 months or at 4× effective compute",
      },
    ],
    [
      "no cadence",
      { due: false, reasons: ["the policy sets no reassessment cadence"], next_due_at: null },
      { label: "reassessment current", nextDue: "—", basis: "no cadence set by the policy" },
    ],
  ] as [string, CadenceResult, object][])("cadence: %s", (_label, c, want) => {
    expect(toCadenceView(c)).toMatchObject(want);
  });
});

describe("chooseMetric", () => {
  const policy = ["safetywashing.wmdp_bio", "cybench.unguided", "metr.p50_horizon_minutes.v1-1"];
  it.each([
    [
      "first policy metric the model has",
      policy,
      ["gpqa.diamond", "cybench.unguided"],
      undefined,
      "cybench.unguided",
    ],
    [
      "a requested option wins",
      policy,
      ["cybench.unguided"],
      "safetywashing.wmdp_bio",
      "safetywashing.wmdp_bio",
    ],
    [
      "a request that is no option falls back",
      policy,
      ["cybench.unguided"],
      "gpqa.diamond",
      "cybench.unguided",
    ],
    ["a requested model metric", policy, ["gpqa.diamond"], "gpqa.diamond", "gpqa.diamond"],
    ["no scores: the policy's first", policy, [], undefined, "safetywashing.wmdp_bio"],
    ["no policy metrics: the model's first", [], ["gpqa.diamond"], undefined, "gpqa.diamond"],
    ["nothing at all", [], [], "x", null],
  ])("%s", (_label, p, m, requested, want) => {
    expect(chooseMetric(p, m, requested).metric).toBe(want);
  });

  it("offers policy metrics first, then the model's, without repeats", () => {
    expect(chooseMetric(["a", "b"], ["b", "c"]).options).toEqual(["a", "b", "c"]);
  });
});
