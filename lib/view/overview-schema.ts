import { z } from "zod";
import type { Marker, Tone } from "./levels";
import { PlannedFlop } from "./projection-schema";

/**
 * The contract of the overview: the query string of `/` and of `GET /api/v1/overview`, and the view
 * model both answer with. Shared by the route handler, the server page and the react-query hook.
 */

export const OVERVIEW_SORTS = ["release-desc", "release-asc", "compute-desc", "compute-asc", "name"] as const;
export type OverviewSort = (typeof OVERVIEW_SORTS)[number];
export const SORT_LABEL: Record<OverviewSort, string> = {
  "release-desc": "Release date, newest first",
  "release-asc": "Release date, oldest first",
  "compute-desc": "Training compute, largest first",
  "compute-asc": "Training compute, smallest first",
  name: "Name",
};

/** `with`: only models with a score the policy reads or a determination; `all`: every model. */
export const EVIDENCE_SCOPES = ["with", "all"] as const;
export type EvidenceScope = (typeof EVIDENCE_SCOPES)[number];

export const OVERVIEW_PAGE_SIZE = 100;
export const MAX_PAGE = 100_000;
export const MAX_SEARCH = 100;

export const TONES = ["baseline", "elevated", "high", "top", "unknown"] as const satisfies readonly Tone[];
export const MARKER_KEYS = [
  "cannot_rule_out",
  "determined",
  "disagreement",
  "early_warning",
  "missing",
] as const satisfies readonly Marker[];

const Text = z.string().trim().min(1, "must not be empty").max(200, "is too long");

/** One schema per query parameter: the page parses them one by one, the API all at once (strict). */
export const OVERVIEW_FIELDS = {
  policy: Text.describe("a published policy id; default: the first published policy"),
  developer: Text.describe("a developer, case-insensitive (models listing several match each)"),
  family: Text.describe("a model family, case-insensitive"),
  level: Text.describe("a level id of the chosen policy: models at that overall (pre-mitigation) level"),
  q: z
    .string()
    .trim()
    .min(1, "must not be empty")
    .max(MAX_SEARCH, `must be at most ${MAX_SEARCH} characters`)
    .describe("case-insensitive substring of the model id or name"),
  sort: z.enum(OVERVIEW_SORTS).describe("default release-desc; missing dates and compute sort last"),
  page: z
    .string()
    .regex(/^[1-9]\d*$/, "must be a whole number from 1")
    .transform(Number)
    .refine((n) => n <= MAX_PAGE, `must be at most ${MAX_PAGE}`)
    .describe(`1-based page of ${OVERVIEW_PAGE_SIZE} models`),
  evidence: z
    .enum(EVIDENCE_SCOPES)
    .describe("with (default): only models with evidence under the policy; all: every model"),
  planned: PlannedFlop.describe(
    "training compute of the next planned run in FLOP, e.g. 1e27, for the forecast items of the attention list; default: the largest effective compute of any model × the policy's effective_compute_multiple (4 when it sets none)",
  ),
} as const;
export type OverviewField = keyof typeof OVERVIEW_FIELDS;

/** GET /api/v1/overview: strict, a misspelt parameter is a 400. */
export const OverviewQuery = z.object(OVERVIEW_FIELDS).partial().strict();
export type OverviewQuery = z.infer<typeof OverviewQuery>;

/** The query once parsed and resolved against the data: every value known, defaults filled in. */
export const OverviewParams = z.object({
  policy: z.string(),
  developer: z.string().optional(),
  family: z.string().optional(),
  level: z.string().optional(),
  q: z.string().optional(),
  sort: z.enum(OVERVIEW_SORTS),
  page: z.number().int().min(1),
  evidence: z.enum(EVIDENCE_SCOPES),
  /** the planned run's FLOP when the address sets it; absent: the policy's default run */
  planned: z.number().positive().optional(),
});
export type OverviewParams = z.infer<typeof OverviewParams>;

/** A parameter that was ignored or adjusted, said in words; the API answers 400 with these as issues. */
export const OverviewNote = z.object({ param: z.string(), message: z.string() });
export type OverviewNote = z.infer<typeof OverviewNote>;

// ---------------------------------------------------------------------------------------------
// The view model

export const LevelRef = z.object({ id: z.string(), title: z.string() });
export type LevelRef = z.infer<typeof LevelRef>;

export const CellView = z.object({
  level: z.string().nullable(),
  evidenced: z.string().nullable(),
  /** the evidenced level differs from the (fail-safe) level and is shown beside it */
  evidenced_differs: z.boolean(),
  tone: z.enum(TONES),
  markers: z.array(z.enum(MARKER_KEYS)),
  /** thresholds behind the markers */
  detail: z.array(z.string()),
  /** where the evidence is: the model page, at the domain's section */
  href: z.string(),
  /** the link's accessible name: column, row, level and every marker in words */
  label: z.string(),
});
export type CellView = z.infer<typeof CellView>;

export const ModelView = z.object({
  id: z.string(),
  name: z.string(),
  developer: z.string().nullable(),
  family: z.string().nullable(),
  release_date: z.string().nullable(),
  training_flop: z.number().nullable(),
  compute_label: z.string(),
  href: z.string(),
});
export type ModelView = z.infer<typeof ModelView>;

