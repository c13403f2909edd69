import { parse } from "csv-parse/sync";
import { parse as parseYaml } from "yaml";
import { listZipEntries, isZip } from "./read-zip";
import { stripBom } from "./text";
import type { FormatId } from "./types";
import { isRecord } from "./values";

/**
 * Which parser reads a file, from its content: ZIP magic and entry names, JSON keys, CSV header
 * columns, YAML keys. The extension is only a tie-breaker (an empty `.csv`, JSON Lines). Returns
 * null when nothing matches; parseFile turns that into an UNSUPPORTED_FORMAT error naming the file.
 */
export function detectFormat(fileName: string, input: string | Uint8Array): FormatId | null {
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? "";
  if (typeof input !== "string" && isZip(input)) {
    try {
      const names = new Set(
        listZipEntries(input, fileName, { maxUncompressedBytes: Number.MAX_SAFE_INTEGER }).map((e) => e.name),
      );
      return names.has("header.json") || names.has("_journal/start.json") ? "inspect-eval" : null;
    } catch {
      // A damaged archive still is one: let the Inspect parser report how it is damaged.
      return ext === "eval" ? "inspect-eval" : null;
    }
  }
  // CSV headers and YAML keys sit at the top: 4 MiB is plenty. A JSON document must be read whole.
  const head = stripBom(typeof input === "string" ? input : safeDecode(input.subarray(0, 4 * 1024 * 1024)));
  const trimmed = head.trimStart();
  if (trimmed === "") return emptyByExtension(ext);
  if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
    const whole =
      typeof input === "string" || input.length <= 4 * 1024 * 1024 ? head : stripBom(safeDecode(input));
    return detectJson(whole.trimStart(), ext);
  }
  const text = head;

  const header = csvHeader(text);
  if (header && header.length > 1) {
    const fromCsv = detectCsv(header);
    if (fromCsv) return fromCsv;
  }
  if (ext === "yaml" || ext === "yml" || /^(benchmark_name|results|doubling_time_in_days)\s*:/m.test(text)) {
    try {
      const doc: unknown = parseYaml(text, { maxAliasCount: 100 });
      if (
        isRecord(doc) &&
        isRecord(doc.results) &&
        ("benchmark_name" in doc || "doubling_time_in_days" in doc)
      ) {
        return "metr-yaml";
      }
    } catch {
      return null;
    }
  }
  return null;
}

function emptyByExtension(ext: string): FormatId | null {
  if (ext === "csv") return "generic-csv";
  if (ext === "json") return "generic-json";
  if (ext === "jsonl" || ext === "ndjson") return "generic-jsonl";
  return null;
}

function safeDecode(bytes: Uint8Array): string {
  return new TextDecoder("utf-8", { fatal: false }).decode(bytes);
}

function detectJson(text: string, ext: string): FormatId | null {
  let doc: unknown;
  try {
    doc = JSON.parse(text) as unknown;
  } catch {
    // Not one JSON document: JSON Lines if the first line is an object on its own.
    const first = text.split(/\r?\n/, 1)[0] ?? "";
    try {
      if (isRecord(JSON.parse(first))) return "generic-jsonl";
    } catch {
      /* fall through */
    }
    return ext === "jsonl" || ext === "ndjson" ? "generic-jsonl" : null;
  }
  if (Array.isArray(doc)) return doc.length === 0 || doc.every(isRecord) ? "generic-json" : null;
  if (!isRecord(doc)) return null;
  if (ext === "jsonl" || ext === "ndjson") return "generic-jsonl";
  if (isRecord(doc.eval) && typeof doc.eval.task === "string") return "inspect-json";
  if (isRecord(doc.results) && (isRecord(doc.versions) || isRecord(doc.config) || "model_name" in doc)) {
    return "lm-eval-harness";
  }
  if (Array.isArray(doc.scores) || Array.isArray(doc.models)) return "generic-json";
  const values = Object.entries(doc);
  if (typeof doc.score === "number" && values.every(([, v]) => typeof v === "number"))
    return "simple-evals-json";
  return null;
}

function csvHeader(text: string): string[] | null {
  try {
    const rows = parse(text.slice(0, 256 * 1024), {
      to_line: 1,
      relax_column_count: true,
      relax_quotes: true,
    }) as string[][];
    return rows[0]?.map((c) => c.trim()) ?? null;
  } catch {
    return null;
  }
}

const EMERGENT_COLUMN = /^[a-z0-9_]+_\d+_(acc|exact_match|bleu)$/;

function detectCsv(header: string[]): FormatId | null {
  const has = (c: string) => header.includes(c);
  const lower = new Set(header.map((h) => h.toLowerCase()));
  if (lower.has("model") && lower.has("metric") && lower.has("value")) return "generic-csv";
  if (has("Model version")) return "epoch-csv";
  if (
    has("Model") &&
    (has("FLOPs (1E21)") || has("Model Family") || header.slice(1).every((h) => EMERGENT_COLUMN.test(h)))
  ) {
    return "obsscaling-csv";
  }
  if (has("benchmark") && has("metric") && has("name") && header.length === 3)
    return "safetywashing-info-csv";
  if (has("model") && (has("model_size") || has("wmdp")) && header.length > 10) return "safetywashing-csv";
  const metadata = [
    "release_date",
    "params_b",
    "active_params_b",
    "training_tokens",
    "training_flop",
    "family",
    "developer",
  ];
  if (lower.has("model") && metadata.some((c) => lower.has(c))) return "model-metadata-csv";
  return null;
}
