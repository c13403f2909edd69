import { describe, expect, it } from "vitest";
import { buildOpenApiDocument, openApiDocument } from "./openapi";

const doc = buildOpenApiDocument();

/** Every `$ref` string in the document, with where it sits. */
function refs(value: unknown, at = "#"): { at: string; ref: string }[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => refs(v, `${at}/${i}`));
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([k, v]) =>
    k === "$ref" && typeof v === "string" ? [{ at, ref: v }] : refs(v, `${at}/${k}`),
  );
}

function resolve(pointer: string): unknown {
  let node: unknown = doc;
  for (const seg of pointer.replace(/^#\//, "").split("/")) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[seg.replace(/~1/g, "/").replace(/~0/g, "~")];
  }
  return node;
}

const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
  Object.entries(item).map(([method, op]) => ({ path, method, op })),
);

describe("buildOpenApiDocument", () => {
  it("is OpenAPI 3.1 with JSON Schema 2020-12 components", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.jsonSchemaDialect).toBe("https://json-schema.org/draft/2020-12/schema");
    for (const [name, schema] of Object.entries(doc.components.schemas)) {
      expect(schema, name).not.toHaveProperty("$id");
      expect(schema, name).not.toHaveProperty("$schema");
    }
  });

  it("every $ref resolves inside the document", () => {
    const all = refs(doc);
    expect(all.length).toBeGreaterThan(30);
    for (const { at, ref } of all) {
      expect(ref, at).toMatch(/^#\/components\/(schemas|responses|parameters)\/[A-Za-z]+$/);
      expect(resolve(ref), `${at} → ${ref}`).toBeDefined();
    }
  });

  it("operation ids are unique and every path parameter is declared", () => {
    const ids = operations.map((o) => o.op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { path, method, op } of operations) {
      const inPath = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      const declared = (op.parameters ?? []).flatMap((p) => ("in" in p && p.in === "path" ? [p.name] : []));
      expect(declared, `${method} ${path}`).toEqual(inPath);
    }
  });

  it("every 4xx and the default answer carry the error envelope", () => {
    for (const { path, method, op } of operations) {
      expect(op.responses.default, `${method} ${path}`).toEqual({ $ref: "#/components/responses/Internal" });
      for (const [status, response] of Object.entries(op.responses)) {
        if (!/^4/.test(status)) continue;
        const resolved = ("$ref" in response ? resolve(response.$ref) : response) as {
          content: Record<string, { schema: { $ref: string } }>;
        };
        const schema = resolved.content["application/json"]!.schema.$ref;
        expect(
          ["#/components/schemas/ErrorResponse", "#/components/schemas/IngestRejectedResponse"],
          `${method} ${path} ${status}`,
        ).toContain(schema);
      }
    }
    const envelope = doc.components.schemas.ErrorResponse as {
      properties: { error: { properties: Record<string, unknown>; required: string[] } };
    };
    expect(Object.keys(envelope.properties.error.properties)).toEqual(["code", "message", "issues"]);
    expect(envelope.properties.error.required).toEqual(["code", "message"]);
  });

  it("every operation but the document itself needs a token or a session, and says 401/403", () => {
    expect(doc.components.securitySchemes).toMatchObject({
      bearerToken: { type: "http", scheme: "bearer" },
      sessionCookie: { type: "apiKey", in: "cookie", name: "better-auth.session_token" },
    });
    expect(doc.security).toEqual([{ bearerToken: [] }, { sessionCookie: [] }]);
    for (const [path, item] of Object.entries(doc.paths))
      for (const [method, op] of Object.entries(item)) {
        const open = path === "/api/v1/openapi.json";
        expect(op.security, `${method} ${path}`).toEqual(open ? [] : undefined);
        expect("401" in op.responses && "403" in op.responses, `${method} ${path}`).toBe(!open);
      }
    expect(JSON.stringify(doc)).not.toContain("x-scalegate-actor");
  });

  it("documents the ingest contract: raw or multipart body, options, and its statuses", () => {
    const op = doc.paths["/api/v1/ingest"]!.post!;
    expect(Object.keys(op.requestBody!.content)).toEqual([
      "application/octet-stream",
      "text/*",
      "multipart/form-data",
    ]);
    const query = (op.parameters ?? [])
      .filter((p) => "in" in p && p.in === "query")
      .map((p) => "name" in p && p.name);
    expect(query).toEqual(["filename", "format", "partial", "accept_new_models"]);
    expect(Object.keys(op.responses).sort()).toEqual([
      "200",
      "400",
      "401",
      "403",
      "413",
      "415",
      "422",
      "default",
    ]);
    const form = doc.components.schemas.IngestForm as {
      properties: Record<string, unknown>;
      required: string[];
    };
    expect(form.required).toEqual(["file"]);
    expect(form.properties.file).toMatchObject({ type: "string", contentEncoding: "binary" });
  });

  it("request bodies are described as written (defaults optional), responses as read", () => {
    const det = doc.components.schemas.NewDetermination as { required: string[] };
    expect(det.required).toEqual(["model", "threshold", "outcome", "rationale"]);
    const policy = doc.components.schemas.PolicyResponse as {
      properties: { policy: { properties: Record<string, unknown>; required: string[] } };
    };
    // `safeguards` has a default: always present in an answer.
    expect(policy.properties.policy.required).toContain("safeguards");
  });

  it("is built once per process", () => {
    expect(openApiDocument()).toBe(openApiDocument());
    expect(openApiDocument()).toEqual(doc);
  });
});
