import type { ParsedScore } from "./types";

/**
 * Parsed scores as columns: what crosses from the parsing thread to the inserting one. Typed arrays
 * move without copying and a batch's strings are sent once each (a million-row file names a few
 * thousand models and metrics), so neither thread pays to clone an object per score.
 */
export interface ScoreColumns {
  length: number;
  /** every distinct string of the batch once; the string columns hold an index into it, -1 for none */
  strings: string[];
  model: Int32Array;
  metric: Int32Array;
  elicitation: Int32Array;
  evaluatedAt: Int32Array;
  file: Int32Array;
  url: Int32Array;
  note: Int32Array;
  /** NaN for none (values are finite when present) */
  value: Float64Array;
  stderr: Float64Array;
  n: Float64Array;
  ciLow: Float64Array;
  ciHigh: Float64Array;
  /** MITIGATION_CODE: 0 when the score does not say */
  mitigation: Uint8Array;
  /** 0 for none (rows are 1-based) */
  row: Float64Array;
  /** positions in the order to insert them (see `indexOrder`); absent: as they are */
  order?: Int32Array;
}

export const MITIGATION_CODE = { pre: 1, post: 2 } as const;
export const MITIGATION_OF_CODE = [undefined, "pre", "post"] as const;

/**
 * Scores appended one at a time into columns of a fixed capacity: a parser fills one while it reads,
 * so a batch lives as a few typed arrays rather than thousands of objects the collector must move.
 */
export class ScoreColumnsBuilder {
  private c!: ScoreColumns;
  private seen = new Map<string, number>();
  /** the previous row's string and its index, per string column: most columns repeat it */
  private readonly last: (string | null)[] = new Array<string | null>(7).fill(null);
  private readonly lastIndex: number[] = new Array<number>(7).fill(-1);

  constructor(private readonly capacity: number) {
    this.reset();
  }

  get size(): number {
    return this.c.length;
  }

  add(s: ParsedScore): void {
    const c = this.c;
    const i = c.length++;
    c.model[i] = this.intern(0, s.model);
    c.metric[i] = this.intern(1, s.metric);
    c.elicitation[i] = this.intern(2, s.elicitation);
    c.evaluatedAt[i] = this.intern(3, s.evaluated_at);
    c.file[i] = this.intern(4, s.source.file);
    c.url[i] = this.intern(5, s.source.url);
    c.note[i] = this.intern(6, s.source.note);
    c.value[i] = s.value;
    c.stderr[i] = s.stderr ?? NaN;
    c.n[i] = s.n ?? NaN;
    c.ciLow[i] = s.ci_low ?? NaN;
    c.ciHigh[i] = s.ci_high ?? NaN;
    c.mitigation[i] = s.mitigation === undefined ? 0 : MITIGATION_CODE[s.mitigation];
    c.row[i] = s.source.row ?? 0;
  }

  /** The columns so far; the builder starts a new batch. Arrays may be longer than `length`. */
  take(): ScoreColumns {
    const out = this.c;
    this.reset();
    return out;
  }

  private intern(column: number, s: string | null | undefined): number {
    if (s === null || s === undefined) return -1;
    if (s === this.last[column]) return this.lastIndex[column]!;
    let i = this.seen.get(s);
    if (i === undefined) {
      i = this.c.strings.length;
      this.c.strings.push(s);
      this.seen.set(s, i);
    }
    this.last[column] = s;
    this.lastIndex[column] = i;
    return i;
  }

  private reset(): void {
    const n = this.capacity;
    this.c = {
      length: 0,
      strings: [],
      model: new Int32Array(n),
      metric: new Int32Array(n),
      elicitation: new Int32Array(n),
      evaluatedAt: new Int32Array(n),
      file: new Int32Array(n),
      url: new Int32Array(n),
      note: new Int32Array(n),
      value: new Float64Array(n),
      stderr: new Float64Array(n),
      n: new Float64Array(n),
      ciLow: new Float64Array(n),
      ciHigh: new Float64Array(n),
      mitigation: new Uint8Array(n),
      row: new Float64Array(n),
    };
    this.seen = new Map();
    this.last.fill(null);
    this.lastIndex.fill(-1);
  }
}

