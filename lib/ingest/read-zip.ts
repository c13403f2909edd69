import { Inflate } from "fflate";
import { IngestError, fileLabel } from "./errors";
import { DEFAULT_ZIP_LIMITS } from "./types";
import type { ZipLimits } from "./types";

/**
 * A defensive ZIP reader for eval logs (Inspect `.eval`). Two limits, both fail-closed:
 *  1. before anything is inflated, the sizes the central directory declares are summed over every
 *     entry and checked against `maxUncompressedBytes` (and the entry count against `maxEntries`);
 *  2. while inflating, the bytes actually produced are counted and inflation stops as soon as they
 *     pass the limit, because a crafted archive can declare small sizes and still inflate to GBs.
 * Input is pushed to the inflater in 16 KiB slices, so one step can produce at most ~16 MiB
 * (DEFLATE's ratio is bounded near 1032:1) before the count is checked.
 */

const SIG_EOCD = 0x06054b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const SIG_ZIP64_EOCD = 0x06064b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_LOCAL = 0x04034b50;
const INFLATE_SLICE = 16 * 1024;

export interface ZipEntryInfo {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  /** Uncompressed size as declared by the central directory. */
  size: number;
  localHeaderOffset: number;
}

export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5);
}

function resolveLimits(limits: ZipLimits | undefined): Required<ZipLimits> {
  return {
    maxUncompressedBytes: limits?.maxUncompressedBytes ?? DEFAULT_ZIP_LIMITS.maxUncompressedBytes,
    maxEntries: limits?.maxEntries ?? DEFAULT_ZIP_LIMITS.maxEntries,
  };
}

function mib(n: number): string {
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}

