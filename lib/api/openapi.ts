import { z } from "zod";
import { Predicate } from "@/lib/policy/schema";
import * as S from "./schemas";
import * as G from "./governance-schemas";
import * as D from "./policy-draft-schemas";
import { OverviewQuery, OverviewResponse } from "@/lib/view/overview-schema";
import { ProjectionsQuery, ProjectionsResponse } from "@/lib/view/projection-schema";
import { PolicyCompareQuery, PolicyComparison } from "./policy-compare";

/**
 * The OpenAPI 3.1 document of /api/v1, generated from the zod schemas of lib/api/schemas.ts so the
 * description cannot drift from what the handlers parse and send. Pure: no I/O.
 */

type JsonSchema = Record<string, unknown>;

export interface OpenApiDocument {
  openapi: "3.1.0";
  info: { title: string; version: string; description: string };
  jsonSchemaDialect: string;
  tags: { name: string; description: string }[];
  paths: Record<string, Partial<Record<Method, Operation>>>;
  /** every operation needs one of these unless it says `security: []` */
  security: Record<string, string[]>[];
  components: {
    schemas: Record<string, JsonSchema>;
    parameters: Record<string, Parameter>;
    responses: Record<string, ResponseObject>;
    securitySchemes: Record<string, Record<string, string>>;
  };
}

type Method = "get" | "post" | "put";

interface Parameter {
  name: string;
  in: "query" | "path" | "header";
  required: boolean;
  description?: string;
  schema: JsonSchema;
}

interface ResponseObject {
  description: string;
  content?: Record<string, { schema: JsonSchema }>;
}

interface Operation {
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  parameters?: (Parameter | { $ref: string })[];
  requestBody?: { required: boolean; description?: string; content: Record<string, { schema: JsonSchema }> };
  responses: Record<string, ResponseObject | { $ref: string }>;
  security?: Record<string, string[]>[];
}

const COMPONENT_PREFIX = "#/components/schemas/";
const ref = (id: string): JsonSchema => ({ $ref: `${COMPONENT_PREFIX}${id}` });

/** Response bodies, converted as the client reads them (io: output). */
const OUTPUT_COMPONENTS = {
  ErrorIssue: S.ErrorIssue,
  ErrorResponse: S.ErrorResponse,
  Model: S.Model,
  ModelAlias: S.ModelAlias,
  ModelsResponse: S.ModelsResponse,
  ModelResponse: S.ModelResponse,
  Score: S.Score,
  ScoresResponse: S.ScoresResponse,
  Evaluation: S.Evaluation,
  EvaluationsResponse: S.EvaluationsResponse,
  BatchReport: S.BatchReport,
  IngestResponse: S.IngestResponse,
  IngestRejectedResponse: S.IngestRejectedResponse,
  Batch: S.Batch,
  BatchesResponse: S.BatchesResponse,
  RollbackResponse: S.RollbackResponse,
  Determination: S.Determination,
  DeterminationsResponse: S.DeterminationsResponse,
  DeterminationResponse: S.DeterminationResponse,
  Attestation: S.Attestation,
  AttestationsResponse: S.AttestationsResponse,
  AttestationResponse: S.AttestationResponse,
  PolicySummary: S.PolicySummary,
  PoliciesResponse: S.PoliciesResponse,
  PolicyPredicate: Predicate,
  PolicyResponse: S.PolicyResponse,
  PolicyComparison: PolicyComparison,
  PolicyVersionItem: D.PolicyVersionItem,
  PolicyVersionsResponse: D.PolicyVersionsResponse,
  PolicyDraft: D.PolicyDraft,
  PolicyDraftResponse: D.PolicyDraftResponse,
  PolicyPublishResponse: D.PublishResponse,
  PolicyRetireResponse: D.RetireResponse,
  GateResponse: G.GateResponse,
  Decision: G.Decision,
  DecisionsResponse: G.DecisionsResponse,
  DecisionResponse: G.DecisionResponse,
  SignoffResponse: G.SignoffResponse,
  AuditVerifyResponse: G.AuditVerifyResponse,
  AuditHeadResponse: G.AuditHeadResponse,
  OverviewResponse: OverviewResponse,
  ProjectionsResponse: ProjectionsResponse,
} satisfies Record<string, z.ZodType>;

