import { DomainError, type ErrorIssue } from "@/lib/errors";
import { AuditEntry, StoredAuditEntry, type VerifiableEntry } from "./chain";
import { CSV_COLUMNS, restoreCell } from "./export";

/** Enough to locate the damage; a file broken on every line should not produce a megabyte of issues. */
const MAX_ISSUES = 50;

function invalid(kind: string, issues: ErrorIssue[]): DomainError {
  const shown = issues.slice(0, MAX_ISSUES);
  const more = issues.length > shown.length ? ` (first ${shown.length} shown)` : "";
  return new DomainError(
    "VALIDATION",
    `not a valid audit ${kind} export: ${issues.length} problem(s)${more}`,
    shown,
  );
}

function stripBom(text: string): string {
  return text.startsWith("\uFEFF") ? text.slice(1) : text;
}

/**
 * Entries from a JSONL export, in file order, for verifyChain. Blank lines are skipped. A line carrying
 * `payload_text` instead of `payload` (a stored payload that was not JSON) comes back as a
 * StoredAuditEntry so the verifier reports it. Structural problems throw a VALIDATION DomainError whose
 * issues are located by line.
 */
export function parseJsonlExport(text: string): VerifiableEntry[] {
  const entries: VerifiableEntry[] = [];
  const issues: ErrorIssue[] = [];
  const lines = stripBom(text).split("\n");
  lines.forEach((raw, i) => {
    const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (line.trim() === "") return;
    const where = `line ${i + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      issues.push({
        path: where,
        message: `not JSON: ${error instanceof Error ? error.message : String(error)}`,
      });
      return;
    }
    const isStored = typeof value === "object" && value !== null && "payload_text" in value;
    const parsed = isStored ? StoredAuditEntry.safeParse(value) : AuditEntry.safeParse(value);
    if (parsed.success) {
      entries.push(parsed.data as VerifiableEntry);
      return;
    }
    for (const issue of parsed.error.issues) {
      const field = issue.path.map(String).join(".");
      issues.push({ path: field === "" ? where : `${where}: ${field}`, message: issue.message });
    }
  });
  if (issues.length > 0) throw invalid("JSONL", issues);
  return entries;
}

interface CsvRecord {
  line: number;
  cells: string[];
}

/** Strict RFC 4180 reader (CRLF or LF record ends); yields records with the line they start on. */
function* readCsvRecords(text: string): Generator<CsvRecord> {
  const n = text.length;
  let i = 0;
  let line = 1;
  while (i < n) {
    const start = line;
    const cells: string[] = [];
    for (;;) {
      let cell = "";
      if (text[i] === '"') {
        i++;
        for (;;) {
          const close = text.indexOf('"', i);
          if (close === -1)
            throw invalid("CSV", [{ path: `line ${start}`, message: "unterminated quoted cell" }]);
          const chunk = text.slice(i, close);
          cell += chunk;
          for (let k = chunk.indexOf("\n"); k !== -1; k = chunk.indexOf("\n", k + 1)) line++;
          if (text[close + 1] === '"') {
            cell += '"';
            i = close + 2;
          } else {
            i = close + 1;
            break;
          }
        }
      } else {
        let j = i;
        while (j < n && text[j] !== "," && text[j] !== "\r" && text[j] !== "\n") j++;
        cell = text.slice(i, j);
        if (cell.includes('"'))
          throw invalid("CSV", [{ path: `line ${line}`, message: "quote inside an unquoted cell" }]);
        i = j;
      }
      cells.push(cell);
      const next = text[i];
      if (next === ",") {
        i++;
        continue;
      }
      if (next === undefined) break;
      if (next === "\n" || (next === "\r" && text[i + 1] === "\n")) {
        i += next === "\r" ? 2 : 1;
        line++;
        break;
      }
      throw invalid("CSV", [
        {
          path: `line ${line}`,
          message: `unexpected ${JSON.stringify(next)} after a cell (expected , or end of line)`,
        },
      ]);
    }
    if (cells.length === 1 && cells[0] === "") continue;
    yield { line: start, cells };
  }
}

const SEQ_TEXT = /^[1-9][0-9]*$/;

/**
 * Entries from a CSV export (as written by toCsv), in file order, for verifyChain. Cells are
 * un-neutralised (restoreCell) so the hash is checked over the raw values; the payload stays text
 * (`payload_text`) so text that is not JSON is reported by the verifier at its seq.
 */
export function parseCsvExport(text: string): StoredAuditEntry[] {
  const records = readCsvRecords(stripBom(text));
  const header = records.next();
  const expected = CSV_COLUMNS.join(",");
  if (header.done === true || header.value.cells.join(",") !== expected) {
    const got = header.done === true ? "nothing" : header.value.cells.join(",");
    throw invalid("CSV", [{ path: "line 1", message: `header must be ${expected}, got ${got}` }]);
  }
  const entries: StoredAuditEntry[] = [];
  const issues: ErrorIssue[] = [];
  for (const { line, cells } of records) {
    if (cells.length !== CSV_COLUMNS.length) {
      issues.push({
        path: `line ${line}`,
        message: `expected ${CSV_COLUMNS.length} cells, got ${cells.length}`,
      });
      continue;
    }
    const [seqText, at, actor, action, subject, payloadText, prevHash, hash] = cells.map(restoreCell) as [
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    const seq = Number(seqText);
    if (!SEQ_TEXT.test(seqText) || !Number.isSafeInteger(seq)) {
      issues.push({
        path: `line ${line}: seq`,
        message: `not a positive integer: ${JSON.stringify(seqText)}`,
      });
      continue;
    }
    entries.push({ seq, at, actor, action, subject, payload_text: payloadText, prev_hash: prevHash, hash });
  }
  if (issues.length > 0) throw invalid("CSV", issues);
  return entries;
}
