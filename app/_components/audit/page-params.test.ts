import { describe, expect, it } from "vitest";
import { auditPageHref, parseAuditPageParams } from "./page-params";

describe("parseAuditPageParams", () => {
  const rows = [
    { label: "nothing", sp: {}, raw: {}, ok: true, page: 1 },
    {
      label: "empty values dropped (a submitted empty form)",
      sp: { from: "", to: " ", actor: "", action: "" },
      raw: {},
      ok: true,
      page: 1,
    },
    {
      label: "all filters and a page",
      sp: { from: "2026-01-01", to: "2026-01-31", actor: "alice", action: "import", page: "3" },
      raw: { from: "2026-01-01", to: "2026-01-31", actor: "alice", action: "import" },
      ok: true,
      page: 3,
    },
    {
      label: "repeated parameter: the first wins",
      sp: { action: ["import", "signoff"] },
      raw: { action: "import" },
      ok: true,
      page: 1,
    },
    { label: "page 0 / junk → 1", sp: { page: "0" }, raw: {}, ok: true, page: 1 },
    { label: "page junk → 1", sp: { page: "2x" }, raw: {}, ok: true, page: 1 },
    { label: "unknown action", sp: { action: "delete" }, raw: { action: "delete" }, ok: false, page: 1 },
    { label: "bad date", sp: { from: "2026-02-30" }, raw: { from: "2026-02-30" }, ok: false, page: 1 },
    {
      label: "to before from",
      sp: { from: "2026-02-01", to: "2026-01-01" },
      raw: { from: "2026-02-01", to: "2026-01-01" },
      ok: false,
      page: 1,
    },
  ];
  for (const row of rows) {
    it(row.label, () => {
      const p = parseAuditPageParams(row.sp);
      expect(p.raw).toEqual(row.raw);
      expect(p.page).toBe(row.page);
      expect(p.filter !== null).toBe(row.ok);
      expect(p.issues.length > 0).toBe(!row.ok);
    });
  }
});

describe("auditPageHref", () => {
  const rows = [
    { label: "no filter, page 1", raw: {}, page: 1, href: "/audit" },
    {
      label: "filters in a fixed order, page kept",
      raw: { action: "import", from: "2026-01-01" },
      page: 2,
      href: "/audit?from=2026-01-01&action=import&page=2",
    },
    { label: "encoded", raw: { actor: "a b&c" }, page: 1, href: "/audit?actor=a+b%26c" },
  ];
  for (const row of rows) it(row.label, () => expect(auditPageHref(row.raw, row.page)).toBe(row.href));
});
