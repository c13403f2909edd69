import { eq } from "drizzle-orm";
import { DomainError } from "@/lib/errors";
import type { NewAttestation, NewDetermination } from "@/lib/api/schemas";
import type { Db } from "./index";
import { recordAudit } from "./audit";
import { attestations, determinations, models } from "./schema";

// One definition, shared with the API and the client forms.
export { NewAttestation, NewDetermination } from "@/lib/api/schemas";

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