/** Reads the central directory and enforces the declared-size limits. Inflates nothing. */
export function listZipEntries(bytes: Uint8Array, fileName?: string, limits?: ZipLimits): ZipEntryInfo[] {
  const file = fileLabel(fileName);
  const lim = resolveLimits(limits);
  const corrupt = (why: string) => new IngestError("CORRUPT", file, `is not a readable ZIP archive: ${why}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (o: number) => view.getUint16(o, true);
  const u32 = (o: number) => view.getUint32(o, true);
  const u64 = (o: number) => Number(view.getBigUint64(o, true));

  if (bytes.length < 22) throw corrupt("too short (truncated?)");
  let eocd = -1;
  for (let o = bytes.length - 22; o >= Math.max(0, bytes.length - 22 - 0xffff); o--) {
    if (u32(o) === SIG_EOCD) {
      eocd = o;
      break;
    }
  }
  if (eocd < 0) throw corrupt("end of central directory not found (truncated?)");

  let count = u16(eocd + 10);
  let cdSize = u32(eocd + 12);
  let cdOffset = u32(eocd + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const loc = eocd - 20;
    if (loc < 0 || u32(loc) !== SIG_ZIP64_LOCATOR) throw corrupt("ZIP64 locator missing");
    const rec = u64(loc + 8);
    if (rec + 56 > bytes.length || u32(rec) !== SIG_ZIP64_EOCD) throw corrupt("ZIP64 end record missing");
    count = u64(rec + 32);
    cdSize = u64(rec + 40);
    cdOffset = u64(rec + 48);
  }
  if (count > lim.maxEntries) {
    throw new IngestError("TOO_LARGE", file, `has ${count} entries; the limit is ${lim.maxEntries}`);
  }
  if (cdOffset + cdSize > bytes.length)
    throw corrupt("central directory lies past the end of the file (truncated?)");

  const entries: ZipEntryInfo[] = [];
  let declared = 0;
  let o = cdOffset;
  for (let i = 0; i < count; i++) {
    if (o + 46 > bytes.length || u32(o) !== SIG_CENTRAL)
      throw corrupt(`central directory entry ${i + 1} is damaged`);
    const nameLen = u16(o + 28);
    const extraLen = u16(o + 30);
    const commentLen = u16(o + 32);
    if (o + 46 + nameLen + extraLen + commentLen > bytes.length)
      throw corrupt(`central directory entry ${i + 1} is cut off`);
    const name = new TextDecoder().decode(bytes.subarray(o + 46, o + 46 + nameLen));
    let compressedSize = u32(o + 20);
    let size = u32(o + 24);
    let localHeaderOffset = u32(o + 42);
    if (size === 0xffffffff || compressedSize === 0xffffffff || localHeaderOffset === 0xffffffff) {
      // ZIP64 extended information: only the fields that overflowed, in this order.
      let e = o + 46 + nameLen;
      const end = e + extraLen;
      while (e + 4 <= end) {
        const id = u16(e);
        const len = u16(e + 2);
        if (id === 0x0001) {
          let f = e + 4;
          if (size === 0xffffffff) {
            size = u64(f);
            f += 8;
          }
          if (compressedSize === 0xffffffff) {
            compressedSize = u64(f);
            f += 8;
          }
          if (localHeaderOffset === 0xffffffff) localHeaderOffset = u64(f);
          break;
        }
        e += 4 + len;
      }
    }
    declared += size;
    if (declared > lim.maxUncompressedBytes) {
      throw new IngestError(
        "TOO_LARGE",
        file,
        `declares ${mib(declared)}+ of uncompressed data (entry "${name}" alone ${mib(size)}); ` +
          `the limit is ${mib(lim.maxUncompressedBytes)}`,
      );
    }
    entries.push({ name, method: u16(o + 10), flags: u16(o + 8), compressedSize, size, localHeaderOffset });
    o += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/**
 * Inflates the entries `want` selects (after `listZipEntries` checked every declared size), counting
 * actual output against the same limit. Entries not wanted are never inflated.
 */
export function readZipEntries(
  bytes: Uint8Array,
  want: (name: string) => boolean,
  opts: { fileName?: string; limits?: ZipLimits } = {},
): Map<string, Uint8Array> {
  const file = fileLabel(opts.fileName);
  const lim = resolveLimits(opts.limits);
  const entries = listZipEntries(bytes, opts.fileName, opts.limits);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const corrupt = (why: string) => new IngestError("CORRUPT", file, `is not a readable ZIP archive: ${why}`);
  const out = new Map<string, Uint8Array>();
  let actual = 0;

  for (const entry of entries) {
    if (!want(entry.name) || out.has(entry.name)) continue;
    if (entry.flags & 0x1)
      throw new IngestError("UNSUPPORTED_FORMAT", file, `entry "${entry.name}" is encrypted`);
    const lh = entry.localHeaderOffset;
    if (lh + 30 > bytes.length || view.getUint32(lh, true) !== SIG_LOCAL) {
      throw corrupt(`local header of "${entry.name}" is missing (truncated?)`);
    }
    const start = lh + 30 + view.getUint16(lh + 26, true) + view.getUint16(lh + 28, true);
    const end = start + entry.compressedSize;
    if (end > bytes.length) throw corrupt(`data of "${entry.name}" is cut off (truncated?)`);
    const data = bytes.subarray(start, end);

    let produced: Uint8Array;
    if (entry.method === 0) {
      actual += data.length;
      if (actual > lim.maxUncompressedBytes) throw tooLargeActual(file, actual, lim.maxUncompressedBytes);
      produced = data.slice();
    } else if (entry.method === 8) {
      const chunks: Uint8Array[] = [];
      let entryBytes = 0;
      let done = false;
      const inflater = new Inflate((chunk, final) => {
        entryBytes += chunk.length;
        actual += chunk.length;
        if (actual > lim.maxUncompressedBytes) throw tooLargeActual(file, actual, lim.maxUncompressedBytes);
        chunks.push(chunk);
        if (final) done = true;
      });
      try {
        if (data.length === 0) inflater.push(new Uint8Array(0), true);
        for (let p = 0; p < data.length; p += INFLATE_SLICE) {
          inflater.push(data.subarray(p, p + INFLATE_SLICE), p + INFLATE_SLICE >= data.length);
        }
      } catch (e) {
        if (e instanceof IngestError) throw e;
        throw corrupt(`"${entry.name}" does not inflate (${e instanceof Error ? e.message : String(e)})`);
      }
      if (!done) throw corrupt(`"${entry.name}" ends before its compressed stream does`);
      produced = concat(chunks, entryBytes);
    } else {
      throw new IngestError(
        "UNSUPPORTED_FORMAT",
        file,
        `entry "${entry.name}" uses compression method ${entry.method}`,
      );
    }
    if (produced.length !== entry.size) {
      throw corrupt(`"${entry.name}" inflates to ${produced.length} bytes but declares ${entry.size}`);
    }
    out.set(entry.name, produced);
  }
  return out;
}

function tooLargeActual(file: string, actual: number, limit: number): IngestError {
  return new IngestError(
    "TOO_LARGE",
    file,
    `inflates past ${mib(limit)} (stopped at ${mib(actual)}) although its directory declares less; ` +
      `the limit is ${mib(limit)}`,
  );
}

function concat(chunks: Uint8Array[], total: number): Uint8Array {
  if (chunks.length === 1 && chunks[0]) return chunks[0];
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
