import { sql } from "drizzle-orm";
import { index, integer, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import type { AnySQLiteColumn } from "drizzle-orm/sqlite-core";
// Relative, not "@/": drizzle-kit loads this file without the tsconfig paths.
import { ROLES } from "../lib/auth/roles";
import type { TokenScope } from "../lib/auth/roles";

/**
 * The domain model of DESIGN.md as SQLite tables. Timestamps are ISO-8601 text (UTC) so they sort and
 * compare as strings and survive a move to PostgreSQL unchanged.
 */

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;

export const models = sqliteTable("models", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  family: text("family"),
  developer: text("developer"),
  releaseDate: text("release_date"),
  paramsB: real("params_b"),
  activeParamsB: real("active_params_b"),
  trainingTokens: real("training_tokens"),
  trainingFlop: real("training_flop"),
  effectiveCompute: real("effective_compute"),
  /** where each metadata field came from: { field: source } */
  metadataSources: text("metadata_sources", { mode: "json" })
    .$type<Record<string, string>>()
    .notNull()
    .default({}),
  synthetic: integer("synthetic", { mode: "boolean" }).notNull().default(false),
  createdAt: text("created_at").notNull().default(now),
});

export const modelAliases = sqliteTable("model_aliases", {
  /** the normalised raw name as seen in an import */
  alias: text("alias").primaryKey(),
  modelId: text("model_id")
    .notNull()
    .references(() => models.id, { onDelete: "cascade" }),
  raw: text("raw").notNull(),
  source: text("source"),
});

export const metrics = sqliteTable("metrics", {
  id: text("id").primaryKey(),
  title: text("title"),
  description: text("description"),
  domain: text("domain"),
  unit: text("unit", { enum: ["fraction", "percent", "minutes", "score"] }).notNull(),
  originalUnit: text("original_unit"),
  normalisation: text("normalisation"),
  /** null when no source has said which way is riskier: never assumed */
  higherIsRiskier: integer("higher_is_riskier", { mode: "boolean" }),
  continuity: text("continuity", { enum: ["continuous", "discontinuous"] }),
  chance: real("chance"),
  ceiling: real("ceiling"),
  suiteVersion: text("suite_version"),
  source: text("source"),
});

export const importBatches = sqliteTable(
  "import_batches",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    fileName: text("file_name").notNull(),
    sha256: text("sha256").notNull(),
    format: text("format").notNull(),
    inserted: integer("inserted").notNull(),
    duplicates: integer("duplicates").notNull(),
    rejectedCount: integer("rejected_count").notNull(),
    /** the rejected rows of a --partial import: [{ row, field, message }] */
    rejected: text("rejected", { mode: "json" })
      .$type<{ row: number; field?: string; message: string }[]>()
      .notNull()
      .default([]),
    status: text("status", { enum: ["active", "rolled_back"] })
      .notNull()
      .default("active"),
    createdBy: text("created_by").notNull(),
    createdAt: text("created_at").notNull().default(now),
    rolledBackBy: text("rolled_back_by"),
    rolledBackAt: text("rolled_back_at"),
    synthetic: integer("synthetic", { mode: "boolean" }).notNull().default(false),
  },
  (t) => [index("import_batches_sha256").on(t.sha256)],
);

/**
 * A nullable column as an index expression in which a missing value is '' (SQLite treats NULLs in
 * a unique index as distinct). Written without commas: drizzle-kit splits index columns on them.
 */
const orEmpty = (c: AnySQLiteColumn) => sql`(CASE WHEN ${c} IS NULL THEN '' ELSE ${c} END)`;

export const scores = sqliteTable(
  "scores",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    modelId: text("model_id")
      .notNull()
      .references(() => models.id),
    metricId: text("metric_id")
      .notNull()
      .references(() => metrics.id),
    value: real("value").notNull(),
    stderr: real("stderr"),
    n: integer("n"),
    ciLow: real("ci_low"),
    ciHigh: real("ci_high"),
    mitigation: text("mitigation", { enum: ["pre", "post"] })
      .notNull()
      .default("pre"),
    elicitation: text("elicitation"),
    evaluatedAt: text("evaluated_at"),
    sourceFile: text("source_file"),
    sourceRow: integer("source_row"),
    sourceUrl: text("source_url"),
    sourceNote: text("source_note"),
    batchId: integer("batch_id")
      .notNull()
      .references(() => importBatches.id),
  },
  (t) => [
    /**
     * A score's identity (model, metric, value, mitigation, elicitation, evaluated_at, stderr, n):
     * re-importing the same row inserts nothing. A missing elicitation, date, stderr or n counts as
     * one value, not as distinct NULLs. Model first, so it also serves the per-model reads.
     * The API's content_hash is a digest of these same fields (lib/ingest/score-identity.ts).
     */
    uniqueIndex("scores_identity").on(
      t.modelId,
      t.metricId,
      t.value,
      t.mitigation,
      orEmpty(t.elicitation),
      orEmpty(t.evaluatedAt),
      orEmpty(t.stderr),
      orEmpty(t.n),
    ),
    index("scores_batch").on(t.batchId),
  ],
);

