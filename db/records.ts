import { eq } from "drizzle-orm";
import { z } from "zod";
import { ATTESTATION_STATUSES, DETERMINATION_OUTCOMES } from "@/lib/engine/input";
import { DomainError } from "@/lib/errors";
import { MITIGATION } from "@/lib/policy/schema";
import type { Db } from "./index";
import { recordAudit } from "./audit";
import { attestations, determinations, models } from "./schema";

const DateOnly = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}/, "must be an ISO date (YYYY-MM-DD)")
  .refine((s) => !Number.isNaN(Date.parse(s)), "is not a real date");

/** A human judgement on one threshold for one model (shared by the API, the CLI and the forms). */
export const NewDetermination = z
  .object({
    model: z.string().min(1),
    policy: z.string().min(1).nullable().optional(),
    threshold: z.string().min(1),
    outcome: z.enum(DETERMINATION_OUTCOMES),
    mitigation: z.enum(MITIGATION).nullable().optional(),
    rationale: z.string().trim().min(1, "a rationale is required"),
    by: z.string().trim().min(1).optional(),
    at: DateOnly.optional(),
    evidence: z.array(z.string()).optional(),
    quote: z.string().nullable().optional(),
    source_title: z.string().nullable().optional(),
    source_url: z.string().nullable().optional(),
    source_kind: z.enum(["primary", "secondary", "internal"]).optional(),
  })
  .strict();
export type NewDetermination = z.infer<typeof NewDetermination>;

export const NewAttestation = z
  .object({
    model: z.string().min(1),
    policy: z.string().min(1).nullable().optional(),
    safeguard: z.string().min(1),
    status: z.enum(ATTESTATION_STATUSES),
    evidence: z.string().nullable().optional(),
    by: z.string().trim().min(1).optional(),
    at: DateOnly.optional(),
    expires_at: DateOnly.nullable().optional(),
  })
  .strict()
  .refine((a) => !a.expires_at || !a.at || a.expires_at > a.at, {
    path: ["expires_at"],
    message: "must be after at",
  });
export type NewAttestation = z.infer<typeof NewAttestation>;

function requireModel(db: Db, id: string): void {
  if (!db.select({ id: models.id }).from(models).where(eq(models.id, id)).get())
    throw new DomainError("NOT_FOUND", `no model "${id}"`);
}

export function createDetermination(db: Db, d: NewDetermination, actor: string) {
  return db.$client
    .transaction(() => {
      requireModel(db, d.model);
      const row = db
        .insert(determinations)
        .values({
          modelId: d.model,
          policyId: d.policy ?? null,
          thresholdId: d.threshold,
          outcome: d.outcome,
          mitigation: d.mitigation ?? null,
          by: d.by ?? actor,
          rationale: d.rationale,
          quote: d.quote ?? null,
          sourceTitle: d.source_title ?? null,
          sourceUrl: d.source_url ?? null,
          sourceKind: d.source_kind ?? "internal",
          evidence: d.evidence ?? [],
          at: d.at ?? new Date().toISOString().slice(0, 10),
          createdBy: actor,
        })
        .returning()
        .get();
      recordAudit(db, {
        actor,
        action: "determination.create",
        subject: `model:${d.model}`,
        payload: { id: row.id, ...d, by: row.by, at: row.at },
      });
      return row;
    })
    .immediate();
}

export function createAttestation(db: Db, a: NewAttestation, actor: string) {
  return db.$client
    .transaction(() => {
      requireModel(db, a.model);
      const row = db
        .insert(attestations)
        .values({
          modelId: a.model,
          policyId: a.policy ?? null,
          safeguardId: a.safeguard,
          status: a.status,
          evidence: a.evidence ?? null,
          by: a.by ?? actor,
          at: a.at ?? new Date().toISOString().slice(0, 10),
          expiresAt: a.expires_at ?? null,
          createdBy: actor,
        })
        .returning()
        .get();
      recordAudit(db, {
        actor,
        action: "attestation.create",
        subject: `model:${a.model}`,
        payload: { id: row.id, ...a, by: row.by, at: row.at },
      });
      return row;
    })
    .immediate();
}
