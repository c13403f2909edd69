import { createHash } from "node:crypto";
import type { Statement } from "better-sqlite3";
import { and, eq } from "drizzle-orm";
import { findNearDuplicates, normaliseModelId, parseFile, streamGenericCsv } from "@/lib/ingest";
import type {
  FormatId,
  ParsedMetric,
  ParsedModel,
  ParsedScore,
  ParseFileOptions,
  RowError,
  ScoreBatch,
  StreamOptions,
  StreamSummary,
} from "@/lib/ingest";
import { indexOrder, MITIGATION_OF_CODE, packScores } from "@/lib/ingest/score-columns";
import type { ScoreColumns } from "@/lib/ingest/score-columns";
import type { ColumnBatch } from "@/lib/ingest/stream-generic-csv-worker";
import { DomainError } from "@/lib/errors";
import type { Db } from "./index";
import { recordAudit } from "./audit";
import { importBatches, metrics, modelAliases, models, scores } from "./schema";

export interface PossibleDuplicate {
  raw: string;
  similar_to: string;
  reason: string;
}

export interface BatchReport {
  file: string;
  /** "unknown" only in the report of a file no parser recognised */
  format: FormatId | "unknown";
  /** imported: a batch was recorded; unchanged: everything was already there; rejected: nothing was written */
  status: "imported" | "unchanged" | "rejected";
  batch_id: number | null;
  sha256: string;
  inserted: number;
  duplicates: number;
  rejected: RowError[];
  models_created: string[];
  models_updated: string[];
  metrics_created: string[];
  possible_duplicates: PossibleDuplicate[];
  notes: string[];
}

export interface ImportOptions {
  actor: string;
  /** import the good rows and record the rejected ones, instead of rejecting the file whole */
  partial?: boolean;
  /** create models whose names nearly match an existing model instead of refusing their rows */
  acceptNewModels?: boolean;
  /** label the batch (and the models it creates) as synthetic, never real data */
  synthetic?: boolean;
  /** raw model name → existing model id, for names known to differ between sources */
  aliases?: Record<string, string>;
  /** raw names known to be models of their own although they look like an existing one */
  newModels?: ReadonlySet<string>;
}

/**
 * The columns of an inserted score and the value each takes: one positional parameter per row,
 * except what is the same for the whole batch, bound once per statement by name: the batch id, and
 * the file, which a row names only when it differs from the batch's (converting the same long
 * string to UTF-8 for every row costs the inserting thread more than the rest of the row).
 */
const SCORE_COLUMNS: [column: string, value: string][] = [
  ["model_id", "?"],
  ["metric_id", "?"],
  ["value", "?"],
  ["stderr", "?"],
  ["n", "?"],
  ["ci_low", "?"],
  ["ci_high", "?"],
  ["mitigation", "?"],
  ["elicitation", "?"],
  ["evaluated_at", "?"],
  ["source_file", "ifnull(?, @file)"],
  ["source_row", "?"],
  ["source_url", "?"],
  ["source_note", "?"],
  ["batch_id", "@batch"],
];
const SCORE_PARAMS = SCORE_COLUMNS.filter(([, v]) => v.includes("?")).length;
/** Rows per multi-row INSERT: enough to amortise the call, few enough to stay a small statement. */
const ROWS_PER_INSERT = 32;

/**
 * A score already stored (same scores_identity) is skipped, not an error: that is what makes
 * re-imports idempotent. OR IGNORE rather than ON CONFLICT DO NOTHING: a multi-row statement that
 * could still abort half-way (on a NOT NULL column) makes SQLite copy every page it touches to a
 * statement journal first, ~10% of the inserting thread. Nothing is ignored but duplicates: every
 * NOT NULL column (model, metric, value, mitigation, batch) is always set by addScoreColumns.
 */
