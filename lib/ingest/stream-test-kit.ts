import type { StreamSummary } from "./stream-generic-csv";

/** Test helpers shared by the same-thread and worker stream parsers' tests. */

/** Reads a stream generator to its end: every batch, then the summary it returns. */
export async function drain<T>(gen: AsyncGenerator<T, StreamSummary>) {
  const batches: T[] = [];
  for (;;) {
    const next = await gen.next();
    if (next.done) return { batches, summary: next.value };
    batches.push(next.value);
  }
}

/** Splits bytes into chunks of `size`, so multi-byte characters and CRLF pairs straddle chunks. */
export function* chunks(bytes: Uint8Array, size: number): Generator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

/** Lines of a generic CSV with a BOM, non-ASCII names, a blank line, a quoted newline, bad rows and a duplicate. */
export const SAMPLE_LINES = [
  "\uFEFFmodel,metric,value,stderr,n,mitigation,elicitation,evaluated_at,source",
  "clαude-Σ,cybench.unguided,0.42,0.03,40,pre,pass@1,2025-05-01,https://example.org/x",
  "m2,a.b,inf,,,,,,",
  "",
  'm3,a.b,0.5,,,,"multi',
  'line",,',
  "m4,a.b,0.5,-1,,,,,",
  "clαude-Σ,cybench.unguided,0.42,0.1,41,pre,pass@1,2025-05-01,dup",
  "m5,a.b,0.7,,,,,",
] as const;