/** Request bodies, converted as the client writes them (io: input: defaults are optional). */
const INPUT_COMPONENTS = {
  NewDetermination: S.NewDetermination,
  NewAttestation: S.NewAttestation,
  IngestForm: S.IngestForm,
  GateRequest: G.GateRequest,
  NewSignoff: G.NewSignoff,
  PolicyDraftBody: D.DraftBody,
} satisfies Record<string, z.ZodType>;

export type ComponentName = keyof typeof OUTPUT_COMPONENTS | keyof typeof INPUT_COMPONENTS;

/** The zod schema behind each component, for tests and clients that validate answers. */
export const COMPONENT_SCHEMAS: Record<ComponentName, z.ZodType> = {
  ...OUTPUT_COMPONENTS,
  ...INPUT_COMPONENTS,
};

function convert(components: Record<string, z.ZodType>, io: "input" | "output"): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(components)) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, {
    target: "draft-2020-12",
    io,
    uri: (id) => `${COMPONENT_PREFIX}${id}`,
  });
  const out: Record<string, JsonSchema> = {};
  for (const [id, schema] of Object.entries(schemas)) {
    // The document's jsonSchemaDialect says the draft; an $id would re-base the components' refs.
    const { $schema: _s, $id: _i, ...rest } = schema as JsonSchema;
    out[id] = rest;
  }
  if ("__shared" in out)
    throw new Error("a recursive schema is not registered as a component; add it to openapi.ts");
  return out;
}

/** A strict query-string object → one parameter per field. */
function queryParams(schema: z.ZodType): Parameter[] {
  const json = z.toJSONSchema(schema, { target: "draft-2020-12", io: "input" }) as {
    properties?: Record<string, JsonSchema>;
    required?: string[];
  };
  return Object.entries(json.properties ?? {}).map(([name, s]) => {
    const { description, ...rest } = s;
    return {
      name,
      in: "query",
      required: json.required?.includes(name) ?? false,
      ...(typeof description === "string" ? { description } : {}),
      schema: rest,
    };
  });
}

function pathParam(name: string, description: string, schema: z.ZodType = z.string().min(1)): Parameter {
  return {
    name,
    in: "path",
    required: true,
    description,
    schema: z.toJSONSchema(schema, { target: "draft-2020-12", io: "input" }) as JsonSchema,
  };
}

const json = (component: string): Record<string, { schema: JsonSchema }> => ({
  "application/json": { schema: ref(component) },
});
const answer = (description: string, component: string): ResponseObject => ({
  description,
  content: json(component),
});
const error = (name: string): { $ref: string } => ({ $ref: `#/components/responses/${name}` });

const ERROR_RESPONSES: Record<string, ResponseObject> = {
  BadRequest: answer("invalid input (VALIDATION): `issues` names each field", "ErrorResponse"),
  NotFound: answer("no such resource (NOT_FOUND)", "ErrorResponse"),
  Conflict: answer("conflicts with the current state (CONFLICT)", "ErrorResponse"),
  TooLarge: answer("the upload is over INGEST_MAX_BYTES or a container limit (TOO_LARGE)", "ErrorResponse"),
  UnsupportedFormat: answer("no parser reads this file or media type (UNSUPPORTED_FORMAT)", "ErrorResponse"),
  Internal: answer("unexpected failure (INTERNAL); the cause is logged, not returned", "ErrorResponse"),
  Unauthenticated: answer("no valid session or API token (UNAUTHENTICATED)", "ErrorResponse"),
  Forbidden: answer(
    "the caller's role may not do this, or a cookie-authenticated change came from another site (FORBIDDEN)",
    "ErrorResponse",
  ),
};