function insertScoresSql(rows: number): string {
  const one = `(${SCORE_COLUMNS.map(([, v]) => v).join(", ")})`;
  return `INSERT OR IGNORE INTO scores (${SCORE_COLUMNS.map(([c]) => c).join(", ")})
    VALUES ${Array.from({ length: rows }, () => one).join(", ")}`;
}

const UNIT_RANGE: Record<string, [number, number] | undefined> = {
  fraction: [0, 1],
  percent: [0, 100],
  minutes: [0, Number.POSITIVE_INFINITY],
};

const METADATA_FIELDS = [
  "release_date",
  "params_b",
  "active_params_b",
  "training_tokens",
  "training_flop",
  "family",
  "developer",
] as const;
const COLUMN: Record<(typeof METADATA_FIELDS)[number], keyof typeof models.$inferInsert> = {
  release_date: "releaseDate",
  params_b: "paramsB",
  active_params_b: "activeParamsB",
  training_tokens: "trainingTokens",
  training_flop: "trainingFlop",
  family: "family",
  developer: "developer",
};

/**
 * The parser orders a batch by raw model name, which keeps the file's order within each stored model
 * unless two raw names in the batch resolved to the same model: then the batch is sorted again, by
 * the model ids themselves.
 */
function reorderIfAliased(c: ScoreColumns, modelIds: (string | null)[]): void {
  const rawOf = new Map<string, number>();
  let aliased = false;
  for (let i = 0; i < c.length && !aliased; i++) {
    const id = modelIds[i];
    if (id === null || id === undefined) continue;
    const seen = rawOf.get(id);
    if (seen === undefined) rawOf.set(id, c.model[i]!);
    else aliased = seen !== c.model[i];
  }
  if (!aliased) return;
  const idOfString = new Map<number, string>();
  modelIds.forEach((id, i) => {
    if (id !== null) idOfString.set(c.model[i]!, id);
  });
  c.order = indexOrder(c, (s) => idOfString.get(s) ?? "");
}

/** Thrown inside the transaction to roll it back; carries the report of the rejected file. */
class Rejected extends Error {
  constructor(readonly report: BatchReport) {
    super("rejected");
  }
}

/**
 * One import: resolves models and metrics, validates values against their units, inserts scores
 * idempotently and records the batch and its audit entry. Meant to run inside one transaction.
 */
class ImportSession {
  readonly report: BatchReport;
  private readonly modelCache = new Map<string, string | null>();
  private readonly refused = new Map<string, { field: string; message: string }>();
  private readonly refusedRows = new Set<string>();
  private knownIds: string[] | null = null;
  private readonly metricUnits = new Map<string, string>();
  private readonly insertOne: Statement;
  private readonly insertMany: Statement;
  /** parameters of the rows waiting for a multi-row insert */
  private readonly pending: unknown[] = new Array<unknown>(ROWS_PER_INSERT * SCORE_PARAMS);
  private pendingRows = 0;
  private batchId: number | null = null;

  constructor(
    private readonly db: Db,
    private readonly opts: ImportOptions,
    file: string,
    format: FormatId,
    sha256: string,
  ) {
    this.report = {
      file,
      format,
      status: "imported",
      batch_id: null,
      sha256,
      inserted: 0,
      duplicates: 0,
      rejected: [],
      models_created: [],
      models_updated: [],
      metrics_created: [],
      possible_duplicates: [],
      notes: [],
    };
    this.insertOne = db.$client.prepare(insertScoresSql(1));
    this.insertMany = db.$client.prepare(insertScoresSql(ROWS_PER_INSERT));
    for (const m of db.select({ id: metrics.id, unit: metrics.unit }).from(metrics).all())
      this.metricUnits.set(m.id, m.unit);
  }

