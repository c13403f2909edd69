import os from "node:os";
import path from "node:path";
import { createHash } from "node:crypto";
import { createReadStream, openSync, readSync, closeSync, readFileSync, statSync } from "node:fs";
import { parseArgs } from "node:util";
import { detectFormat, FORMAT_IDS, isIngestError } from "@/lib/ingest";
import { streamGenericCsvInWorker } from "@/lib/ingest/stream-generic-csv-worker";
import type { FormatId } from "@/lib/ingest";
import { DomainError } from "@/lib/errors";
import { getDb } from "@/db";
import { addAlias, importFile, importGenericCsvStream, rollbackBatch } from "@/db/ingest";
import type { BatchReport } from "@/db/ingest";
import { listBatches, listModels, listScores, getModel } from "@/db/queries";
import { seedDemo } from "@/db/seed";
import type { CliIo, CommandHandler } from "../types";
import { UsageError } from "../types";
import { table } from "../format";
// The same snake_case shapes the REST API returns, so scripts can switch between the two.
import { toBatch, toModel, toScore } from "@/app/api/v1/_lib/to-api";

/** Until accounts exist, the CLI records the OS user; `--as` names someone else. */
export function cliActor(as?: string): string {
  return as ?? `cli:${os.userInfo().username}`;
}

/** Files above this are streamed (generic CSV) rather than read whole. */
const STREAM_ABOVE = 8 * 1024 * 1024;

function head(file: string, bytes = 64 * 1024): Uint8Array {
  const fd = openSync(file, "r");
  try {
    const buf = Buffer.alloc(bytes);
    const n = readSync(fd, buf, 0, bytes, 0);
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

function progressBar(io: CliIo, label: string, total: number) {
  let last = 0;
  return {
    update(done: number) {
      if (!io.isTTY) return;
      const now = Date.now();
      if (now - last < 100 && done < total) return;
      last = now;
      const frac = total > 0 ? Math.min(1, done / total) : 0;
      const width = 30;
      const filled = Math.round(frac * width);
      io.stderr(
        `\r${label} [${"#".repeat(filled)}${"-".repeat(width - filled)}] ${(frac * 100).toFixed(0)}%`,
      );
    },
    done() {
      if (io.isTTY) io.stderr("\n");
    },
  };
}

function failedReport(file: string, format: FormatId | "unknown", message: string): BatchReport {
  return {
    file,
    format,
    status: "rejected",
    batch_id: null,
    sha256: "",
    inserted: 0,
    duplicates: 0,
    rejected: [{ row: 0, message }],
    models_created: [],
    models_updated: [],
    metrics_created: [],
    possible_duplicates: [],
    notes: [],
  };
}

const ingest: CommandHandler = async (argv, io) => {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      format: { type: "string" },
      partial: { type: "boolean" },
      "accept-new-models": { type: "boolean" },
      "benchmarks-info": { type: "string" },
      json: { type: "boolean" },
      as: { type: "string" },
    },
  });
  if (positionals.length === 0)
    throw new UsageError("ingest <files...> [--format <f>] [--partial] [--accept-new-models] [--json]");
  if (values.format && !(FORMAT_IDS as readonly string[]).includes(values.format)) {
    throw new UsageError(`--format must be one of ${FORMAT_IDS.join(", ")}`);
  }
  const db = getDb();
  const actor = cliActor(values.as);
  const opts = {
    actor,
    partial: values.partial ?? false,
    acceptNewModels: values["accept-new-models"] ?? false,
  };
  const reports: BatchReport[] = [];
  for (const file of positionals) {
    const abs = path.resolve(io.cwd, file);
    let size: number;
    try {
      size = statSync(abs).size;
    } catch {
      reports.push(failedReport(file, "unknown", "no such file"));
      continue;
    }
    let format: FormatId | null = null;
    try {
      format = (values.format as FormatId | undefined) ?? detectFormat(file, head(abs));
      if (format === "generic-csv" && size > STREAM_ABOVE) {
        const bar = progressBar(io, path.basename(file), size);
        const hash = createHash("sha256");
        let read = 0;
        const stream = createReadStream(abs, { highWaterMark: 1 << 20 });
        stream.on("data", (chunk) => {
          hash.update(chunk);
          read += chunk.length;
          bar.update(read);
        });
        const report = await importGenericCsvStream(
          db,
          { name: file, chunks: stream, sha256: () => hash.digest("hex") },
          { ...opts, parser: streamGenericCsvInWorker },
        );
        bar.done();
        reports.push(report);
      } else {
        const bytes = readFileSync(abs);
        const info = values["benchmarks-info"]
          ? readFileSync(path.resolve(io.cwd, values["benchmarks-info"]))
          : undefined;
        reports.push(
          importFile(
            db,
            { name: file, bytes },
            { ...opts, ...(format ? { format } : {}), ...(info ? { benchmarksInfo: info } : {}) },
          ),
        );
      }
    } catch (e) {
      if (isIngestError(e)) reports.push(failedReport(file, format ?? "unknown", `${e.code}: ${e.message}`));
      else throw e;
    }
  }
  if (values.json) {
    io.stdout(JSON.stringify({ batches: reports }, null, 2) + "\n");
  } else {
    for (const r of reports) {
      io.stdout(
        `${r.file}: ${r.status}${r.batch_id ? ` as batch ${r.batch_id}` : ""} (${r.format}) — ${r.inserted} inserted, ${r.duplicates} duplicates, ${r.rejected.length} rejected\n`,
      );
      for (const e of r.rejected.slice(0, 50))
        io.stdout(`  ${r.file}: row ${e.row}${e.field ? ` ${e.field}` : ""}: ${e.message}\n`);
      if (r.rejected.length > 50) io.stdout(`  … ${r.rejected.length - 50} more (use --json for all)\n`);
      for (const n of r.notes.slice(0, 10)) io.stdout(`  note: ${n}\n`);
    }
  }
  return reports.some((r) => r.status === "rejected") ? 1 : 0;
};

