import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { DomainError } from "@/lib/errors";
import { canonicalJson } from "./canonical-json";
import { appendEntry, toStoredEntry, type AuditEntry } from "./chain";
import {
  CSV_HEADER,
  formatCsvRow,
  formatJsonlLine,
  neutraliseCell,
  restoreCell,
  toCsv,
  toJsonl,
} from "./export";
import { parseCsvExport, parseJsonlExport } from "./parse-export";
import { makeChain } from "./test-chain";
import { verifyChain } from "./verify";

const INJECTION = "=cmd|' /C calc'!A0";

/** Payloads and fields chosen to break naive CSV writers and spreadsheet imports. */
const HOSTILE: Array<{ actor: string; subject: string; payload: unknown }> = [
  { actor: INJECTION, subject: "model-a", payload: { cmd: INJECTION } },
  { actor: "+SUM(A1)", subject: "-2+3", payload: INJECTION },
  { actor: "@alice", subject: "a,b", payload: { text: 'he said "no", then left' } },
  { actor: "\tTAB", subject: "\rCR", payload: { lines: "one\ntwo\r\nthree", tab: "\t" } },
  { actor: "'quoted", subject: "''", payload: -5 },
  { actor: "bob", subject: "unicode", payload: { name: "café 😀 דּ 中文", "=key": ["=1+1", "@x"] } },
  { actor: "carol", subject: "", payload: [] },
  { actor: "dave", subject: 'x"y', payload: { nested: { deep: [1.5, null, true, "line\u2028sep"] } } },
];

function hostileChain(): AuditEntry[] {
  const entries: AuditEntry[] = [];
  let prev: AuditEntry | null = null;
  HOSTILE.forEach((row, i) => {
    prev = appendEntry(prev, {
      ...row,
      at: new Date(Date.UTC(2025, 5, 1, 0, i)).toISOString(),
      action: "signoff",
    });
    entries.push(prev);
  });
  return entries;
}

function validationIssues(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return (error as DomainError).issues;
  }
  throw new Error("expected a DomainError");
}

describe("neutraliseCell / restoreCell", () => {
  it.each<[string, string, string]>([
    ["formula", INJECTION, `'${INJECTION}`],
    ["plus", "+1", "'+1"],
    ["minus", "-1", "'-1"],
    ["at sign", "@SUM(A1)", "'@SUM(A1)"],
    ["tab", "\tx", "'\tx"],
    ["carriage return", "\rx", "'\rx"],
    ["leading quote (kept injective)", "'x", "''x"],
    ["plain text", "alice", "alice"],
    ["formula char not first", "a=b", "a=b"],
    ["empty", "", ""],
    ["JSON object", '{"a":"=x"}', '{"a":"=x"}'],
  ])("%s", (_label, raw, cell) => {
    expect(neutraliseCell(raw)).toBe(cell);
    expect(restoreCell(cell)).toBe(raw);
  });
});