  /** The batch row is written first so scores can reference it; its counts are filled in at the end. */
  private ensureBatch(): number {
    if (this.batchId === null) {
      const row = this.db
        .insert(importBatches)
        .values({
          fileName: this.report.file,
          sha256: this.report.sha256,
          format: this.report.format,
          inserted: 0,
          duplicates: 0,
          rejectedCount: 0,
          createdBy: this.opts.actor,
          synthetic: this.opts.synthetic ?? false,
        })
        .returning({ id: importBatches.id })
        .get();
      this.batchId = row.id;
    }
    return this.batchId;
  }

  addMetrics(list: ParsedMetric[]): void {
    for (const m of list) {
      const existing = this.db.select().from(metrics).where(eq(metrics.id, m.id)).get();
      if (!existing) {
        this.db
          .insert(metrics)
          .values({
            id: m.id,
            title: m.title ?? null,
            description: m.description ?? null,
            domain: m.domain ?? null,
            unit: m.unit,
            originalUnit: m.original_unit ?? null,
            normalisation: m.normalisation ?? null,
            higherIsRiskier: m.higher_is_riskier ?? null,
            continuity: m.continuity ?? null,
            chance: m.chance ?? null,
            ceiling: m.ceiling ?? null,
            suiteVersion: m.suite_version ?? null,
            source: this.report.file,
          })
          .run();
        this.metricUnits.set(m.id, m.unit);
        this.report.metrics_created.push(m.id);
      } else {
        // Fill what the registry does not know yet; never overwrite a recorded fact silently.
        const patch: Partial<typeof metrics.$inferInsert> = {};
        if (existing.higherIsRiskier === null && m.higher_is_riskier !== undefined)
          patch.higherIsRiskier = m.higher_is_riskier;
        if (existing.continuity === null && m.continuity) patch.continuity = m.continuity;
        if (existing.chance === null && m.chance !== undefined) patch.chance = m.chance;
        if (existing.ceiling === null && m.ceiling !== undefined) patch.ceiling = m.ceiling;
        if (existing.title === null && m.title) patch.title = m.title;
        if (existing.domain === null && m.domain) patch.domain = m.domain;
        if (Object.keys(patch).length > 0)
          this.db.update(metrics).set(patch).where(eq(metrics.id, m.id)).run();
        if (existing.unit !== m.unit) {
          this.report.notes.push(
            `metric ${m.id}: this file says unit ${m.unit}, the registry has ${existing.unit}; values are checked against ${existing.unit}`,
          );
        }
      }
    }
  }

  /** Raw name → model id; null when the row must be refused (a near duplicate of an existing model). */
  resolveModel(raw: string, row: number): string | null {
    const cached = this.modelCache.get(raw);
    if (cached === null) return this.refuse(raw, row);
    if (cached !== undefined) return cached;
    const explicit = this.opts.aliases?.[raw];
    const slug = explicit ?? normaliseModelId(raw);
    let id: string | null = null;
    const alias = this.db
      .select({ modelId: modelAliases.modelId })
      .from(modelAliases)
      .where(eq(modelAliases.alias, slug))
      .get();
    if (alias) id = alias.modelId;
    else if (this.db.select({ id: models.id }).from(models).where(eq(models.id, slug)).get()) id = slug;
    if (id === null) {
      this.knownIds ??= this.db
        .select({ id: models.id })
        .from(models)
        .all()
        .map((m) => m.id);
      const near =
        explicit || this.opts.acceptNewModels || this.opts.newModels?.has(raw)
          ? []
          : findNearDuplicates(raw, this.knownIds);
      if (near.length > 0 && !this.opts.acceptNewModels) {
        const best = near[0]!;
        this.report.possible_duplicates.push({ raw, similar_to: best.id, reason: best.reason });
        this.refused.set(raw, {
          field: "model",
          message: `"${raw}" is not a known model but looks like "${best.id}" (${best.reason}); map it with \`models alias "${raw}" ${best.id}\`, or re-import with --accept-new-models`,
        });
        return this.refuse(raw, row);
      }
      if (slug === "") {
        this.refused.set(raw, { field: "model", message: `model name "${raw}" has no letters or digits` });
        return this.refuse(raw, row);
      }
      this.db
        .insert(models)
        .values({ id: slug, name: raw.trim(), synthetic: this.opts.synthetic ?? false })
        .run();
      this.knownIds.push(slug);
      this.report.models_created.push(slug);
      id = slug;
    }
    const norm = normaliseModelId(raw);
    if (norm !== "" && norm !== id) {
      this.db
        .insert(modelAliases)
        .values({ alias: norm, modelId: id, raw, source: this.report.file })
        .onConflictDoNothing()
        .run();
    }
    this.modelCache.set(raw, id);
    return id;
  }

