import { describe, expect, it } from "vitest";
import {
  canonicalJson as libCanonicalJson,
  parseJsonlExport,
  sha256Hex,
  toJsonl,
  toStoredEntry,
  verifyChain,
} from "@/lib/audit";
import type { AuditEntry } from "@/lib/audit";
import { makeChain } from "@/lib/audit/test-chain";
import { DomainError } from "@/lib/errors";
import { canonicalJson, subtleSha256, verifyJsonlStream, verifyJsonlText } from "./browser-verify";
import type { BrowserVerifyResult } from "./browser-verify";

/** Payloads that exercise every branch of canonical JSON. */
const PAYLOADS: { label: string; payload: unknown }[] = [
  { label: "plain object", payload: { b: 1, a: "x" } },
  { label: "unicode and emoji", payload: { é: "naïve ☃", "😀": ["𝄞", "\u2028"], z: "日本語" } },
  { label: "UTF-16 key order", payload: { "\uFF61": 1, "\u{1F600}": 2, a: 3, B: 4, "": 5 } },
  { label: "numbers", payload: [0, -0, 1e21, 1e-7, 0.1 + 0.2, -1.5e-300, 2 ** 53 + 2, 123456789.125] },
  {
    label: "escapes and control characters",
    payload: { s: 'tab\t nl\n quote" back\\ nul\u0000 \u001f \u007f' },
  },
  { label: "deep nesting", payload: { a: { b: { c: [{ d: [null, true, false] }] } } } },
  { label: "empty containers", payload: { o: {}, a: [], s: "" } },
  { label: "a bare string", payload: "=SUM(A1:A9)" },
  { label: "a bare negative number", payload: -1 },
  { label: "null", payload: null },
  { label: "__proto__ as a key", payload: JSON.parse('{"__proto__":{"x":1},"y":2}') as unknown },
];

function chainOf(payloads: unknown[]): AuditEntry[] {
  return makeChain(payloads.length, (seq) => ({
    payload: payloads[seq - 1],
    actor: seq % 2 ? "=cmd|' /C calc'!A0" : "ünïcode@example.org",
  }));
}

function lib(text: string) {
  return verifyChain(parseJsonlExport(text));
}

/** The verdicts compared: seq, reason, expected and actual; `detail` is free text that differs in wording. */
function verdict(r: BrowserVerifyResult): BrowserVerifyResult {
  if (r.ok || !("firstBroken" in r)) return r;
  const { detail, ...rest } = r.firstBroken;
  return { ...r, firstBroken: { ...rest, ...(detail === undefined ? {} : { detail: "…" }) } };
}

describe("canonicalJson matches lib/audit on parsed JSON", () => {
  for (const row of PAYLOADS) {
    it(row.label, () => {
      const parsed = JSON.parse(JSON.stringify(row.payload)) as unknown;
      expect(canonicalJson(parsed)).toBe(libCanonicalJson(parsed));
    });
  }
  const refused = [
    { label: "Infinity (1e999)", value: JSON.parse("[1e999]") as unknown },
    { label: "an unpaired surrogate", value: JSON.parse('"\\ud800x"') as unknown },
    { label: "257 levels of nesting", value: JSON.parse("[".repeat(257) + "]".repeat(257)) as unknown },
  ];
  for (const row of refused) {
    it(`refuses ${row.label}, as lib/audit does`, () => {
      expect(() => libCanonicalJson(row.value)).toThrow();
      expect(() => canonicalJson(row.value)).toThrow();
    });
  }
  it("256 levels are still fine for both", () => {
    const value = JSON.parse("[".repeat(256) + "]".repeat(256)) as unknown;
    expect(canonicalJson(value)).toBe(libCanonicalJson(value));
  });
});

describe("subtleSha256 is lib/audit's sha256Hex", () => {
  for (const text of ["", "abc", "☃ naïve 😀", "0".repeat(64) + '{"a":1}'])
    it(JSON.stringify(text).slice(0, 20), async () => {
      expect(await subtleSha256(text)).toBe(sha256Hex(text));
    });
});

