// The zod-free rules, by a relative path: this also runs in the parser's worker thread, which
// loads no zod and no tsconfig paths.
import { METRIC_ID_PATTERN, METRIC_ID_RULE, MITIGATION } from "../policy/ids";
import type { Mitigation } from "../policy/ids";
import type { ParsedScore, RowError } from "./types";
import { isHttpUrl, readIsoDate, readNumber } from "./values";
import type { DateRead } from "./values";
import { detach } from "./text";

/** Columns of the generic score table; only the first three are required. */
export const GENERIC_SCORE_COLUMNS = [
  "model",
  "metric",
  "value",
  "stderr",
  "n",
  "mitigation",
  "elicitation",
  "evaluated_at",
  "source",
] as const;
export const REQUIRED_SCORE_COLUMNS = ["model", "metric", "value"] as const;

export interface RowOutcome {
  score: ParsedScore | null;
  errors: RowError[];
}

/**
 * Validates one generic score record (CSV cells or JSON values) and names every bad field.
 * A record with any error yields no score: a half-valid score is worse than a reported gap.
 */
export function validateScoreRow(rec: Record<string, unknown>, row: number, fileName?: string): RowOutcome {
  // Runs once per row of a million-row import: no closures, no arrays until a field is bad.
  let errors: RowError[] | null = null;

  const model = typeof rec.model === "string" ? rec.model.trim() : "";
  if (model === "")
    errors = bad(
      errors,
      row,
      "model",
      rec.model === undefined || rec.model === "" ? "is required" : "must be a non-empty string",
    );

  let metric = "";
  if (typeof rec.metric !== "string" || rec.metric.trim() === "")
    errors = bad(errors, row, "metric", "is required");
  else {
    metric = rec.metric.trim().toLowerCase();
    const problem = metricIdProblem(metric);
    if (problem !== null) errors = bad(errors, row, "metric", `"${metric}" ${problem}`);
  }

  let value = 0;
  const v = readNumber(rec.value);
  if (v.kind === "empty") errors = bad(errors, row, "value", "is required");
  else if (v.kind === "bad") errors = bad(errors, row, "value", v.message);
  else value = v.value;

  let stderr: number | null = null;
  const se = readNumber(rec.stderr);
  if (se.kind === "bad") errors = bad(errors, row, "stderr", se.message);
  else if (se.kind === "ok") {
    if (se.value < 0) errors = bad(errors, row, "stderr", `must not be negative, got ${se.value}`);
    else stderr = se.value;
  }

  let n: number | null = null;
  const nr = readNumber(rec.n);
  if (nr.kind === "bad") errors = bad(errors, row, "n", nr.message);
  else if (nr.kind === "ok") {
    if (!Number.isInteger(nr.value))
      errors = bad(errors, row, "n", `must be a whole number, got ${nr.value}`);
    else if (nr.value < 0) errors = bad(errors, row, "n", `must not be negative, got ${nr.value}`);
    else n = nr.value;
  }

  let mitigation: Mitigation | undefined;
  if (rec.mitigation !== undefined && rec.mitigation !== null && rec.mitigation !== "") {
    const m = typeof rec.mitigation === "string" ? rec.mitigation.trim().toLowerCase() : "";
    if ((MITIGATION as readonly string[]).includes(m)) mitigation = m as Mitigation;
    else
      errors = bad(
        errors,
        row,
        "mitigation",
        `must be one of ${MITIGATION.join(" | ")}, got "${String(rec.mitigation)}"`,
      );
  }

  let elicitation: string | null = null;
  if (rec.elicitation !== undefined && rec.elicitation !== null) {
    if (typeof rec.elicitation !== "string") errors = bad(errors, row, "elicitation", "must be a string");
    else elicitation = rec.elicitation.trim() === "" ? null : rec.elicitation.trim();
  }

  let evaluatedAt: string | null = null;
  const d = readIsoDateCached(rec.evaluated_at);
  if (d.kind === "bad") errors = bad(errors, row, "evaluated_at", d.message);
  else if (d.kind === "ok") evaluatedAt = d.value;

  const source: ParsedScore["source"] = { row };
  if (fileName !== undefined) source.file = fileName;
  if (rec.source !== undefined && rec.source !== null && rec.source !== "") {
    if (typeof rec.source !== "string")
      errors = bad(errors, row, "source", "must be a string (a URL or a note)");
    else if (isHttpUrl(rec.source)) source.url = rec.source.trim();
    else source.note = rec.source.trim();
  }

  if (errors !== null) return { score: null, errors };
  const score: ParsedScore = {
    model,
    metric,
    value,
    stderr,
    n,
    elicitation,
    evaluated_at: evaluatedAt,
    source,
  };
  if (mitigation !== undefined) score.mitigation = mitigation;
  return { score, errors: [] };
}

function bad(errors: RowError[] | null, row: number, field: string, message: string): RowError[] {
  const list = errors ?? [];
  list.push({ row, field, message: `${field} ${message}` });
  return list;
}

/**
 * Answers for strings seen recently: a large file repeats the same few metric ids and dates on
 * every row. Bounded, so a file of all-distinct values costs a cleared map now and then, no more.
 */