  /** Rejects a row naming a refused raw name: every such row is reported (each once), not only the first. */
  private refuse(raw: string, row: number): null {
    const why = this.refused.get(raw);
    const key = `${row}\u0000${raw}`;
    if (why && !this.refusedRows.has(key)) {
      this.refusedRows.add(key);
      this.report.rejected.push({ row, ...why });
    }
    this.modelCache.set(raw, null);
    return null;
  }

  addModels(list: ParsedModel[]): void {
    for (const pm of list) {
      const id = this.resolveModel(pm.name, pm.source.row ?? 0);
      if (id === null) continue;
      const existing = this.db.select().from(models).where(eq(models.id, id)).get();
      if (!existing) continue;
      const patch: Partial<typeof models.$inferInsert> = {};
      const sources = { ...existing.metadataSources };
      const where = `${pm.source.file ?? this.report.file}${pm.source.row ? `:${pm.source.row}` : ""}`;
      for (const f of METADATA_FIELDS) {
        const incoming = pm[f];
        if (incoming === undefined || incoming === null) continue;
        const col = COLUMN[f];
        const current = existing[col as keyof typeof existing];
        if (current === null || current === undefined) {
          (patch as Record<string, unknown>)[col] = incoming;
          sources[f] = where;
        } else if (
          current !== incoming &&
          !(
            typeof current === "number" &&
            typeof incoming === "number" &&
            Math.abs(current - incoming) <= 1e-9 * Math.abs(current)
          )
        ) {
          this.report.notes.push(
            `${id}: ${f} is ${String(current)} (from ${sources[f] ?? "an earlier import"}); ${where} says ${String(incoming)}: kept the recorded value`,
          );
        }
      }
      if (pm.display_name && existing.name === existing.id) patch.name = pm.display_name;
      if (Object.keys(patch).length > 0) {
        this.db
          .update(models)
          .set({ ...patch, metadataSources: sources })
          .where(eq(models.id, id))
          .run();
        if (!this.report.models_updated.includes(id) && !this.report.models_created.includes(id))
          this.report.models_updated.push(id);
      }
    }
  }

  addScores(list: ParsedScore[]): void {
    this.addScoreColumns(packScores(list));
  }

