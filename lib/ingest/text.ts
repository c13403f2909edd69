import { IngestError, fileLabel } from "./errors";

const decoder = new TextDecoder("utf-8", { fatal: true });

/**
 * Text of a file given as bytes or a string, without a UTF-8 byte-order mark. Invalid UTF-8 is a
 * corrupt file, not a row problem: nothing after the first bad byte can be trusted.
 */
export function decodeText(input: string | Uint8Array, fileName?: string): string {
  if (typeof input === "string") return stripBom(input);
  try {
    return stripBom(decoder.decode(input));
  } catch {
    throw new IngestError("CORRUPT", fileLabel(fileName), "is not valid UTF-8 text");
  }
}

export function stripBom(s: string): string {
  return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
}

/** JSON.parse that reports a syntax error as a corrupt file naming it. */
export function parseJsonText(text: string, fileName?: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    throw new IngestError("CORRUPT", fileLabel(fileName), `is not valid JSON (${detail})`);
  }
}

/**
 * A copy of `s` that keeps no larger string alive. V8 cuts substrings as views into their parent,
 * so one cell kept from a decoded megabyte of CSV keeps the whole megabyte: copy what outlives a chunk.
 */
export function detach(s: string): string {
  return s.split("").join("");
}
