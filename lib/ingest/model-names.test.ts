import { describe, expect, it } from "vitest";
import { findNearDuplicates, levenshtein, normaliseModelId, splitElicitation } from "./model-names";

describe("splitElicitation", () => {
  it.each([
    {
      label: "reasoning effort high",
      raw: "gpt-5.4-2026-03-05_high",
      model: "gpt-5.4-2026-03-05",
      elicitation: "high",
    },
    {
      label: "xhigh",
      raw: "gpt-5.4-pro-2026-03-05_xhigh",
      model: "gpt-5.4-pro-2026-03-05",
      elicitation: "xhigh",
    },
    { label: "medium", raw: "o1-2024-12-17_medium", model: "o1-2024-12-17", elicitation: "medium" },
    { label: "low", raw: "grok-3-mini-beta_low", model: "grok-3-mini-beta", elicitation: "low" },
    { label: "none", raw: "gpt-5.2-2025-12-11_none", model: "gpt-5.2-2025-12-11", elicitation: "none" },
    {
      label: "unknown effort",
      raw: "claude-opus-4-6_unknown",
      model: "claude-opus-4-6",
      elicitation: "unknown",
    },
    {
      label: "thinking budget 16K",
      raw: "claude-sonnet-4-20250514_16K",
      model: "claude-sonnet-4-20250514",
      elicitation: "16K",
    },
    {
      label: "thinking budget 32K",
      raw: "claude-3-7-sonnet-20250219_32K",
      model: "claude-3-7-sonnet-20250219",
      elicitation: "32K",
    },
    {
      label: "odd budget 27K",
      raw: "claude-opus-4-1-20250805_27K",
      model: "claude-opus-4-1-20250805",
      elicitation: "27K",
    },
    {
      label: "provider prefix kept",
      raw: "openai/gpt-oss-120b_high",
      model: "openai/gpt-oss-120b",
      elicitation: "high",
    },
    {
      label: "surrounding spaces",
      raw: "  gpt-5.1-2025-11-13_medium ",
      model: "gpt-5.1-2025-11-13",
      elicitation: "medium",
    },
    {
      label: "no suffix",
      raw: "claude-3-5-sonnet-20241022",
      model: "claude-3-5-sonnet-20241022",
      elicitation: null,
    },
    {
      label: "hyphenated size is not a suffix",
      raw: "Phi-3-medium-128k-instruct",
      model: "Phi-3-medium-128k-instruct",
      elicitation: null,
    },
    {
      label: "underscored name body",
      raw: "gpt_4_turbo_inspect",
      model: "gpt_4_turbo_inspect",
      elicitation: null,
    },
    { label: "suffix alone is a name", raw: "_high", model: "_high", elicitation: null },
  ])("$label", ({ raw, model, elicitation }) => {
    expect(splitElicitation(raw)).toEqual({ model, elicitation });
  });
});

describe("normaliseModelId", () => {
  it.each([
    { label: "hub prefix dropped", raw: "meta-llama/Llama-2-7b-hf", want: "llama-2-7b-hf" },
    { label: "provider prefix dropped", raw: "openai/gpt-4o", want: "gpt-4o" },
    { label: "dots kept", raw: "claude-3.5-sonnet", want: "claude-3.5-sonnet" },
    {
      label: "underscores",
      raw: "claude_3_5_sonnet_20240620_inspect",
      want: "claude-3-5-sonnet-20240620-inspect",
    },
    { label: "display name", raw: "Llama 2 13B Chat", want: "llama-2-13b-chat" },
    { label: "trailing junk", raw: " Qwen1.5-72B-Chat! ", want: "qwen1.5-72b-chat" },
  ])("$label", ({ raw, want }) => {
    expect(normaliseModelId(raw)).toBe(want);
  });
});

describe("findNearDuplicates", () => {
  const existing = ["claude-3-5-sonnet", "gpt-4o-2024-05-13", "o3", "llama-2-7b-hf", "claude-3-opus"];
  it.each([
    {
      label: "dot vs hyphen",
      name: "claude-3.5-sonnet",
      want: [{ id: "claude-3-5-sonnet", reason: "same-tokens" }],
    },
    {
      label: "display name",
      name: "Claude 3.5 Sonnet",
      want: [{ id: "claude-3-5-sonnet", reason: "same-tokens" }],
    },
    {
      label: "underscores slug to the same id: a match, not a near duplicate",
      name: "claude_3_5_sonnet",
      want: [],
    },
    {
      label: "dated snapshot",
      name: "gpt-4o",
      want: [{ id: "gpt-4o-2024-05-13", reason: "date-stamped-variant" }],
    },
    { label: "typo", name: "llama-2-7b-hff", want: [{ id: "llama-2-7b-hf", reason: "edit-distance" }] },
    { label: "short names one letter apart are different models", name: "o1", want: [] },
    { label: "exact match is not a near duplicate", name: "claude-3-opus", want: [] },
    {
      label: "elicitation suffix ignored",
      name: "claude-3.5-sonnet_32K",
      want: [{ id: "claude-3-5-sonnet", reason: "same-tokens" }],
    },
  ])("$label", ({ name, want }) => {
    expect(findNearDuplicates(name, existing).map(({ id, reason }) => ({ id, reason }))).toEqual(want);
  });

  it("levenshtein", () => {
    expect(levenshtein("kitten", "sitting")).toBe(3);
    expect(levenshtein("", "abc")).toBe(3);
  });
});