function operations(): Record<string, Partial<Record<Method, Operation>>> {
  const id = (what: string) => pathParam("id", what);
  return {
    "/api/v1/models": {
      get: {
        operationId: "listModels",
        summary: "List models",
        tags: ["models"],
        parameters: queryParams(S.ModelsQuery),
        responses: { 200: answer("the models, by id", "ModelsResponse"), 400: error("BadRequest") },
      },
    },
    "/api/v1/models/{id}": {
      get: {
        operationId: "getModel",
        summary: "One model and the raw names that map to it",
        tags: ["models"],
        parameters: [id("model id")],
        responses: { 200: answer("the model", "ModelResponse"), 404: error("NotFound") },
      },
    },
    "/api/v1/models/{id}/scores": {
      get: {
        operationId: "listScores",
        summary: "A model's scores with their sources",
        tags: ["models"],
        parameters: [id("model id")],
        responses: { 200: answer("the scores, by metric", "ScoresResponse"), 404: error("NotFound") },
      },
    },
    "/api/v1/evaluations": {
      get: {
        operationId: "listEvaluations",
        summary: "Evaluate models under published policies",
        description:
          "Every model under every published policy unless `policy` and/or `model` narrow it. Computed on request from the stored scores and records.",
        tags: ["evaluations"],
        parameters: queryParams(S.EvaluationsQuery),
        responses: {
          200: answer("one evaluation per model and policy", "EvaluationsResponse"),
          400: error("BadRequest"),
          404: error("NotFound"),
        },
      },
    },
    "/api/v1/ingest": {
      post: {
        operationId: "ingest",
        summary: "Import one file of eval results as one batch",
        description:
          "The body is the file itself (`?filename=` required) or a multipart form with a `file` part and the same options as fields. Any bad row rejects the whole file (422) unless `partial=true`. Re-importing the same rows inserts nothing (`status: unchanged`).",
        tags: ["ingest"],
        parameters: queryParams(S.IngestOptions),
        requestBody: {
          required: true,
          description: "at most INGEST_MAX_BYTES (default 50 MiB)",
          content: {
            "application/octet-stream": {
              schema: { type: "string", contentMediaType: "application/octet-stream" },
            },
            "text/*": { schema: { type: "string" } },
            "multipart/form-data": { schema: ref("IngestForm") },
          },
        },
        responses: {
          200: answer("the batch report (the CLI's `ingest --json`)", "IngestResponse"),
          400: error("BadRequest"),
          413: error("TooLarge"),
          415: error("UnsupportedFormat"),
          422: answer("the file has invalid rows; nothing was written", "IngestRejectedResponse"),
        },
      },
    },
    "/api/v1/determinations": {
      get: {
        operationId: "listDeterminations",
        summary: "Human determinations on thresholds",
        tags: ["records"],
        parameters: queryParams(S.RecordsQuery),
        responses: {
          200: answer("the determinations, oldest first", "DeterminationsResponse"),
          400: error("BadRequest"),
        },
      },
      post: {
        operationId: "createDetermination",
        summary: "Record a determination (audited)",
        tags: ["records"],
        requestBody: { required: true, content: json("NewDetermination") },
        responses: {
          201: answer("the stored determination", "DeterminationResponse"),
          400: error("BadRequest"),
          404: error("NotFound"),
        },
      },
    },
    "/api/v1/attestations": {
      get: {
        operationId: "listAttestations",
        summary: "Safeguard attestations",
        tags: ["records"],
        parameters: queryParams(S.RecordsQuery),
        responses: {
          200: answer("the attestations, oldest first", "AttestationsResponse"),
          400: error("BadRequest"),
        },
      },
      post: {
        operationId: "createAttestation",
        summary: "Record a safeguard attestation (audited)",
        tags: ["records"],
        requestBody: { required: true, content: json("NewAttestation") },
        responses: {
          201: answer("the stored attestation", "AttestationResponse"),
          400: error("BadRequest"),
          404: error("NotFound"),
        },
      },
    },
    "/api/v1/batches": {
      get: {
        operationId: "listBatches",
        summary: "Import batches, newest first",
        tags: ["ingest"],
        responses: { 200: answer("the batches", "BatchesResponse") },
      },
    },
    "/api/v1/batches/{id}/rollback": {
      post: {
        operationId: "rollbackBatch",
        summary: "Remove a batch's scores (audited)",
        tags: ["ingest"],
        parameters: [pathParam("id", "batch id", S.BatchIdParam)],
        responses: {
          200: answer("how many scores were removed", "RollbackResponse"),
          400: error("BadRequest"),
          404: error("NotFound"),
          409: error("Conflict"),
        },
      },
    },
    "/api/v1/policies": {
      get: {
        operationId: "listPolicies",
        summary: "Published policy versions",
        tags: ["policies"],
        responses: { 200: answer("one entry per policy", "PoliciesResponse") },
      },
    },
    "/api/v1/policies/{id}": {
      get: {
        operationId: "getPolicy",
        summary: "A published policy: parsed, and its text",
        tags: ["policies"],
        parameters: [id("policy id")],
        responses: { 200: answer("the published version", "PolicyResponse"), 404: error("NotFound") },
      },
    },
    "/api/v1/policies/compare": {
      get: {
        operationId: "comparePolicies",
        summary: "What changed between two stored versions of a framework, and which models it moves",
        description:
          "`from` and `to` each name a version: a policy id (its published version) or the numeric id of a stored version (published, retired or draft). The answer is the policy diff (thresholds added, removed, continued under a new id, reworded, numbers, safeguards, gates, levels, domains, metrics, cadence) and every model whose level, required safeguards or gate outcomes differ between the two, evaluated as of `as_of`. An unknown ref is a 404 naming it.",
        tags: ["policies"],
        parameters: queryParams(PolicyCompareQuery),
        responses: {
          200: answer("the comparison", "PolicyComparison"),
          400: error("BadRequest"),
          404: error("NotFound"),
        },
      },
    },
    "/api/v1/overview": {
      get: {
        operationId: "getOverview",
        summary: "The overview matrices, filtered and paged as on the dashboard",
        tags: ["evaluations"],
        parameters: queryParams(OverviewQuery),
        responses: { 200: answer("one page of the overview", "OverviewResponse"), 400: error("BadRequest") },
      },
    },
    "/api/v1/projections": {
      get: {
        operationId: "getProjections",
        summary: "Every threshold leaf of a policy projected from the stored models",
        tags: ["projections"],
        parameters: queryParams(ProjectionsQuery),
        responses: {
          200: answer("fits, crossings with intervals, warnings and backtests", "ProjectionsResponse"),
          400: error("BadRequest"),
          404: error("NotFound"),
        },
      },
    },
    "/api/v1/gate": {
      post: {
        operationId: "askGate",
        summary: "Evaluate a model under the published policy for an action and record the decision",
        description:
          "For pipelines: the outcome is in the body (allow, conditional, pause, block, …), never in the status.",
        tags: ["governance"],
        requestBody: { required: true, content: json("GateRequest") },
        responses: {
          201: answer("the outcome, its reasons, the policy version and the decision id", "GateResponse"),
          400: error("BadRequest"),
          404: error("NotFound"),
        },
      },
    },
    "/api/v1/decisions": {
      get: {
        operationId: "listDecisions",
        summary: "Recorded decisions, optionally with their status (current or stale)",
        tags: ["governance"],
        parameters: queryParams(G.DecisionsQuery),
        responses: { 200: answer("the decisions", "DecisionsResponse"), 400: error("BadRequest") },
      },
      post: {
        operationId: "signOff",
        summary: "Record a sign-off (approve, approve with conditions, block) on an evaluation",
        tags: ["governance"],
        requestBody: { required: true, content: json("NewSignoff") },
        responses: {
          201: answer("the immutable decision and its audit entry", "SignoffResponse"),
          400: error("BadRequest"),
          404: error("NotFound"),
        },
      },
    },
    "/api/v1/decisions/{id}": {
      get: {
        operationId: "getDecision",
        summary: "A decision with its status and a replay from its stored inputs",
        tags: ["governance"],
        parameters: [pathParam("id", "decision id", G.DecisionIdParam)],
        responses: {
          200: answer("the decision, status and replay", "DecisionResponse"),
          404: error("NotFound"),
        },
      },
    },
    "/api/v1/audit": {
      get: {
        operationId: "exportAudit",
        summary: "Export the decision log (JSONL or CSV; CSV cells starting with = + - @ are neutralised)",
        tags: ["audit"],
        parameters: queryParams(G.AuditQuery),
        responses: {
          200: {
            description: "the entries in seq order, as a download",
            content: {
              "application/x-ndjson": { schema: { type: "string" } },
              "text/csv": { schema: { type: "string" } },
            },
          },
          400: error("BadRequest"),
        },
      },
    },
    "/api/v1/audit/verify": {
      get: {
        operationId: "verifyAudit",
        summary: "Recompute the hash chain; names the first broken entry",
        tags: ["audit"],
        responses: { 200: answer("ok with the head, or the first broken entry", "AuditVerifyResponse") },
      },
    },
    "/api/v1/audit/head": {
      get: {
        operationId: "auditHead",
        summary: "The chain head to pin outside the system (Ed25519-signed when a key is configured)",
        tags: ["audit"],
        responses: { 200: answer("the head", "AuditHeadResponse"), 409: error("Conflict") },
      },
    },
    ...policyDraftOperations(),
    "/api/v1/openapi.json": {
      get: {
        operationId: "getOpenApi",
        summary: "This document",
        tags: ["meta"],
        security: [],
        responses: {
          200: {
            description: "OpenAPI 3.1",
            content: { "application/json": { schema: { type: "object" } } },
          },
        },
      },
    },
  };
}