export const determinations = sqliteTable(
  "determinations",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    modelId: text("model_id")
      .notNull()
      .references(() => models.id),
    /** the policy the threshold belongs to; null for a lab statement mapped to no shipped policy */
    policyId: text("policy_id"),
    thresholdId: text("threshold_id").notNull(),
    outcome: text("outcome", { enum: ["reached", "not_reached", "cannot_rule_out"] }).notNull(),
    mitigation: text("mitigation", { enum: ["pre", "post"] }),
    by: text("by").notNull(),
    rationale: text("rationale").notNull(),
    quote: text("quote"),
    sourceTitle: text("source_title"),
    sourceUrl: text("source_url"),
    sourceKind: text("source_kind", { enum: ["primary", "secondary", "internal"] })
      .notNull()
      .default("internal"),
    evidence: text("evidence", { mode: "json" }).$type<string[]>().notNull().default([]),
    at: text("at").notNull(),
    createdBy: text("created_by").notNull(),
    createdAt: text("created_at").notNull().default(now),
  },
  (t) => [index("determinations_model").on(t.modelId, t.policyId)],
);

export const attestations = sqliteTable(
  "attestations",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    modelId: text("model_id")
      .notNull()
      .references(() => models.id),
    policyId: text("policy_id"),
    safeguardId: text("safeguard_id").notNull(),
    status: text("status", { enum: ["planned", "implemented", "verified"] }).notNull(),
    evidence: text("evidence"),
    by: text("by").notNull(),
    at: text("at").notNull(),
    expiresAt: text("expires_at"),
    createdBy: text("created_by").notNull(),
    createdAt: text("created_at").notNull().default(now),
  },
  (t) => [index("attestations_model").on(t.modelId)],
);

export const policyVersions = sqliteTable(
  "policy_versions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    policyId: text("policy_id").notNull(),
    version: text("version").notNull(),
    yaml: text("yaml").notNull(),
    sha256: text("sha256").notNull(),
    author: text("author").notNull(),
    status: text("status", { enum: ["draft", "published", "retired"] }).notNull(),
    createdAt: text("created_at").notNull().default(now),
    publishedAt: text("published_at"),
  },
  (t) => [
    index("policy_versions_policy").on(t.policyId, t.status),
    uniqueIndex("policy_versions_sha").on(t.policyId, t.sha256, t.status),
  ],
);

export const decisions = sqliteTable(
  "decisions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    modelId: text("model_id")
      .notNull()
      .references(() => models.id),
    policyVersionId: integer("policy_version_id")
      .notNull()
      .references(() => policyVersions.id),
    action: text("action").notNull(),
    asOf: text("as_of").notNull(),
    /** sha256 of the canonical evaluation input; the input itself is kept to replay the decision */
    inputHash: text("input_hash").notNull(),
    input: text("input").notNull(),
    resultHash: text("result_hash").notNull(),
    result: text("result").notNull(),
    outcome: text("outcome").notNull(),
    signoff: text("signoff", { enum: ["approve", "approve_with_conditions", "block"] }),
    rationale: text("rationale"),
    conditions: text("conditions"),
    decidedBy: text("decided_by").notNull(),
    createdAt: text("created_at").notNull().default(now),
  },
  (t) => [index("decisions_model").on(t.modelId)],
);

export const auditLog = sqliteTable("audit_log", {
  seq: integer("seq").primaryKey(),
  at: text("at").notNull(),
  actor: text("actor").notNull(),
  action: text("action").notNull(),
  subject: text("subject").notNull(),
  /** canonical JSON text: the hash covers exactly these bytes' parsed value */
  payload: text("payload").notNull(),
  prevHash: text("prev_hash").notNull(),
  hash: text("hash").notNull(),
});

