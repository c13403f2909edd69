import { getDb } from "@/db";
import { listAttestations } from "@/db/queries";
import { AttestationResponse, AttestationsResponse, NewAttestation, RecordsQuery } from "@/lib/api/schemas";
import { authorize } from "../_lib/auth";
import { recordAttestation } from "../_lib/records";
import { handler, ok, parseOr400, readJson, searchParams } from "../_lib/respond";
import { toAttestation } from "../_lib/to-api";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = handler(async (req: Request) => {
  await authorize(req, "read");
  const q = parseOr400(RecordsQuery, searchParams(req), "query");
  const rows = listAttestations(getDb(), {
    ...(q.model ? { modelId: q.model } : {}),
    ...(q.policy ? { policyId: q.policy } : {}),
  });
  return ok(AttestationsResponse, { attestations: rows.map(toAttestation) });
});

export const POST = handler(async (req: Request) => {
  const { actor } = await authorize(req, "attestation.create");
  const body = parseOr400(NewAttestation, await readJson(req), "attestation");
  const row = recordAttestation(getDb(), body, actor);
  return ok(AttestationResponse, { attestation: toAttestation(row) }, 201);
});
