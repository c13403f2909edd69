import { parse } from "csv-parse/sync";
import type { CsvError } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { mulberry32 } from "@/lib/projection/random";
import { CsvRecordReader } from "./csv-records";
import { csvOptions, csvSyntaxError } from "./read-csv";
import type { RowError } from "./types";

type Out = { records: string[][]; errors: RowError[] };

/** What csv-parse itself gives for the whole input: the reference. */
function reference(bytes: Uint8Array): Out {
  const out: Out = { records: [], errors: [] };
  parse(Buffer.from(bytes), {
    ...csvOptions(),
    on_record: (r: string[]) => {
      out.records.push(r);
      return null;
    },
    on_skip: (err: CsvError | undefined) => {
      if (err) out.errors.push(csvSyntaxError(err));
      return undefined;
    },
  });
  return out;
}

function viaReader(chunks: (Uint8Array | string)[]): Out {
  const out: Out = { records: [], errors: [] };
  const reader = new CsvRecordReader({
    record: (r) => out.records.push(r),
    syntaxError: (e) => out.errors.push(e),
  });
  for (const c of chunks) reader.push(c);
  reader.end();
  return out;
}

function split(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const out: Uint8Array[] = [];
  let at = 0;
  for (const c of [...cuts, bytes.length]) {
    out.push(bytes.subarray(at, c));
    at = c;
  }
  return out;
}

const enc = (s: string) => new TextEncoder().encode(s);

describe("CsvRecordReader", () => {
  it.each([
    { label: "plain LF", text: "a,b,c\n1,2,3\n4,5,6\n" },
    { label: "no final newline", text: "a,b\n1,2" },
    { label: "CRLF, lone CR and empty lines", text: "a,b\r\n\r\n1,2\r3,4\n\n\r\n5,6\r" },
    { label: "blank-cell rows are records", text: "a,b\n,\n \n1,2\n" },
    { label: "UTF-8 BOM", text: "\uFEFFa,b\n1,2\n" },
    { label: "quoted cells spanning lines", text: 'a,b\n1,2\n"x\ny",3\n4,"5"\n' },
    { label: "bad quotes after plain lines", text: 'a,b\n1,2\r\n\n3,4\n5,"6"x\n7,8\n9,1"0\n' },
    { label: "unclosed quote", text: 'a,b\n1,2\n3,"4\n5,6\n' },
    { label: "quote in the header", text: '"a",b\n1,2\n' },
    { label: "ragged rows", text: "a,b\n1\n1,2,3\n" },
    { label: "empty input", text: "" },
    { label: "only newlines", text: "\n\r\n\r" },
  ])("gives csv-parse's records and errors: $label", ({ text }) => {
    const bytes = enc(text);
    const want = reference(bytes);
    expect(viaReader([bytes])).toEqual(want);
    expect(
      viaReader(
        split(
          bytes,
          Array.from({ length: bytes.length }, (_, i) => i),
        ),
      ),
    ).toEqual(want);
    expect(viaReader([text])).toEqual(want);
  });

  it("reads a UTF-16LE file (byte-order mark FF FE) as csv-parse does", () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("a,b\n1,2\n", "utf16le")]);
    const want = reference(bytes);
    expect(want.records).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
    expect(viaReader(split(bytes, [1, 2, 5]))).toEqual(want);
  });

  it("agrees with csv-parse on 2,000 random inputs cut into random chunks", () => {
    const rand = mulberry32(42);
    const alphabet = ["a", "b", "1", ",", ",", '"', "\n", "\n", "\r", "\r\n", " ", "é", "Σ", "\uFEFF", "x,y"];
    const badBytes = [[0xff], [0xe2, 0x82], [0xc3]];
    for (let n = 0; n < 2000; n++) {
      const parts: Uint8Array[] = [];
      const len = Math.floor(rand() * 40);
      // Most inputs start quote-free for a while, so the switch to csv-parse happens mid-stream.
      if (rand() < 0.7) parts.push(enc("model,metric,value\nm,a.b,1\nm,a.c,2\n"));
      for (let i = 0; i < len; i++) {
        if (rand() < 0.03) parts.push(Uint8Array.from(badBytes[Math.floor(rand() * badBytes.length)]!));
        else parts.push(enc(alphabet[Math.floor(rand() * alphabet.length)]!));
      }
      const bytes = Buffer.concat(parts);
      const cuts = Array.from({ length: Math.floor(rand() * 4) }, () =>
        Math.floor(rand() * bytes.length),
      ).sort((a, b) => a - b);
      const want = reference(bytes);
      const got = viaReader(split(bytes, cuts));
      if (JSON.stringify(got) !== JSON.stringify(want)) {
        // Name the failing input so it can become a fixed case above.
        expect({ input: bytes.toString("hex"), cuts, got }).toEqual({
          input: bytes.toString("hex"),
          cuts,
          got: want,
        });
      }
    }
  });
});
