import { describe, expect, it } from "vitest";
import { CanonicalJsonError, MAX_CANONICAL_DEPTH, canonicalJson, sha256Hex } from "./canonical-json";

describe("canonicalJson", () => {
  const nullProto = Object.create(null) as Record<string, unknown>;
  nullProto.b = 1;
  nullProto.a = 2;

  it.each<[string, unknown, string]>([
    ["sorts keys", { b: 1, a: 2 }, '{"a":2,"b":1}'],
    [
      "sorts nested objects, keeps array order",
      { b: [{ d: 1, c: 2 }, 3], a: { z: null, y: true } },
      '{"a":{"y":true,"z":null},"b":[{"c":2,"d":1},3]}',
    ],
    // RFC 8785 §3.2.3 example: UTF-16 code unit order puts U+1F600 (D83D DE00) before U+FB33.
    [
      "sorts keys by UTF-16 code units (RFC 8785 §3.2.3)",
      { "€": 1, "\r": 2, "\ufb33": 3, "1": 4, "😀": 5, "\u0080": 6, ö: 7 },
      '{"\\r":2,"1":4,"\u0080":6,"ö":7,"€":1,"😀":5,"\ufb33":3}',
    ],
    ["omits undefined members", { a: undefined, b: 1 }, '{"b":1}'],
    ["empty object", {}, "{}"],
    ["empty array", [], "[]"],
    ["null-prototype object", nullProto, '{"a":2,"b":1}'],
    ["top-level string", "x", '"x"'],
    ["top-level null", null, "null"],
    ["booleans", [true, false], "[true,false]"],
    ["unicode stays raw", "café 😀 דּ", '"café 😀 דּ"'],
    ["escapes quote, backslash, controls", 'q"b\\n\n\u0001\u001f', '"q\\"b\\\\n\\n\\u0001\\u001f"'],
    ["leaves U+2028 and DEL raw", "\u2028\u007f", '"\u2028\u007f"'],
    ["-0 is 0", -0, "0"],
    ["1e21 is exponential", 1e21, "1e+21"],
    ["1e20 is positional", 1e20, "100000000000000000000"],
    ["shortest round-trip", 0.1 + 0.2, "0.30000000000000004"],
    ["small exponent", 1e-7, "1e-7"],
    ["smallest subnormal", 5e-324, "5e-324"],
    ["max safe integer", Number.MAX_SAFE_INTEGER, "9007199254740991"],
    ["Date through toJSON", new Date(Date.UTC(2025, 0, 2, 3, 4, 5, 6)), '"2025-01-02T03:04:05.006Z"'],
    ["Date member", { at: new Date(0) }, '{"at":"1970-01-01T00:00:00.000Z"}'],
  ])("%s", (_label, input, expected) => {
    expect(canonicalJson(input)).toBe(expected);
  });

  it("matches the RFC 8785 §3.2.4 sample", () => {
    const input = JSON.parse(
      '{"numbers":[333333333.33333329,1E30,4.50,2e-3,0.000000000000000000000000001],' +
        '"string":"\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/","literals":[null,true,false]}',
    ) as unknown;
    expect(canonicalJson(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],' +
        '"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it.each<[string, unknown]>([
    ["key order", { z: { b: [1, { y: 2, x: 1 }] }, a: "é" }],
    ["numbers", [0, -1.5, 1e21, 1e-7, 123456789.123, -0]],
    ["escapes", ["\u0000", "\t", '"', "\\", "😀"]],
  ])("is stable under parse → canonicalise (%s)", (_label, input) => {
    const once = canonicalJson(input);
    expect(canonicalJson(JSON.parse(once))).toBe(once);
  });

  const cyclic: Record<string, unknown> = { a: 1 };
  cyclic.self = cyclic;
  let deep: unknown = 0;
  for (let i = 0; i <= MAX_CANONICAL_DEPTH; i++) deep = [deep];

  it.each<[string, unknown, string, string]>([
    ["NaN", NaN, "$", "number NaN has no JSON form"],
    ["NaN in an array", { a: [1, NaN] }, "$.a[1]", "number NaN has no JSON form"],
    ["Infinity", { x: Infinity }, "$.x", "number Infinity has no JSON form"],
    ["-Infinity", -Infinity, "$", "number -Infinity has no JSON form"],
    ["undefined at top level", undefined, "$", "undefined has no JSON form"],
    ["undefined in an array", [1, undefined], "$[1]", "undefined has no JSON form"],
    ["function", () => 1, "$", "a function has no JSON form"],
    ["function member", { run: () => 1 }, "$.run", "a function has no JSON form"],
    ["bigint", { n: 1n }, "$.n", "bigint has no JSON form (encode it as a string)"],
    ["symbol", [Symbol("s")], "$[0]", "a symbol has no JSON form"],
    ["Map", { m: new Map() }, "$.m", "Map is not plain JSON data"],
    ["class instance", new (class Thing {})(), "$", "Thing is not plain JSON data"],
    ["cycle", cyclic, "$.self", "circular reference"],
    ["unpaired high surrogate", "a\ud800b", "$", "string contains an unpaired UTF-16 surrogate"],
    [
      "unpaired low surrogate key",
      { "\udc00": 1 },
      '$["\\udc00"]',
      "string contains an unpaired UTF-16 surrogate",
    ],
    ["odd key in path", { "a b": [NaN] }, '$["a b"][0]', "number NaN has no JSON form"],
    ["too deep", deep, `$${"[0]".repeat(MAX_CANONICAL_DEPTH)}`, `nesting deeper than ${MAX_CANONICAL_DEPTH}`],
  ])("rejects %s", (_label, input, path, reason) => {
    let caught: unknown;
    try {
      canonicalJson(input);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(CanonicalJsonError);
    const error = caught as CanonicalJsonError;
    expect([error.code, error.path, error.reason]).toEqual(["VALIDATION", path, reason]);
    expect(error.message).toBe(`not canonical JSON: ${reason} at ${path}`);
  });

  it("accepts a shared (non-cyclic) sub-object twice", () => {
    const shared = { k: 1 };
    expect(canonicalJson({ a: shared, b: shared })).toBe('{"a":{"k":1},"b":{"k":1}}');
  });
});

describe("sha256Hex", () => {
  it.each<[string, string | Uint8Array, string]>([
    ["empty string", "", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"],
    ["abc (FIPS 180-2)", "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"],
    [
      "abc as bytes",
      new Uint8Array([0x61, 0x62, 0x63]),
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    ],
    ["non-ASCII hashed as UTF-8", "é", "4a99557e4033c3539de2eb65472017cad5f9557f7a0625a09f1c3f6e2ba69c4c"],
  ])("%s", (_label, input, expected) => {
    expect(sha256Hex(input)).toBe(expected);
  });
});