// ---------------------------------------------------------------------------------------------
// Accounts. users/sessions/accounts/verifications/rate_limits are better-auth's tables: the property
// names are the library's field names (its drizzle adapter addresses columns by them), the SQL names
// follow this file. Date fields are ISO text like every other timestamp here; the adapter converts.

export const users = sqliteTable("users", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  email: text("email").notNull().unique(),
  emailVerified: integer("email_verified", { mode: "boolean" }).notNull().default(false),
  image: text("image"),
  role: text("role", { enum: ROLES }).notNull().default("viewer"),
  createdAt: text("created_at").notNull().default(now),
  updatedAt: text("updated_at").notNull().default(now),
});

export const sessions = sqliteTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    /** better-auth stores the random session token; the cookie carries it HMAC-signed */
    token: text("token").notNull().unique(),
    expiresAt: text("expires_at").notNull(),
    ipAddress: text("ip_address"),
    userAgent: text("user_agent"),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: text("created_at").notNull().default(now),
    updatedAt: text("updated_at").notNull().default(now),
  },
  (t) => [index("sessions_user").on(t.userId)],
);

export const accounts = sqliteTable(
  "accounts",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull(),
    /** "credential" for email + password */
    providerId: text("provider_id").notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    accessToken: text("access_token"),
    refreshToken: text("refresh_token"),
    idToken: text("id_token"),
    accessTokenExpiresAt: text("access_token_expires_at"),
    refreshTokenExpiresAt: text("refresh_token_expires_at"),
    scope: text("scope"),
    /** the library's scrypt hash (salt:key), never the password */
    password: text("password"),
    createdAt: text("created_at").notNull().default(now),
    updatedAt: text("updated_at").notNull().default(now),
  },
  (t) => [index("accounts_user").on(t.userId)],
);

export const verifications = sqliteTable(
  "verifications",
  {
    id: text("id").primaryKey(),
    identifier: text("identifier").notNull(),
    value: text("value").notNull(),
    expiresAt: text("expires_at").notNull(),
    createdAt: text("created_at").notNull().default(now),
    updatedAt: text("updated_at").notNull().default(now),
  },
  (t) => [index("verifications_identifier").on(t.identifier)],
);

/** Sign-in attempt counters per client IP and path (better-auth's database rate-limit storage). */
export const rateLimits = sqliteTable("rate_limits", {
  id: text("id").primaryKey(),
  key: text("key").notNull().unique(),
  count: integer("count").notNull(),
  /** epoch milliseconds, as the library compares it numerically */
  lastRequest: integer("last_request").notNull(),
});

/**
 * Failed sign-ins per account (ours, beside better-auth's per-IP limiter, which trusts X-Forwarded-For):
 * the count within a window that restarts at each failure.
 */
export const signInFailures = sqliteTable("sign_in_failures", {
  email: text("email").primaryKey(),
  count: integer("count").notNull(),
  lastFailureAt: text("last_failure_at").notNull(),
});

/** API tokens for scripts and pipelines. Only the sha256 of a token is kept; it is shown once. */
export const apiTokens = sqliteTable(
  "api_tokens",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** unique for ever (revoked too), so `token:<name>` in the audit log names one token */
    name: text("name").notNull(),
    role: text("role", { enum: ROLES }).notNull(),
    scopes: text("scopes", { mode: "json" }).$type<TokenScope[]>().notNull().default([]),
    tokenHash: text("token_hash").notNull(),
    /** `sg_` and the first 4 characters, to tell tokens apart in a list */
    hint: text("hint").notNull(),
    createdBy: text("created_by").notNull(),
    createdAt: text("created_at").notNull().default(now),
    expiresAt: text("expires_at"),
    revokedAt: text("revoked_at"),
    revokedBy: text("revoked_by"),
  },
  (t) => [uniqueIndex("api_tokens_hash").on(t.tokenHash), uniqueIndex("api_tokens_name").on(t.name)],
);

/**
 * The key that signs session cookies when BETTER_AUTH_SECRET is not set: generated on first use and
 * kept here, so a fresh install needs no configuration and restarts keep sessions valid.
 */
export const authSecret = sqliteTable("auth_secret", {
  id: integer("id").primaryKey(),
  secret: text("secret").notNull(),
  createdAt: text("created_at").notNull().default(now),
});