  /**
   * Scores in, duplicates of stored ones skipped by the scores_identity index. First every row is
   * checked in the file's order (so rejections, refusals and created models and metrics come out as
   * they would row by row); then the accepted rows are inserted in `c.order` when given, which keeps
   * the file's order within each model and metric. Rows go in ROWS_PER_INSERT at a time (one
   * statement, far fewer calls into SQLite); every model, metric and the batch row a score names is
   * written before the insert that holds the score.
   */
  addScoreColumns(c: ScoreColumns): void {
    const strings = c.strings;
    const modelIds: (string | null)[] = new Array<string | null>(c.length).fill(null);
    let accepted = 0;
    for (let i = 0; i < c.length; i++) {
      const row = c.row[i]!;
      const metric = strings[c.metric[i]!]!;
      const value = c.value[i]!;
      // Check the value first: a rejected row must not create its model or metric as a side effect.
      const known = this.metricUnits.get(metric);
      const range = known === undefined ? undefined : UNIT_RANGE[known];
      if (range && (value < range[0] || value > range[1])) {
        this.report.rejected.push({
          row,
          field: "value",
          message: `${value} is outside the ${known} range [${range[0]}, ${range[1]}] of metric ${metric}`,
        });
        continue;
      }
      const modelId = this.resolveModel(strings[c.model[i]!]!, row);
      if (modelId === null) continue;
      if (known === undefined) {
        // A metric nobody has described yet: kept, with its unit and direction unknown until one is given.
        this.db
          .insert(metrics)
          .values({
            id: metric,
            unit: "score",
            source: this.report.file,
            description: "created by an import; unit and direction not stated",
          })
          .run();
        this.metricUnits.set(metric, "score");
        this.report.metrics_created.push(metric);
      }
      modelIds[i] = modelId;
      accepted++;
    }
    if (accepted === 0) return;
    // The batch row is written with the first score that is not refused.
    this.ensureBatch();
    if (c.order) reorderIfAliased(c, modelIds);
    const order = c.order ?? null;
    const str = (i: number): string | null => (i < 0 ? null : strings[i]!);
    const num = (x: number): number | null => (Number.isNaN(x) ? null : x);
    const pending = this.pending;
    for (let k = 0; k < c.length; k++) {
      const i = order ? order[k]! : k;
      const modelId = modelIds[i];
      if (modelId === null || modelId === undefined) continue;
      const row = c.row[i]!;
      let at = this.pendingRows * SCORE_PARAMS;
      pending[at++] = modelId;
      pending[at++] = strings[c.metric[i]!]!;
      pending[at++] = c.value[i]!;
      pending[at++] = num(c.stderr[i]!);
      pending[at++] = num(c.n[i]!);
      pending[at++] = num(c.ciLow[i]!);
      pending[at++] = num(c.ciHigh[i]!);
      pending[at++] = MITIGATION_OF_CODE[c.mitigation[i]!] ?? "pre";
      pending[at++] = str(c.elicitation[i]!);
      pending[at++] = str(c.evaluatedAt[i]!);
      const file = str(c.file[i]!);
      pending[at++] = file === this.report.file ? null : file;
      pending[at++] = row === 0 ? null : row;
      pending[at++] = str(c.url[i]!);
      pending[at] = str(c.note[i]!);
      if (++this.pendingRows === ROWS_PER_INSERT) this.flushScores();
    }
    this.flushScores();
  }

  /** Inserts the waiting rows; a row already stored (same identity) is counted as a duplicate. */
  private flushScores(): void {
    const rows = this.pendingRows;
    if (rows === 0) return;
    this.pendingRows = 0;
    let inserted = 0;
    const batch = { file: this.report.file, batch: this.batchId };
    // Spread, not an array: better-sqlite3 reads arguments faster than array elements (~1 µs a row).
    if (rows === ROWS_PER_INSERT) inserted = this.insertMany.run(batch, ...this.pending).changes;
    else {
      for (let r = 0; r < rows; r++) {
        const at = r * SCORE_PARAMS;
        inserted += this.insertOne.run(batch, ...this.pending.slice(at, at + SCORE_PARAMS)).changes;
      }
    }
    this.report.inserted += inserted;
    this.report.duplicates += rows - inserted;
  }

  private activeBatchOfSameFile(): boolean {
    return (
      this.db
        .select({ id: importBatches.id })
        .from(importBatches)
        .where(and(eq(importBatches.sha256, this.report.sha256), eq(importBatches.status, "active")))
        .get() !== undefined
    );
  }

  addErrors(errors: RowError[]): void {
    this.report.rejected.push(...errors);
  }