class Recent<T> {
  private readonly map = new Map<string, T>();
  constructor(private readonly limit: number) {}
  get(key: string, compute: (key: string) => T): T {
    const hit = this.map.get(key);
    if (hit !== undefined) return hit;
    const value = compute(key);
    if (this.map.size >= this.limit) this.map.clear();
    this.map.set(detach(key), value);
    return value;
  }
}

const metricProblems = new Recent<string | false>(4096);

/** Why a lowercased metric id is not a MetricId, or null when it is one. */
function metricIdProblem(metric: string): string | null {
  const problem = metricProblems.get(metric, (m) => (METRIC_ID_PATTERN.test(m) ? false : METRIC_ID_RULE));
  return problem === false ? null : problem;
}

const dates = new Recent<DateRead>(4096);

function readIsoDateCached(raw: unknown): DateRead {
  return typeof raw === "string" ? dates.get(raw, readIsoDate) : readIsoDate(raw);
}

/**
 * Rejects the second of two identical rows in one file (same model, metric, mitigation,
 * elicitation, evaluated_at and value) and names the first.
 */
export class DuplicateTracker {
  private readonly index = new FingerprintIndex();

  check(score: ParsedScore, row: number): RowError | null {
    // The key's parts are hashed as they are: no key string, no number printed, once per row.
    const key = this.index
      .begin()
      .add(score.model)
      .add(score.metric)
      .add(score.mitigation ?? "pre")
      .add(score.elicitation ?? "")
      .add(score.evaluated_at ?? "")
      .addNumber(score.value);
    const first = key.firstRow(row);
    if (first !== null) {
      return {
        row,
        message: `duplicate of row ${first} (same model, metric, mitigation, elicitation, evaluated_at and value)`,
      };
    }
    return null;
  }
}

/**
 * Key -> first row, holding 12 bytes per key (two independent 32-bit hashes and the row, in typed
 * arrays with open addressing) instead of the key itself: a million-row stream needs ~25 MB here
 * where a Map of strings took ~280 MB and broke the 512 MB budget. Two different keys are taken
 * for one only if both hashes collide: about n²/2^65, i.e. 3e-8 for a million rows.
 */
export class FingerprintIndex {
  private h1 = new Uint32Array(1024);
  private h2 = new Uint32Array(1024);
  private rows = new Uint32Array(1024);
  private size = 0;

  private a = 0;
  private b = 0;
  private length = 0;

  /** Starts a key: add its parts, then ask `firstRow`. */
  begin(): this {
    this.a = 0x811c9dc5;
    this.b = 0x9747b28c;
    this.length = 0;
    return this;
  }

  /** A string part of the key (parts are kept apart: "ab"+"c" is not "a"+"bc"). */
  add(s: string): this {
    let a = this.a;
    let b = this.b;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x5bd1e995);
      b ^= b >>> 15;
    }
    // a separator no string part can forge: the part's length, mixed in after it
    a = Math.imul(a ^ (s.length + 0x10000), 0x01000193);
    b = Math.imul(b ^ (s.length + 0x10000), 0x5bd1e995);
    this.a = a;
    this.b = b ^ (b >>> 15);
    this.length += s.length + 1;
    return this;
  }

  /** A number part: equal numbers are one key (0 and -0 too, as their printed forms are). */
  addNumber(x: number): this {
    BITS[0] = x === 0 ? 0 : x;
    for (const w of WORDS) {
      this.a = Math.imul(this.a ^ w, 0x01000193);
      this.b = Math.imul(this.b ^ w, 0x5bd1e995);
      this.b ^= this.b >>> 15;
    }
    this.length += 8;
    return this;
  }

  /** The row that first had the key begun last, or null after recording `row` as its first. */
  firstRow(row: number): number | null {
    const a = fmix32(this.a ^ this.length);
    const b = fmix32(this.b ^ Math.imul(this.length, 0x9e3779b1));
    const found = this.lookup(a, b);
    if (found !== null) return found;
    if ((this.size + 1) * 2 > this.rows.length) this.grow();
    this.insert(a, b, row);
    return null;
  }

  private lookup(a: number, b: number): number | null {
    const mask = this.rows.length - 1;
    for (let i = a & mask; ; i = (i + 1) & mask) {
      const r = this.rows[i] ?? 0;
      if (r === 0) return null;
      if (this.h1[i] === a && this.h2[i] === b) return r;
    }
  }

  private insert(a: number, b: number, row: number): void {
    const mask = this.rows.length - 1;
    let i = a & mask;
    while ((this.rows[i] ?? 0) !== 0) i = (i + 1) & mask;
    this.h1[i] = a;
    this.h2[i] = b;
    this.rows[i] = row;
    this.size++;
  }

  private grow(): void {
    const [h1, h2, rows] = [this.h1, this.h2, this.rows];
    this.h1 = new Uint32Array(rows.length * 2);
    this.h2 = new Uint32Array(rows.length * 2);
    this.rows = new Uint32Array(rows.length * 2);
    this.size = 0;
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i] ?? 0;
      if (r !== 0) this.insert(h1[i] ?? 0, h2[i] ?? 0, r);
    }
  }
}

const BITS = new Float64Array(1);
const WORDS = new Uint32Array(BITS.buffer);

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
