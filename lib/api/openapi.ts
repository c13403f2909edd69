import { z } from "zod";
import { Predicate } from "@/lib/policy/schema";
import * as S from "./schemas";

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
  components: {
    schemas: Record<string, JsonSchema>;
    parameters: Record<string, Parameter>;
    responses: Record<string, ResponseObject>;
  };
}

type Method = "get" | "post";

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
} satisfies Record<string, z.ZodType>;

/** Request bodies, converted as the client writes them (io: input: defaults are optional). */
const INPUT_COMPONENTS = {
  NewDetermination: S.NewDetermination,
  NewAttestation: S.NewAttestation,
  IngestForm: S.IngestForm,
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
const ACTOR = { $ref: "#/components/parameters/Actor" };

const ERROR_RESPONSES: Record<string, ResponseObject> = {
  BadRequest: answer("invalid input (VALIDATION): `issues` names each field", "ErrorResponse"),
  NotFound: answer("no such resource (NOT_FOUND)", "ErrorResponse"),
  Conflict: answer("conflicts with the current state (CONFLICT)", "ErrorResponse"),
  TooLarge: answer("the upload is over INGEST_MAX_BYTES or a container limit (TOO_LARGE)", "ErrorResponse"),
  UnsupportedFormat: answer("no parser reads this file or media type (UNSUPPORTED_FORMAT)", "ErrorResponse"),
  Internal: answer("unexpected failure (INTERNAL); the cause is logged, not returned", "ErrorResponse"),
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
        parameters: [ACTOR, ...queryParams(S.IngestOptions)],
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
        parameters: [ACTOR],
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
        parameters: [ACTOR],
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
        parameters: [ACTOR, pathParam("id", "batch id", S.BatchIdParam)],
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
    "/api/v1/openapi.json": {
      get: {
        operationId: "getOpenApi",
        summary: "This document",
        tags: ["meta"],
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

export function buildOpenApiDocument(): OpenApiDocument {
  const paths = operations();
  for (const item of Object.values(paths))
    for (const op of Object.values(item)) op.responses.default ??= error("Internal");
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
      { name: "policies", description: "published policy versions" },
      { name: "meta", description: "this description" },
    ],
    paths,
    components: {
      schemas: { ...convert(OUTPUT_COMPONENTS, "output"), ...convert(INPUT_COMPONENTS, "input") },
      parameters: {
        Actor: {
          name: "x-scalegate-actor",
          in: "header",
          required: false,
          description:
            "who the audit log names; until accounts exist this is the caller's unverified claim (default `api (unauthenticated)`)",
          schema: { type: "string", maxLength: 200 },
        },
      },
      responses: ERROR_RESPONSES,
    },
  };
}

let cached: OpenApiDocument | undefined;

/** The document, built once per process. */
export function openApiDocument(): OpenApiDocument {
  cached ??= buildOpenApiDocument();
  return cached;
}