  /** Ends the session: rejects (rolls back) or records the batch and its audit entry. */
  finish(): BatchReport {
    const r = this.report;
    r.rejected.sort((a, b) => a.row - b.row);
    if (r.rejected.length > 0 && !this.opts.partial) {
      throw new Rejected({
        ...r,
        status: "rejected",
        batch_id: null,
        inserted: 0,
        duplicates: 0,
        models_created: [],
        models_updated: [],
        metrics_created: [],
      });
    }
    const changed = r.inserted + r.models_created.length + r.models_updated.length + r.metrics_created.length;
    // A --partial file's rejected rows are recorded once: the same bytes again, with nothing new, are
    // unchanged rather than a second batch of the same rejections.
    if (changed === 0 && (r.rejected.length === 0 || this.activeBatchOfSameFile())) {
      // Nothing new: re-importing the same rows leaves no trace but the report.
      if (this.batchId !== null) throw new Rejected({ ...r, status: "unchanged", batch_id: null });
      return { ...r, status: "unchanged" };
    }
    const id = this.ensureBatch();
    this.db
      .update(importBatches)
      .set({
        inserted: r.inserted,
        duplicates: r.duplicates,
        rejectedCount: r.rejected.length,
        rejected: r.rejected,
      })
      .where(eq(importBatches.id, id))
      .run();
    recordAudit(this.db, {
      actor: this.opts.actor,
      action: "import",
      subject: `batch:${id}`,
      payload: {
        file: r.file,
        sha256: r.sha256,
        format: r.format,
        inserted: r.inserted,
        duplicates: r.duplicates,
        rejected: r.rejected.length,
        models_created: r.models_created,
        metrics_created: r.metrics_created,
        synthetic: this.opts.synthetic ?? false,
      },
    });
    return { ...r, status: "imported", batch_id: id };
  }
}

export function sha256(bytes: Uint8Array | string): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/**
 * Imports one file as one batch in one transaction. With any bad row the file is rejected whole and
 * the database is left exactly as it was, unless `partial` is set.
 */
export function importFile(
  db: Db,
  file: { name: string; bytes: Uint8Array },
  opts: ImportOptions & Pick<ParseFileOptions, "format" | "benchmarksInfo" | "limits">,
): BatchReport {
  const parsed = parseFile(file.name, file.bytes, {
    ...(opts.format ? { format: opts.format } : {}),
    ...(opts.benchmarksInfo !== undefined ? { benchmarksInfo: opts.benchmarksInfo } : {}),
    ...(opts.limits ? { limits: opts.limits } : {}),
  });
  const hash = sha256(file.bytes);
  try {
    return db.$client
      .transaction(() => {
        const session = new ImportSession(db, opts, file.name, parsed.format, hash);
        session.addErrors(parsed.errors);
        session.addMetrics(parsed.metrics);
        session.addModels(parsed.models);
        session.addScores(parsed.scores);
        if (parsed.notes) session.report.notes.push(...parsed.notes);
        return session.finish();
      })
      .immediate();
  } catch (e) {
    if (e instanceof Rejected) return e.report;
    throw e;
  }
}

/** Where a streamed import's batches come from: `streamGenericCsv`, or `streamGenericCsvInWorker`. */
export type GenericCsvParser = (
  input: AsyncIterable<Uint8Array | string>,
  opts: StreamOptions,
) => AsyncGenerator<ScoreBatch | ColumnBatch, StreamSummary, undefined>;

/**
 * Streams a large generic CSV into one batch: the file is never held whole. The transaction stays open
 * across reads, so this is for a process that owns its connection (the CLI), not for the web server.
 * A process killed mid-import leaves no partial batch: SQLite discards the uncommitted transaction.
 * `parser` defaults to parsing on this thread; the CLI passes `streamGenericCsvInWorker` so that
 * parsing overlaps inserting.
 */
