import { describe, expect, it } from "vitest";
import { checkSameOrigin, isMutation, safeNextPath } from "./same-origin";
import type { OriginFacts } from "./same-origin";

const HOST = "scalegate.example";
const base: OriginFacts = { origin: null, secFetchSite: null, host: HOST, trusted: [] };

describe("checkSameOrigin", () => {
  it.each<[string, Partial<OriginFacts>, boolean]>([
    ["same-origin fetch metadata", { secFetchSite: "same-origin" }, true],
    ["same-origin Origin", { origin: `https://${HOST}` }, true],
    ["same host, other scheme (TLS ends at a proxy)", { origin: `http://${HOST}` }, true],
    ["both headers agree", { origin: `https://${HOST}`, secFetchSite: "same-origin" }, true],
    ["host compared case-insensitively", { origin: "https://SCALEGATE.example" }, true],
    ["a trusted origin", { origin: "https://admin.example", trusted: ["https://admin.example"] }, true],
    ["cross-site fetch metadata", { secFetchSite: "cross-site" }, false],
    ["same-site is not same-origin", { secFetchSite: "same-site" }, false],
    ["user-typed navigation cannot POST", { secFetchSite: "none" }, false],
    ["cross-site Origin", { origin: "https://evil.example" }, false],
    [
      "same-origin metadata but foreign Origin",
      { origin: "https://evil.example", secFetchSite: "same-origin" },
      false,
    ],
    ["Origin on another port", { origin: `https://${HOST}:8443` }, false],
    ["a suffix is not the host", { origin: `https://${HOST}.evil.example` }, false],
    ["malformed Origin", { origin: "not a url" }, false],
    ["Origin null without metadata", { origin: "null" }, false],
    ["Origin null with same-origin metadata", { origin: "null", secFetchSite: "same-origin" }, true],
    ["neither header (fail closed)", {}, false],
    ["no host to compare to", { origin: `https://${HOST}`, host: null }, false],
  ])("%s → %s", (_label, facts, ok) => {
    expect(checkSameOrigin({ ...base, ...facts }).ok).toBe(ok);
  });

  it("says why it refused", () => {
    expect(checkSameOrigin({ ...base, origin: "https://evil.example" })).toEqual({
      ok: false,
      reason: "cross-site request refused (Origin: https://evil.example)",
    });
  });
});

describe("isMutation", () => {
  it.each([
    ["GET", false],
    ["head", false],
    ["OPTIONS", false],
    ["POST", true],
    ["put", true],
    ["DELETE", true],
    ["PATCH", true],
  ])("%s → %s", (method, mutation) => {
    expect(isMutation(method)).toBe(mutation);
  });
});

describe("safeNextPath", () => {
  it.each<[string | null, string]>([
    ["/models/x?policy=a", "/models/x?policy=a"],
    ["/", "/"],
    [null, "/"],
    ["", "/"],
    ["https://evil.example", "/"],
    ["//evil.example", "/"],
    ["/\\evil.example", "/"],
    ["models", "/"],
    ["/a\nb", "/"],
  ])("%s → %s", (next, out) => {
    expect(safeNextPath(next)).toBe(out);
  });
});