/** Policy authoring under /api/v1/policies/{id} (lib/api/policy-draft-schemas.ts, docs/policy-language.md). */
function policyDraftOperations(): Record<string, Partial<Record<Method, Operation>>> {
  const policy = pathParam("id", "policy id");
  const draft = pathParam("draftId", "policy version id of the draft", D.DraftIdParam);
  const located =
    "invalid body or policy text (VALIDATION): each problem in the YAML is an issue whose `path` is `line L, column C`";
  const stale =
    "a version was published after the draft was made, the row is no longer a draft, or another draft holds the same text (CONFLICT)";
  return {
    "/api/v1/policies/{id}/versions": {
      get: {
        operationId: "listPolicyVersions",
        summary:
          "Every stored version of a policy (drafts, published, retired, discarded drafts), newest first",
        tags: ["policies"],
        parameters: [policy],
        responses: { 200: answer("the versions", "PolicyVersionsResponse"), 404: error("NotFound") },
      },
    },
    "/api/v1/policies/{id}/drafts": {
      post: {
        operationId: "createPolicyDraft",
        summary: "Save a new draft of a policy (audited, policy.draft)",
        description:
          "The YAML must validate and its `id:` must be `{id}`; an id with nothing stored yet starts a new policy. Nothing is stored when it does not validate.",
        tags: ["policies"],
        parameters: [policy],
        requestBody: { required: true, content: json("PolicyDraftBody") },
        responses: {
          201: answer("the stored draft", "PolicyDraftResponse"),
          400: answer(located, "ErrorResponse"),
          409: answer(stale, "ErrorResponse"),
        },
      },
    },
    "/api/v1/policies/{id}/drafts/{draftId}": {
      get: {
        operationId: "getPolicyDraft",
        summary: "A draft with its text, and whether a newer version was published since it was made",
        tags: ["policies"],
        parameters: [policy, draft],
        responses: { 200: answer("the draft", "PolicyDraftResponse"), 404: error("NotFound") },
      },
      put: {
        operationId: "updatePolicyDraft",
        summary: "Replace a draft's text (audited, policy.draft)",
        tags: ["policies"],
        parameters: [policy, draft],
        requestBody: { required: true, content: json("PolicyDraftBody") },
        responses: {
          200: answer("the draft as stored", "PolicyDraftResponse"),
          400: answer(located, "ErrorResponse"),
          404: error("NotFound"),
          409: answer(stale, "ErrorResponse"),
        },
      },
    },
    "/api/v1/policies/{id}/drafts/{draftId}/review": {
      get: {
        operationId: "reviewPolicyDraft",
        summary: "The draft against the version it would replace: policy diff and the models it moves",
        description:
          "`from` is the published version (for a retired policy, the version published last). A policy never published has nothing to compare with: 404.",
        tags: ["policies"],
        parameters: [policy, draft, ...queryParams(D.DraftReviewQuery)],
        responses: {
          200: answer("the comparison", "PolicyComparison"),
          400: error("BadRequest"),
          404: error("NotFound"),
          409: answer("the row is no longer a draft (CONFLICT)", "ErrorResponse"),
        },
      },
    },
    "/api/v1/policies/{id}/drafts/{draftId}/publish": {
      post: {
        operationId: "publishPolicyDraft",
        summary: "Publish a draft; the published version it replaces is retired (audited, policy.publish)",
        tags: ["policies"],
        parameters: [policy, draft],
        responses: {
          200: answer("the new published version and the one it replaced", "PolicyPublishResponse"),
          400: answer("the draft's `version:` label was already published (VALIDATION)", "ErrorResponse"),
          404: error("NotFound"),
          409: answer(stale, "ErrorResponse"),
        },
      },
    },
    "/api/v1/policies/{id}/drafts/{draftId}/discard": {
      post: {
        operationId: "discardPolicyDraft",
        summary: "Discard a draft: kept as retired, never published (audited, policy.retire)",
        tags: ["policies"],
        parameters: [policy, draft],
        responses: {
          200: answer("the discarded draft", "PolicyDraftResponse"),
          404: error("NotFound"),
          409: answer("the row is no longer a draft (CONFLICT)", "ErrorResponse"),
        },
      },
    },
    "/api/v1/policies/{id}/retire": {
      post: {
        operationId: "retirePolicy",
        summary: "Retire the published version of a policy, with no successor (audited, policy.retire)",
        tags: ["policies"],
        parameters: [policy],
        responses: {
          200: answer("the version that was retired", "PolicyRetireResponse"),
          404: error("NotFound"),
        },
      },
    },
  };
}