describe("the browser verifier gives lib/audit's answer on the same export", () => {
  const base = toJsonl(chainOf(PAYLOADS.map((p) => p.payload)));
  const lines = base.trimEnd().split("\n");
  const edit = (i: number, f: (e: Record<string, unknown>) => void) =>
    lines
      .map((l, j) => {
        if (j !== i) return l;
        const e = JSON.parse(l) as Record<string, unknown>;
        f(e);
        return JSON.stringify(e);
      })
      .join("\n") + "\n";

  const rows: { label: string; text: string; ok: boolean }[] = [
    { label: "intact", text: base, ok: true },
    {
      label: "intact, non-canonical spelling (key order, spaces, CRLF, BOM)",
      ok: true,
      text:
        "\uFEFF" +
        lines
          .map((l) =>
            JSON.stringify(
              Object.fromEntries(Object.entries(JSON.parse(l) as object).reverse()),
              null,
              1,
            ).replace(/\n/g, ""),
          )
          .join("\r\n") +
        "\r\n",
    },
    {
      label: "intact, stored payload_text lines",
      ok: true,
      text: chainOf([{ a: 1 }, [2]])
        .map((e) => JSON.stringify(toStoredEntry(e)))
        .join("\n"),
    },
    { label: "empty", text: "", ok: true },
    { label: "payload value changed", text: edit(3, (e) => ((e.payload as unknown[])[1] = 0.5)), ok: false },
    { label: "actor changed", text: edit(0, (e) => (e.actor = "someone")), ok: false },
    { label: "entry deleted", text: lines.filter((_, j) => j !== 4).join("\n"), ok: false },
    { label: "entries swapped", text: [lines[1], lines[0], ...lines.slice(2)].join("\n"), ok: false },
    {
      label: "seq renumbered after a deletion",
      ok: false,
      text: lines
        .filter((_, j) => j !== 2)
        .map((l, j) => (j >= 2 ? l.replace(/"seq":\d+/, `"seq":${j + 1}`) : l))
        .join("\n"),
    },
    { label: "prev_hash rewritten", text: edit(5, (e) => (e.prev_hash = "f".repeat(64))), ok: false },
    { label: "hash rewritten", text: edit(6, (e) => (e.hash = "0".repeat(64))), ok: false },
    {
      label: "payload_text that is not JSON",
      ok: false,
      text: edit(2, (e) => {
        delete e.payload;
        e.payload_text = "{oops";
      }),
    },
    {
      label: "payload made infinite",
      text: lines.map((l, j) => (j === 8 ? l.replace('"payload":-1', '"payload":1e999') : l)).join("\n"),
      ok: false,
    },
    {
      label: "actor with an unpaired surrogate",
      text: lines.map((l, j) => (j === 1 ? l.replace("ünïcode", "\\ud800") : l)).join("\n"),
      ok: false,
    },
  ];
  for (const row of rows) {
    it(row.label, async () => {
      const expected = lib(row.text);
      expect(expected.ok).toBe(row.ok);
      expect(verdict(await verifyJsonlText(row.text))).toEqual(verdict(expected));
    });
  }

  it("a line that is not an entry is reported by line, where lib/audit refuses the file", async () => {
    const text = `${lines[0]}\n{"seq":"two"}\n`;
    expect(() => parseJsonlExport(text)).toThrow(DomainError);
    try {
      parseJsonlExport(text);
    } catch (e) {
      expect((e as DomainError).issues[0]?.path).toMatch(/^line 2/);
    }
    expect(await verifyJsonlText(text)).toEqual({
      ok: false,
      count: 1,
      malformed: { line: 2, message: "seq: not a positive integer" },
    });
  });

  it("streams: chunks split anywhere (inside a line, inside a UTF-8 character) give the same answer", async () => {
    const bytes = new TextEncoder().encode(base);
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 7) controller.enqueue(bytes.slice(i, i + 7));
        controller.close();
      },
    });
    const progress: number[] = [];
    const r = await verifyJsonlStream(body, { onProgress: (n) => progress.push(n), every: 4 });
    expect(r).toEqual(lib(base));
    expect(progress).toEqual([4, 8, PAYLOADS.length]);
  });

  it("a longer chain (2,000 entries) verifies the same", async () => {
    const text = toJsonl(makeChain(2000));
    const r = await verifyJsonlText(text);
    expect(r).toEqual(lib(text));
    expect(r).toMatchObject({ ok: true, count: 2000 });
  });
});
