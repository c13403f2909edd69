import type { z } from "zod";
import { ErrorResponse } from "@/lib/api/schemas";

/** The answer of a failed POST: the API's message and the fields its `issues` name. */
export class RecordError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly issues: { path: string; message: string }[],
  ) {
    super(message);
  }
}

/** POSTs JSON and parses the answer with the shared response schema; errors keep their issues. */
export async function postRecord<S extends z.ZodType>(
  url: string,
  body: unknown,
  schema: S,
): Promise<z.infer<S>> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify(body),
  });
  const json: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const err = ErrorResponse.safeParse(json);
    throw err.success
      ? new RecordError(err.data.error.message, res.status, err.data.error.issues ?? [])
      : new RecordError(`the server answered ${res.status}`, res.status, []);
  }
  return schema.parse(json);
}

export type FieldErrors = Record<string, string>;

/** Issues by form field; an issue on no field of the form goes to the form as a whole ("_form"). */
export function issuesToFields(
  issues: { path: string; message: string }[],
  fields: readonly string[],
): FieldErrors {
  const out: FieldErrors = {};
  for (const i of issues) {
    const key = fields.includes(i.path.split(".")[0] ?? "") ? i.path.split(".")[0]! : "_form";
    const text = key === "_form" && i.path && i.path !== "(body)" ? `${i.path}: ${i.message}` : i.message;
    out[key] = out[key] ? `${out[key]}; ${text}` : text;
  }
  return out;
}

/** Client-side validation with the same zod schema the API uses. */
export function validate<T>(
  schema: z.ZodType<T>,
  body: unknown,
  fields: readonly string[],
): { ok: true; data: T } | { ok: false; errors: FieldErrors } {
  const r = schema.safeParse(body);
  if (r.success) return { ok: true, data: r.data };
  return {
    ok: false,
    errors: issuesToFields(
      r.error.issues.map((i) => ({ path: i.path.map(String).join(".") || "(body)", message: i.message })),
      fields,
    ),
  };
}
