import { getDb } from "@/db";
import { auditHeadReport, signingKeyFromEnv } from "@/db/decisions";
import { AuditHeadResponse } from "@/lib/api/governance-schemas";
import { DomainError } from "@/lib/errors";
import { authorize } from "../../_lib/auth";
import { handler, ok } from "../../_lib/respond";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** The verified head, signed when the server has SCALEGATE_SIGNING_KEY. A broken chain has no head to vouch for: 409. */
export const GET = handler(async (req: Request) => {
  await authorize(req, "audit.read");
  const report = auditHeadReport(getDb(), signingKeyFromEnv());
  if (!report.ok) {
    const b = report.verify.firstBroken;
    throw new DomainError("CONFLICT", `the audit chain is broken at seq ${b.seq} (${b.reason})`, [
      { path: `seq ${b.seq}`, message: b.reason },
    ]);
  }
  return ok(AuditHeadResponse, { head: report.head, signed: report.signed });
});
