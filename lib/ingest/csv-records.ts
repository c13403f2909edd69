import { parse } from "csv-parse";
import type { CsvError, Parser } from "csv-parse";
import { csvOptions, csvSyntaxError } from "./read-csv";
import type { RowError } from "./types";

export interface CsvRecordSink {
  record(cells: string[]): void;
  syntaxError(error: RowError): void;
}

const QUOTE = 34;
const LF = 10;
const CR = 13;

/**
 * CSV records of a byte stream pushed in chunks, exactly as csv-parse with `csvOptions()` reads them
 * (the same records, row numbers and syntax errors), without csv-parse's byte-at-a-time state machine
 * where it is not needed: until the first double quote a record is a line and a cell is what lies
 * between commas, so lines are cut with indexOf and split. From the line holding the first quote on,
 * csv-parse itself reads the rest of the bytes, primed so that its record and line counts (which its
 * error messages quote) continue from where the fast reader stopped. Lines are decoded whole, between
 * record delimiters, so invalid UTF-8 becomes the same U+FFFD that csv-parse's per-cell decoding gives.
 * Synchronous: every complete record of a chunk reaches the sink before `push` returns.
 */
export class CsvRecordReader {
  /** bytes after the last complete line */
  private rest: Buffer | null = null;
  /** until the first three bytes are seen: csv-parse drops a UTF-8 BOM and honours a UTF-16LE one */
  private atStart = true;
  /** bytes to skip before the first line (a UTF-8 byte-order mark) */
  private skip = 0;
  /** records emitted so far, header included (csv-parse's `records`) */
  private records = 0;
  /** record delimiters (CRLF, LF, CR) consumed so far: csv-parse counts a line for each */
  private newlines = 0;
  private slow: Parser | null = null;
  private slowFailure: unknown = null;
  private ended = false;

  constructor(private readonly sink: CsvRecordSink) {}

  push(chunk: Uint8Array | string): void {
    // A string is read as csv-parse reads it: as its UTF-8 bytes.
    const bytes =
      typeof chunk === "string"
        ? Buffer.from(chunk, "utf8")
        : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (bytes.length === 0) return;
    if (this.slow) return this.slowWrite(bytes);
    const buf = this.rest ? Buffer.concat([this.rest, bytes]) : bytes;
    this.rest = null;
    this.read(buf, false);
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    if (!this.slow) this.read(this.rest ?? Buffer.alloc(0), true);
    this.rest = null;
    if (this.slow) {
      this.slow.end();
      this.throwSlowFailure();
    }
  }

  private read(buf: Buffer, final: boolean): void {
    if (this.atStart) {
      if (buf.length < 3 && !final) {
        this.rest = Buffer.from(buf);
        return;
      }
      this.atStart = false;
      if (buf.length >= 3 && buf[0] === 0xff && buf[1] === 0xfe) return this.startSlow(buf);
      if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) this.skip = 3;
    }
    const quote = buf.indexOf(QUOTE);
    if (quote >= 0) {
      // Everything before the line holding the quote is plain; csv-parse reads on from that line.
      const lineStart = Math.max(buf.lastIndexOf(LF, quote), buf.lastIndexOf(CR, quote)) + 1;
      this.emitLines(buf, lineStart, false);
      return this.startSlow(buf.subarray(lineStart));
    }
    let stop = buf.length;
    if (!final) {
      // A CR at the very end may be the first half of a CRLF: wait for the next chunk.
      stop = Math.max(buf.lastIndexOf(LF), buf.length >= 2 ? buf.lastIndexOf(CR, buf.length - 2) : -1) + 1;
    }
    this.emitLines(buf, stop, final);
    if (stop < buf.length) this.rest = Buffer.from(buf.subarray(stop));
  }

  /**
   * Records of buf[0, stop), which ends at a record delimiter unless `last`: csv-parse's delimiters are
   * CRLF, LF and CR, an empty line is no record, and with `last` the text after the last delimiter is
   * a record too.
   */
  private emitLines(buf: Buffer, stop: number, last: boolean): void {
    const from = Math.min(this.skip, stop);
    if (stop <= from) return;
    this.skip = 0;
    const text = buf.toString("utf8", from, stop);
    const end = text.length;
    const sink = this.sink;
    let pos = 0;
    if (text.indexOf("\r") < 0) {
      for (;;) {
        const nl = text.indexOf("\n", pos);
        if (nl < 0) break;
        this.newlines++;
        if (nl > pos) {
          this.records++;
          sink.record(text.slice(pos, nl).split(","));
        }
        pos = nl + 1;
      }
    } else {
      for (let i = 0; i < end; i++) {
        const c = text.charCodeAt(i);
        if (c !== LF && c !== CR) continue;
        if (i > pos) {
          this.records++;
          sink.record(text.slice(pos, i).split(","));
        }
        this.newlines++;
        if (c === CR && i + 1 < end && text.charCodeAt(i + 1) === LF) i++;
        pos = i + 1;
      }
    }
    if (last && pos < end) {
      this.records++;
      sink.record(text.slice(pos).split(","));
    }
  }

  /** csv-parse reads everything from `bytes` on, as if it had read the lines before them itself. */
  private startSlow(bytes: Buffer): void {
    const offset = this.records;
    this.slow = parse({
      ...csvOptions(),
      on_record: (record: string[]) => {
        this.sink.record(record);
        return null;
      },
      on_skip: (err: CsvError | undefined) => {
        if (err) {
          const records = typeof err.records === "number" ? err.records + offset : offset;
          this.sink.syntaxError(csvSyntaxError({ records, message: err.message }));
        }
        return undefined;
      },
    });
    this.slow.on("error", (e) => {
      this.slowFailure ??= e;
    });
    // Empty lines are no records but count as lines: the messages' line numbers stay the file's.
    if (this.newlines > 0) this.slowWrite(Buffer.from("\n".repeat(this.newlines)));
    // A byte-order mark not yet skipped is csv-parse's to drop.
    this.skip = 0;
    this.slowWrite(bytes);
  }

  private slowWrite(data: Buffer): void {
    if (data.length === 0) return;
    this.slow!.write(data);
    this.throwSlowFailure();
  }

  private throwSlowFailure(): void {
    if (this.slowFailure !== null) throw this.slowFailure;
  }
}