export async function importGenericCsvStream(
  db: Db,
  file: { name: string; chunks: AsyncIterable<Uint8Array | string>; sha256: () => string },
  opts: ImportOptions & { onProgress?: (rows: number) => void; parser?: GenericCsvParser },
): Promise<BatchReport> {
  const client = db.$client;
  if (client.inTransaction)
    throw new DomainError("CONFLICT", "another transaction is open on this connection");
  // A bulk import owns this connection: the session itself resolves every model, metric and batch id
  // before it inserts, so per-row foreign-key lookups only repeat that work; a larger page cache holds
  // more of the scores_identity index. Both are restored whatever happens.
  const cacheSize = client.pragma("cache_size", { simple: true }) as number;
  client.pragma("foreign_keys = OFF");
  client.pragma("cache_size = -65536");
  client.exec("BEGIN IMMEDIATE");
  const gen = (opts.parser ?? streamGenericCsv)(file.chunks, { fileName: file.name });
  try {
    const session = new ImportSession(db, opts, file.name, "generic-csv", "");
    for (;;) {
      const next = await gen.next();
      if (next.done) break;
      const batch = next.value;
      session.addErrors(batch.errors);
      if (batch.errors.length === 0 || opts.partial) {
        if ("columns" in batch) session.addScoreColumns(batch.columns);
        else session.addScores(batch.scores);
      }
      opts.onProgress?.(batch.rowsRead);
    }
    session.report.sha256 = file.sha256();
    if (session.report.rejected.length > 0 && !opts.partial)
      throw new Rejected({
        ...session.report,
        status: "rejected",
        batch_id: null,
        inserted: 0,
        duplicates: 0,
        models_created: [],
        models_updated: [],
        metrics_created: [],
      });
    const report = session.finish();
    if (report.batch_id !== null)
      db.update(importBatches)
        .set({ sha256: report.sha256 })
        .where(eq(importBatches.id, report.batch_id))
        .run();
    client.exec("COMMIT");
    return report;
  } catch (e) {
    if (client.inTransaction) client.exec("ROLLBACK");
    if (e instanceof Rejected) return e.report;
    throw e;
  } finally {
    await gen.return(undefined as never);
    client.pragma("foreign_keys = ON");
    client.pragma(`cache_size = ${cacheSize}`);
  }
}

/** Removes a batch's scores and marks it rolled back, with its audit entry, in one transaction. */
export function rollbackBatch(db: Db, id: number, actor: string): { batch_id: number; removed: number } {
  return db.$client
    .transaction(() => {
      const batch = db.select().from(importBatches).where(eq(importBatches.id, id)).get();
      if (!batch) throw new DomainError("NOT_FOUND", `no import batch ${id}`);
      if (batch.status === "rolled_back")
        throw new DomainError("CONFLICT", `batch ${id} was already rolled back on ${batch.rolledBackAt}`);
      const removed = db.delete(scores).where(eq(scores.batchId, id)).run().changes;
      const at = new Date().toISOString();
      db.update(importBatches)
        .set({ status: "rolled_back", rolledBackBy: actor, rolledBackAt: at })
        .where(eq(importBatches.id, id))
        .run();
      recordAudit(
        db,
        {
          actor,
          action: "rollback",
          subject: `batch:${id}`,
          payload: { batch_id: id, file: batch.fileName, removed },
        },
        at,
      );
      return { batch_id: id, removed };
    })
    .immediate();
}

/** Maps a raw name to an existing model, so later imports resolve it. */
export function addAlias(db: Db, raw: string, modelId: string, actor: string): void {
  db.$client
    .transaction(() => {
      if (!db.select({ id: models.id }).from(models).where(eq(models.id, modelId)).get())
        throw new DomainError("NOT_FOUND", `no model ${modelId}`);
      const alias = normaliseModelId(raw);
      const existing = db.select().from(modelAliases).where(eq(modelAliases.alias, alias)).get();
      if (existing && existing.modelId !== modelId)
        throw new DomainError("CONFLICT", `"${raw}" already maps to ${existing.modelId}`);
      db.insert(modelAliases)
        .values({ alias, modelId, raw, source: `alias by ${actor}` })
        .onConflictDoNothing()
        .run();
    })
    .immediate();
}
