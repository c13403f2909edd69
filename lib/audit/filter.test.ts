import { describe, expect, it } from "vitest";
import { AuditFilter, filterEntries, timeBounds, type FilterableEntry } from "./filter";

const ENTRIES: Array<FilterableEntry & { id: string }> = [
  { id: "a", at: "2025-01-01T00:00:00.000Z", actor: "alice", action: "signoff", subject: "m1" },
  { id: "b", at: "2025-01-01T23:59:59.999Z", actor: "bob", action: "policy.publish", subject: "rsp" },
  { id: "c", at: "2025-01-02T00:00:00.000Z", actor: "alice", action: "determination.create", subject: "m1" },
  { id: "d", at: "2025-01-31T23:59:59.999Z", actor: "carol", action: "signoff", subject: "m2" },
  { id: "e", at: "2025-02-01T00:00:00.000Z", actor: "alice", action: "import", subject: "batch-1" },
];

describe("filterEntries", () => {
  it.each<[string, AuditFilter, string[]]>([
    ["empty filter keeps all", {}, ["a", "b", "c", "d", "e"]],
    ["one day, both ends inclusive", { from: "2025-01-01", to: "2025-01-01" }, ["a", "b"]],
    ["from a day", { from: "2025-01-02" }, ["c", "d", "e"]],
    ["to a day includes its last millisecond", { to: "2025-01-31" }, ["a", "b", "c", "d"]],
    ["day with no entries", { from: "2025-01-15", to: "2025-01-20" }, []],
    ["to an instant, inclusive", { to: "2025-01-02T00:00:00.000Z" }, ["a", "b", "c"]],
    ["instant with an offset", { from: "2025-01-02T00:59:59+01:00" }, ["b", "c", "d", "e"]],
    ["actor", { actor: "alice" }, ["a", "c", "e"]],
    ["actor is exact, not a prefix", { actor: "ali" }, []],
    ["one action", { action: "signoff" }, ["a", "d"]],
    ["several actions", { action: ["signoff", "import"] }, ["a", "d", "e"]],
    ["subject", { subject: "m1" }, ["a", "c"]],
    [
      "all criteria together",
      { from: "2025-01-01", to: "2025-01-31", actor: "alice", action: "signoff" },
      ["a"],
    ],
  ])("%s", (_label, filter, ids) => {
    expect(filterEntries(ENTRIES, AuditFilter.parse(filter)).map((e) => e.id)).toEqual(ids);
  });

  it("never places an unreadable timestamp inside a time bound", () => {
    const odd = [{ id: "x", at: "yesterday", actor: "alice", action: "signoff", subject: "m" }];
    expect(filterEntries(odd, { from: "2000-01-01" })).toEqual([]);
    expect(filterEntries(odd, { actor: "alice" })).toEqual(odd);
  });
});

describe("timeBounds", () => {
  it.each<[string, AuditFilter, { from?: string; before?: string }]>([
    ["open", {}, {}],
    [
      "days",
      { from: "2025-01-01", to: "2025-01-31" },
      { from: "2025-01-01T00:00:00.000Z", before: "2025-02-01T00:00:00.000Z" },
    ],
    ["leap day", { to: "2024-02-29" }, { before: "2024-03-01T00:00:00.000Z" }],
    [
      "instants",
      { from: "2025-01-01T10:00:00+02:00", to: "2025-01-01T12:00:00Z" },
      { from: "2025-01-01T08:00:00.000Z", before: "2025-01-01T12:00:00.001Z" },
    ],
  ])("%s", (_label, filter, bounds) => {
    const { fromMs: _f, beforeMs: _b, ...text } = timeBounds(filter);
    expect(text).toEqual(bounds);
  });

  it("leaves open ends infinite", () => {
    expect(timeBounds({})).toMatchObject({ fromMs: -Infinity, beforeMs: Infinity });
  });

  it("throws on a bound that skipped validation", () => {
    expect(() => timeBounds({ from: "2025-13-01" })).toThrow("invalid from bound");
  });
});

describe("AuditFilter schema", () => {
  const BOUND_MESSAGE = "must be a date (YYYY-MM-DD, UTC day) or an ISO date-time with Z or an offset";

  it.each<[string, unknown, Array<{ path: string; message: string }>]>([
    ["impossible date", { from: "2025-02-30" }, [{ path: "from", message: BOUND_MESSAGE }]],
    ["unpadded date", { to: "2025-1-1" }, [{ path: "to", message: BOUND_MESSAGE }]],
    ["date-time without zone", { from: "2025-01-01T00:00:00" }, [{ path: "from", message: BOUND_MESSAGE }]],
    [
      "to before from",
      { from: "2025-01-02", to: "2025-01-01" },
      [{ path: "to", message: "to is before from" }],
    ],
    [
      "empty actor",
      { actor: "" },
      [{ path: "actor", message: "Too small: expected string to have >=1 characters" }],
    ],
    ["unknown key", { user: "alice" }, [{ path: "", message: 'Unrecognized key: "user"' }]],
  ])("rejects %s", (_label, input, issues) => {
    const result = AuditFilter.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => ({ path: i.path.join("."), message: i.message }))).toEqual(issues);
  });

  it.each<[string, unknown]>([
    ["same day both ends", { from: "2025-01-01", to: "2025-01-01" }],
    ["leap day", { from: "2024-02-29" }],
    ["action list", { action: ["signoff", "rollback"] }],
  ])("accepts %s", (_label, input) => {
    expect(AuditFilter.safeParse(input).success).toBe(true);
  });

  it("rejects an unknown action", () => {
    expect(AuditFilter.safeParse({ action: "policy.delete" }).success).toBe(false);
  });
});