export function packScores(scores: readonly ParsedScore[]): ScoreColumns {
  const b = new ScoreColumnsBuilder(scores.length);
  for (const s of scores) b.add(s);
  return b.take();
}

/** The scores back as objects, in `order` when given (the inverse of packScores, for tests and tools). */
export function unpackScores(c: ScoreColumns, inOrder = false): ParsedScore[] {
  const str = (i: number) => (i < 0 ? undefined : c.strings[i]!);
  const num = (x: number) => (Number.isNaN(x) ? null : x);
  const out: ParsedScore[] = [];
  for (let k = 0; k < c.length; k++) {
    const i = inOrder && c.order ? c.order[k]! : k;
    const score: ParsedScore = {
      model: str(c.model[i]!)!,
      metric: str(c.metric[i]!)!,
      value: c.value[i]!,
      stderr: num(c.stderr[i]!),
      n: num(c.n[i]!),
      elicitation: str(c.elicitation[i]!) ?? null,
      evaluated_at: str(c.evaluatedAt[i]!) ?? null,
      source: {},
    };
    const ciLow = num(c.ciLow[i]!);
    const ciHigh = num(c.ciHigh[i]!);
    if (ciLow !== null) score.ci_low = ciLow;
    if (ciHigh !== null) score.ci_high = ciHigh;
    const mitigation = MITIGATION_OF_CODE[c.mitigation[i]!];
    if (mitigation !== undefined) score.mitigation = mitigation;
    if (c.row[i]! !== 0) score.source.row = c.row[i]!;
    const file = str(c.file[i]!);
    const url = str(c.url[i]!);
    const note = str(c.note[i]!);
    if (file !== undefined) score.source.file = file;
    if (url !== undefined) score.source.url = url;
    if (note !== undefined) score.source.note = note;
    out.push(score);
  }
  return out;
}

/**
 * Positions of a batch sorted by (model, metric, row), models compared by `modelKey` of their
 * string index. Inserted in this order, a batch's scores reach the scores_identity index (model and
 * metric first) in ascending order, page after page, instead of at random: for a million-row file
 * that halves the cost of the index. Within one model and metric the file's order is kept, so the
 * ids of one model's scores on one metric still follow the file.
 */
export function indexOrder(c: ScoreColumns, modelKey: (stringIndex: number) => string): Int32Array {
  const modelRank = ranks(c.model, c.length, c.strings.length, modelKey);
  const metricRank = ranks(c.metric, c.length, c.strings.length, (i) => c.strings[i]!);
  const order = new Int32Array(c.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  const { model, metric, row } = c;
  return order.sort(
    (a, b) =>
      modelRank[model[a]!]! - modelRank[model[b]!]! ||
      metricRank[metric[a]!]! - metricRank[metric[b]!]! ||
      row[a]! - row[b]!,
  );
}

/** For each string index a column uses, the rank of its key among the column's distinct keys. */
function ranks(
  column: Int32Array,
  length: number,
  strings: number,
  key: (stringIndex: number) => string,
): Int32Array {
  const rank = new Int32Array(strings).fill(-1);
  const used: number[] = [];
  for (let i = 0; i < length; i++) {
    const s = column[i]!;
    if (rank[s] === -1) {
      rank[s] = 0;
      used.push(s);
    }
  }
  const keyed = used.map((s) => ({ s, k: key(s) })).sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0));
  let r = 0;
  keyed.forEach((x, i) => {
    if (i > 0 && x.k !== keyed[i - 1]!.k) r++;
    rank[x.s] = r;
  });
  return rank;
}

/** The buffers to transfer (not copy) with a posted batch. */
export function columnBuffers(c: ScoreColumns): ArrayBuffer[] {
  return [
    c.model,
    c.metric,
    c.elicitation,
    c.evaluatedAt,
    c.file,
    c.url,
    c.note,
    c.value,
    c.stderr,
    c.n,
    c.ciLow,
    c.ciHigh,
    c.mitigation,
    c.row,
    ...(c.order ? [c.order] : []),
  ].map((a) => a.buffer as ArrayBuffer);
}
