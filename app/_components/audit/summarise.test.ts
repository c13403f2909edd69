import { describe, expect, it } from "vitest";
import { prettyPayload, summarisePayload } from "./summarise";

describe("summarisePayload", () => {
  const rows = [
    {
      label: "an import",
      text: '{"file":"a.csv","inserted":3,"models_created":["m1","m2"],"rejected":0}',
      out: "file=a.csv, inserted=3, models_created=[2 items], rejected=0",
    },
    {
      label: "a sign-off with a nested object",
      text: '{"decision_id":4,"signoff":{"outcome":"block","rationale":"no","conditions":null}}',
      out: "decision_id=4, signoff={conditions=null, outcome=block, rationale=no}",
    },
    { label: "a nested object inside a nested object", text: '{"a":{"b":{"c":1}}}', out: "a={b=…}" },
    { label: "keys sorted", text: '{"b":1,"a":2}', out: "a=2, b=1" },
    { label: "a bare scalar", text: "-1", out: "-1" },
    { label: "an array", text: "[1]", out: "[1 item]" },
    { label: "an empty object", text: "{}", out: "{}" },
    { label: "null", text: "null", out: "null" },
    { label: "not JSON", text: "{oops", out: "(not JSON)" },
    {
      label: "long text is clipped",
      text: JSON.stringify({ a: "x".repeat(100), b: "y".repeat(100), c: "z".repeat(100) }),
      out: `a=${"x".repeat(59)}…, b=${"y".repeat(59)}…, c=${"z".repeat(29)}…`,
    },
  ];
  for (const row of rows) it(row.label, () => expect(summarisePayload(row.text)).toBe(row.out));
});

describe("prettyPayload", () => {
  it("indents JSON, keeps text that is not JSON", () => {
    expect(prettyPayload('{"a":[1]}')).toBe('{\n  "a": [\n    1\n  ]\n}');
    expect(prettyPayload("{oops")).toBe("{oops");
  });
});