const modelsList: CommandHandler = async (argv, io) => {
  const { values } = parseArgs({ args: argv, options: { json: { type: "boolean" } } });
  const models = listModels(getDb());
  if (values.json) io.stdout(JSON.stringify({ models: models.map(toModel) }, null, 2) + "\n");
  else
    io.stdout(
      table(
        ["id", "name", "developer", "release", "training FLOP"],
        models.map((m) => [
          m.id,
          m.name,
          m.developer ?? "",
          m.releaseDate ?? "",
          m.trainingFlop?.toExponential(2) ?? "",
        ]),
      ),
    );
  return 0;
};

const modelsAlias: CommandHandler = async (argv, io) => {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { as: { type: "string" } },
  });
  if (positionals.length !== 2) throw new UsageError('models alias "<raw name>" <model-id>');
  addAlias(getDb(), positionals[0]!, positionals[1]!, cliActor(values.as));
  io.stdout(`"${positionals[0]}" now maps to ${positionals[1]}\n`);
  return 0;
};

const scoresList: CommandHandler = async (argv, io) => {
  const { values } = parseArgs({
    args: argv,
    options: { model: { type: "string" }, json: { type: "boolean" } },
  });
  if (!values.model) throw new UsageError("scores list --model <id> [--json]");
  const db = getDb();
  if (!getModel(db, values.model)) throw new DomainError("NOT_FOUND", `no model "${values.model}"`);
  const scores = listScores(db, values.model);
  if (values.json) io.stdout(JSON.stringify({ scores: scores.map(toScore) }, null, 2) + "\n");
  else
    io.stdout(
      table(
        ["metric", "value", "stderr", "mitigation", "elicitation", "evaluated", "source"],
        scores.map((s) => [
          s.metricId,
          String(s.value),
          s.stderr === null ? "" : String(s.stderr),
          s.mitigation,
          s.elicitation ?? "",
          s.evaluatedAt ?? "",
          `${s.sourceFile ?? s.batchFile}${s.sourceRow ? `:${s.sourceRow}` : ""}`,
        ]),
      ),
    );
  return 0;
};

const batchesList: CommandHandler = async (argv, io) => {
  const { values } = parseArgs({ args: argv, options: { json: { type: "boolean" } } });
  const batches = listBatches(getDb());
  if (values.json) io.stdout(JSON.stringify({ batches: batches.map(toBatch) }, null, 2) + "\n");
  else
    io.stdout(
      table(
        ["id", "file", "format", "inserted", "dups", "rejected", "status", "by", "at"],
        batches.map((b) => [
          String(b.id),
          b.fileName,
          b.format,
          String(b.inserted),
          String(b.duplicates),
          String(b.rejectedCount),
          b.status,
          b.createdBy,
          b.createdAt,
        ]),
      ),
    );
  return 0;
};

const batchesRollback: CommandHandler = async (argv, io) => {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { as: { type: "string" }, json: { type: "boolean" } },
  });
  const id = Number(positionals[0]);
  if (positionals.length !== 1 || !Number.isInteger(id)) throw new UsageError("batches rollback <id>");
  const r = rollbackBatch(getDb(), id, cliActor(values.as));
  io.stdout(
    values.json ? JSON.stringify(r) + "\n" : `batch ${r.batch_id} rolled back: ${r.removed} scores removed\n`,
  );
  return 0;
};

const dbSeed: CommandHandler = async (_argv, io) => {
  const r = seedDemo(getDb());
  io.stdout(
    r.seeded
      ? `seeded ${r.batches.reduce((n, b) => n + b.inserted, 0)} scores from ${r.batches.length} files and ${r.determinations} determinations\n`
      : `database already holds models: demo data not imported${r.policies_published.length ? `; published ${r.policies_published.join(", ")}` : ""}\n`,
  );
  for (const s of r.policies_skipped) io.stderr(`shipped ${s.file} not published: ${s.reason}\n`);
  return 0;
};

const dbMigrate: CommandHandler = async (_argv, io) => {
  getDb();
  io.stdout("database migrated\n");
  return 0;
};

export const dataCommands = {
  ingest,
  models: { list: modelsList, alias: modelsAlias },
  scores: { list: scoresList },
  batches: { list: batchesList, rollback: batchesRollback },
  db: { seed: dbSeed, migrate: dbMigrate },
};