export function buildOpenApiDocument(): OpenApiDocument {
  const paths = operations();
  for (const item of Object.values(paths))
    for (const op of Object.values(item)) {
      // Every route but this document authorizes first (app/api/v1/_lib/auth.ts, docs/roles.md).
      if (!op.security) {
        op.responses[401] ??= error("Unauthenticated");
        op.responses[403] ??= error("Forbidden");
      }
      op.responses.default ??= error("Internal");
    }
  return {
    openapi: "3.1.0",
    info: {
      title: "Scalegate API",
      version: "1.0.0",
      description:
        "Governance of frontier AI models against responsible scaling thresholds. Errors are `{ error: { code, message, issues? } }`.",
    },
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    tags: [
      { name: "models", description: "models and their scores" },
      { name: "evaluations", description: "levels, safeguards and gates per policy" },
      { name: "ingest", description: "eval result imports and their batches" },
      { name: "records", description: "determinations and safeguard attestations" },
      { name: "policies", description: "policy versions: published, drafts, review, publish, retire" },
      { name: "meta", description: "this description" },
    ],
    paths,
    security: [{ bearerToken: [] }, { sessionCookie: [] }],
    components: {
      schemas: { ...convert(OUTPUT_COMPONENTS, "output"), ...convert(INPUT_COMPONENTS, "input") },
      parameters: {},
      responses: ERROR_RESPONSES,
      securitySchemes: {
        bearerToken: {
          type: "http",
          scheme: "bearer",
          description:
            "an API token `sg_…` from `scalegate tokens create`; the audit log names it `token:<name>`",
        },
        sessionCookie: {
          type: "apiKey",
          in: "cookie",
          name: "better-auth.session_token",
          description:
            "the dashboard's session (`__Secure-` prefixed over HTTPS); changes must also come from the dashboard's origin (Origin or Sec-Fetch-Site)",
        },
      },
    },
  };
}

let cached: OpenApiDocument | undefined;

/** The document, built once per process. */
export function openApiDocument(): OpenApiDocument {
  cached ??= buildOpenApiDocument();
  return cached;
}
