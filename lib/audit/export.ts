import { canonicalJson } from "./canonical-json";
import { payloadTextOf, type VerifiableEntry } from "./chain";

export const CSV_COLUMNS = [
  "seq",
  "at",
  "actor",
  "action",
  "subject",
  "payload",
  "prev_hash",
  "hash",
] as const;

/**
 * OWASP "CSV Injection": a spreadsheet treats a cell starting with = + - @ TAB or CR as a formula.
 * Such cells get a leading single quote. A cell that already starts with a quote gets one too, so the
 * mapping is injective and restoreCell undoes it exactly.
 */
const NEEDS_NEUTRALISING = /^[=+\-@\t\r']/;

export function neutraliseCell(value: string): string {
  return NEEDS_NEUTRALISING.test(value) ? `'${value}` : value;
}

/** Inverse of neutraliseCell. */
export function restoreCell(cell: string): string {
  return cell.startsWith("'") ? cell.slice(1) : cell;
}

/** RFC 4180 quoting applied to every cell: a quoted cell is never split by a `;`-separator locale either. */
function quote(cell: string): string {
  return `"${cell.replaceAll('"', '""')}"`;
}

/**
 * One JSONL line (no newline): the canonical JSON of the entry's eight fields. A stored payload whose
 * text is not JSON is exported as `payload_text` (a string) rather than dropped or coerced, so the
 * verifier still sees it and reports payload_not_json at that seq.
 */
export function formatJsonlLine(entry: VerifiableEntry): string {
  const { seq, at, actor, action, subject, prev_hash, hash } = entry;
  const meta = { seq, at, actor, action, subject, prev_hash, hash };
  if (!("payload_text" in entry)) return canonicalJson({ ...meta, payload: entry.payload });
  try {
    return canonicalJson({ ...meta, payload: JSON.parse(entry.payload_text) as unknown });
  } catch {
    return canonicalJson({ ...meta, payload_text: entry.payload_text });
  }
}

/** JSON Lines: one canonical entry per line, each line terminated by `\n`. */
export function toJsonl(entries: Iterable<VerifiableEntry>): string {
  let out = "";
  for (const entry of entries) out += `${formatJsonlLine(entry)}\n`;
  return out;
}

/** The CSV header line, CRLF-terminated. */
export const CSV_HEADER = `${CSV_COLUMNS.map(quote).join(",")}\r\n`;

/**
 * One CSV record, CRLF-terminated. The payload column holds the payload's JSON text (a stored entry's
 * text verbatim). Every cell is neutralised then quoted. The hash covers the raw values, never the
 * neutralised cells: verifying a CSV export means parsing it with parseCsvExport, which undoes both.
 */
export function formatCsvRow(entry: VerifiableEntry): string {
  const cells = [
    String(entry.seq),
    entry.at,
    entry.actor,
    entry.action,
    entry.subject,
    payloadTextOf(entry),
    entry.prev_hash,
    entry.hash,
  ];
  return `${cells.map((cell) => quote(neutraliseCell(cell))).join(",")}\r\n`;
}

export interface CsvOptions {
  /** Prefix a UTF-8 byte order mark, which Excel needs to read non-ASCII text correctly. */
  bom?: boolean;
}

/** RFC 4180 CSV with a header row and columns CSV_COLUMNS. */
export function toCsv(entries: Iterable<VerifiableEntry>, options: CsvOptions = {}): string {
  let out = options.bom === true ? `\uFEFF${CSV_HEADER}` : CSV_HEADER;
  for (const entry of entries) out += formatCsvRow(entry);
  return out;
}
