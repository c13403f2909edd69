import { getDb } from "@/db";
import { verifyAuditLog } from "@/db/audit";
import { AuditVerifyResponse } from "@/lib/api/governance-schemas";
import { authorize } from "../../_lib/auth";
import { handler, ok } from "../../_lib/respond";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Recomputes the whole chain on the server. A broken chain is an answer (200, ok: false), not an error. */
export const GET = handler(async (req: Request) => {
  await authorize(req, "audit.verify");
  const r = verifyAuditLog(getDb());
  return ok(AuditVerifyResponse, r.ok ? r : { ok: false, count: r.count, first_broken: r.firstBroken });
});