describe("formatting", () => {
  const entry = appendEntry(null, {
    at: "2025-01-01T00:00:00.000Z",
    actor: "alice@example.org",
    action: "signoff",
    subject: "claude-x",
    payload: { note: "café 😀", decision: "approve" },
  });
  const hash = "41508780674dac0415177e041fca05f99fab84528a833bee2c0197d412247f99";
  const zeros = "0".repeat(64);

  it("writes one canonical JSON line per entry", () => {
    const line =
      `{"action":"signoff","actor":"alice@example.org","at":"2025-01-01T00:00:00.000Z","hash":"${hash}",` +
      `"payload":{"decision":"approve","note":"café 😀"},"prev_hash":"${zeros}","seq":1,"subject":"claude-x"}`;
    expect(formatJsonlLine(entry)).toBe(line);
    expect(formatJsonlLine(toStoredEntry(entry))).toBe(line);
    expect(toJsonl([entry, entry])).toBe(`${line}\n${line}\n`);
    expect(toJsonl([])).toBe("");
  });

  it("writes a quoted CSV header and CRLF-terminated rows", () => {
    expect(CSV_HEADER).toBe('"seq","at","actor","action","subject","payload","prev_hash","hash"\r\n');
    expect(formatCsvRow(entry)).toBe(
      `"1","2025-01-01T00:00:00.000Z","alice@example.org","signoff","claude-x",` +
        `"{""decision"":""approve"",""note"":""café 😀""}","${zeros}","${hash}"\r\n`,
    );
    expect(toCsv([entry])).toBe(CSV_HEADER + formatCsvRow(entry));
    expect(toCsv([entry], { bom: true })).toBe(`\uFEFF${CSV_HEADER}${formatCsvRow(entry)}`);
  });

  it("neutralises injection in every column, the payload included", () => {
    const csv = toCsv(hostileChain());
    expect(csv).toContain(`"'=cmd|' /C calc'!A0"`);
    // A top-level string payload's JSON text starts with a double quote, which no spreadsheet evaluates.
    expect(csv).toContain(`"""=cmd|' /C calc'!A0"""`);
    expect(csv).toContain(`"'-5"`);
    expect(csv).toContain(`"'-2+3"`);
    expect(csv).toContain(`"'@alice"`);
  });

  it("reads the same in an independent RFC 4180 parser, with no cell starting a formula", () => {
    const entries = hostileChain();
    const rows = parse(toCsv(entries), { relax_quotes: false }) as string[][];
    expect(rows[0]).toEqual(["seq", "at", "actor", "action", "subject", "payload", "prev_hash", "hash"]);
    expect(
      rows
        .slice(1)
        .flat()
        .filter((cell) => /^[=+\-@\t\r]/.test(cell)),
    ).toEqual([]);
    expect(rows.slice(1).map((row) => row.map(restoreCell))).toEqual(
      entries.map((e) => [
        String(e.seq),
        e.at,
        e.actor,
        e.action,
        e.subject,
        canonicalJson(e.payload),
        e.prev_hash,
        e.hash,
      ]),
    );
  });
});

describe("CSV round-trip", () => {
  const entries = hostileChain();

  it.each<[string, boolean]>([
    ["without BOM", false],
    ["with BOM", true],
  ])("parses back to the stored rows and verifies (%s)", (_label, bom) => {
    const parsed = parseCsvExport(toCsv(entries, { bom }));
    expect(parsed).toEqual(entries.map(toStoredEntry));
    expect(verifyChain(parsed)).toEqual({
      ok: true,
      count: HOSTILE.length,
      head: expect.objectContaining({ seq: 8 }),
    });
  });

  it("round-trips a 1,000-entry chain", () => {
    const chain = makeChain(1_000);
    expect(verifyChain(parseCsvExport(toCsv(chain)))).toMatchObject({ ok: true, count: 1_000 });
  });

  it("accepts LF line ends and unquoted cells (a re-saved file)", () => {
    const [first] = entries.map(toStoredEntry);
    const row = [first!.seq, first!.at, neutraliseCell(first!.actor), first!.action, first!.subject]
      .map(String)
      .concat([`"${first!.payload_text.replaceAll('"', '""')}"`, first!.prev_hash, first!.hash]);
    const text = `seq,at,actor,action,subject,payload,prev_hash,hash\n${row.join(",")}\n`;
    expect(parseCsvExport(text)).toEqual([first]);
  });

  it("detects an edited payload in the file", () => {
    const csv = toCsv(entries).replace("café", "cafe");
    expect(verifyChain(parseCsvExport(csv))).toMatchObject({
      ok: false,
      firstBroken: { seq: 6, reason: "hash_mismatch" },
    });
  });

  it("fails to verify cells read without undoing the neutralisation (the hash covers raw values)", () => {
    const rows = (parse(toCsv(entries)) as string[][]).slice(1);
    const naive = rows.map(([seq, at, actor, action, subject, payload_text, prev_hash, hash]) => ({
      seq: Number(seq),
      ...{ at: at!, actor: actor!, action: action!, subject: subject!, payload_text: payload_text! },
      ...{ prev_hash: prev_hash!, hash: hash! },
    }));
    expect(naive[0]!.actor).toBe(`'${INJECTION}`);
    expect(verifyChain(naive)).toMatchObject({
      ok: false,
      count: 0,
      firstBroken: { seq: 1, reason: "hash_mismatch" },
    });
  });

  it.each<[string, string, Array<{ path: string; message: string }>]>([
    [
      "wrong header",
      "seq,at,actor\r\n",
      [
        {
          path: "line 1",
          message: "header must be seq,at,actor,action,subject,payload,prev_hash,hash, got seq,at,actor",
        },
      ],
    ],
    [
      "empty file",
      "",
      [
        {
          path: "line 1",
          message: "header must be seq,at,actor,action,subject,payload,prev_hash,hash, got nothing",
        },
      ],
    ],
    ["too few cells", `${CSV_HEADER}"1","x"\r\n`, [{ path: "line 2", message: "expected 8 cells, got 2" }]],
    [
      "seq not an integer",
      `${CSV_HEADER}"1.5","a","b","c","d","{}","e","f"\r\n"0","a","b","c","d","{}","e","f"\r\n`,
      [
        { path: "line 2: seq", message: 'not a positive integer: "1.5"' },
        { path: "line 3: seq", message: 'not a positive integer: "0"' },
      ],
    ],
    [
      "unterminated quote",
      `${CSV_HEADER}"1","a\r\nb`,
      [{ path: "line 2", message: "unterminated quoted cell" }],
    ],
    [
      "quote inside unquoted cell",
      `${CSV_HEADER}1,a"b\r\n`,
      [{ path: "line 2", message: "quote inside an unquoted cell" }],
    ],
    [
      "text after a closing quote",
      `${CSV_HEADER}"1"x,\r\n`,
      [{ path: "line 2", message: 'unexpected "x" after a cell (expected , or end of line)' }],
    ],
    [
      "line counted across quoted newlines",
      `${CSV_HEADER}"1","2025","a\nb\nc","d","e","{}","f","g"\r\n"2"\r\n`,
      [{ path: "line 5", message: "expected 8 cells, got 1" }],
    ],
  ])("rejects %s", (_label, text, issues) => {
    expect(validationIssues(() => parseCsvExport(text))).toEqual(issues);
  });
});