export const OverviewRow = z.object({
  model: ModelView,
  /** the chosen policy's domains, in the policy's order */
  cells: z.array(CellView),
  overall: CellView,
  /** the overall level under every published policy, in `policies` order */
  by_policy: z.array(CellView),
});
export type OverviewRow = z.infer<typeof OverviewRow>;

export const ATTENTION_KINDS = ["gate", "safeguard", "reassessment", "disagreement"] as const;
export type AttentionKind = (typeof ATTENTION_KINDS)[number];
export const AttentionItem = z.object({
  kind: z.enum(ATTENTION_KINDS),
  text: z.string(),
  /** the link's accessible name: the text with its model and kind */
  label: z.string(),
  tone: z.enum(TONES),
  href: z.string(),
});
export type AttentionItem = z.infer<typeof AttentionItem>;

export const AttentionEntry = z.object({
  model: z.object({ id: z.string(), name: z.string(), href: z.string() }),
  /** one group per kind, in ATTENTION_KINDS order (the table's columns); a group may be empty */
  groups: z.array(z.object({ kind: z.enum(ATTENTION_KINDS), items: z.array(AttentionItem) })),
  /** the strongest stopping gate (restrict 1 … delete_weights 5, 0 none): forecast rows sort among entries by it */
  severity: z.number().optional(),
});
export type AttentionEntry = z.infer<typeof AttentionEntry>;

/** The next planned run the forecast items are for (lib/view/projection-attention.ts nextPlannedRun). */
export const PlannedRunView = z.object({
  flop: z.number(),
  source: z.enum(["default", "override"]),
  base: z.object({ id: z.string(), flop: z.number() }).nullable(),
  multiple: z.number().nullable(),
  multiple_from: z.enum(["policy", "assumed"]).nullable(),
  /** how it was arrived at, in words */
  text: z.string(),
  /** the projections page for this policy and run */
  projections_href: z.string(),
});
export type PlannedRunView = z.infer<typeof PlannedRunView>;

export const ForecastItem = z.object({
  threshold: z.string(),
  /** the leaf the link points at */
  metric: z.string(),
  text: z.string(),
  label: z.string(),
  tone: z.enum(TONES),
  /** the projections page at that leaf's chart */
  href: z.string(),
  /** P(crossing) of the run; null when the fit is unreliable or none was computed */
  p: z.number().nullable(),
  reliable: z.boolean(),
  calibration: z.enum(["framework", "illustrative"]),
  /** warning codes of the triggering leaves: caveats for a reliable forecast, the reasons for an unreliable one */
  warnings: z.array(z.string()),
});
export type ForecastItem = z.infer<typeof ForecastItem>;

export const FORECAST_ROW_KINDS = ["forecast", "unreliable"] as const;
export const ForecastRow = z.object({
  kind: z.enum(FORECAST_ROW_KINDS),
  title: z.string(),
  severity: z.number(),
  items: z.array(ForecastItem),
});
export type ForecastRow = z.infer<typeof ForecastRow>;

/** Early warning in the RSP sense: what the next planned run is forecast to cross. */
export const OverviewForecast = z.object({
  planned: PlannedRunView.nullable(),
  /** why there is no planned run, or what the rows mean */
  note: z.string(),
  rows: z.array(ForecastRow),
});
export type OverviewForecast = z.infer<typeof OverviewForecast>;

export const PolicyLevel = LevelRef.extend({ tone: z.enum(TONES) });
export type PolicyLevel = z.infer<typeof PolicyLevel>;

export const PolicyView = z.object({
  id: z.string(),
  title: z.string(),
  version: z.string(),
  /** lowest first, each with the tone its badge takes */
  levels: z.array(PolicyLevel),
  domains: z.array(LevelRef),
});
export type PolicyView = z.infer<typeof PolicyView>;

export const OverviewResponse = z.object({
  as_of: z.string(),
  params: OverviewParams,
  policy: PolicyView,
  policies: z.array(PolicyView),
  options: z.object({ developers: z.array(z.string()), families: z.array(z.string()) }),
  counts: z.object({
    /** every model in the database */
    models: z.number().int(),
    /** models matching the filters, before the evidence scope */
    matching: z.number().int(),
    /** models listed in the matrices (all pages) */
    listed: z.number().int(),
  }),
  /** matching models with no evidence under the policy, left out while `evidence=with` */
  without_evidence: z.object({
    count: z.number().int(),
    hidden: z.boolean(),
    models: z.array(z.object({ id: z.string(), name: z.string(), href: z.string() })),
    show_all_href: z.string(),
  }),
  page: z.object({
    number: z.number().int(),
    pages: z.number().int(),
    size: z.number().int(),
    from: z.number().int(),
    to: z.number().int(),
    prev_href: z.string().nullable(),
    next_href: z.string().nullable(),
  }),
  rows: z.array(OverviewRow),
  attention: z.object({
    /** listed models with something to act on */
    count: z.number().int(),
    entries: z.array(AttentionEntry),
    /** forecast rows for the next planned run (added beside the models' entries) */
    forecast: OverviewForecast.optional(),
  }),
  /** parameters adjusted to the data (e.g. a page past the end) */
  notes: z.array(OverviewNote),
  clear_href: z.string(),
});
export type OverviewResponse = z.infer<typeof OverviewResponse>;