describe("JSONL round-trip", () => {
  const entries = hostileChain();

  it("parses back to the same entries and verifies", () => {
    const parsed = parseJsonlExport(toJsonl(entries));
    expect(parsed).toEqual(entries);
    expect(verifyChain(parsed)).toMatchObject({ ok: true, count: HOSTILE.length });
  });

  it("exports stored rows byte-identically to entries", () => {
    expect(toJsonl(entries.map(toStoredEntry))).toBe(toJsonl(entries));
  });

  it("tolerates CRLF, a BOM and blank lines", () => {
    const text = `\uFEFF${toJsonl(entries).replaceAll("\n", "\r\n\r\n")}`;
    expect(parseJsonlExport(text)).toEqual(entries);
  });

  it("keeps a stored payload that is not JSON as text, so verify reports it", () => {
    const stored = entries
      .map(toStoredEntry)
      .map((e) => (e.seq === 2 ? { ...e, payload_text: "{broken" } : e));
    const text = toJsonl(stored);
    expect(text.split("\n")[1]).toContain('"payload_text":"{broken"');
    expect(verifyChain(parseJsonlExport(text))).toMatchObject({
      ok: false,
      count: 1,
      firstBroken: { seq: 2, reason: "payload_not_json" },
    });
  });

  it("detects a changed byte in the file", () => {
    const text = toJsonl(entries).replace('"actor":"carol"', '"actor":"carol2"');
    expect(verifyChain(parseJsonlExport(text))).toMatchObject({
      ok: false,
      firstBroken: { seq: 7, reason: "hash_mismatch" },
    });
  });

  it.each<[string, (line: Record<string, unknown>) => unknown, Array<{ path: string; message: string }>]>([
    [
      "missing payload",
      ({ payload: _p, ...rest }) => rest,
      [{ path: "line 2: payload", message: "payload is required" }],
    ],
    [
      "extra field",
      (line) => ({ ...line, extra: 1 }),
      [{ path: "line 2", message: 'Unrecognized key: "extra"' }],
    ],
    [
      "seq as a string",
      (line) => ({ ...line, seq: "2" }),
      [{ path: "line 2: seq", message: "Invalid input: expected number, received string" }],
    ],
    [
      "not an object",
      () => [1],
      [{ path: "line 2", message: "Invalid input: expected object, received array" }],
    ],
  ])("rejects %s", (_label, edit, issues) => {
    const lines = toJsonl(entries.slice(0, 2)).split("\n");
    lines[1] = JSON.stringify(edit(JSON.parse(lines[1]!) as Record<string, unknown>));
    expect(validationIssues(() => parseJsonlExport(lines.join("\n")))).toEqual(issues);
  });

  it("rejects a line that is not JSON, by line number", () => {
    const issues = validationIssues(() => parseJsonlExport(`${toJsonl(entries.slice(0, 1))}{oops\n`));
    expect(issues).toEqual([{ path: "line 2", message: expect.stringMatching(/^not JSON: /) as string }]);
  });
});
