import { getDb } from "@/db";
import { exportAuditChunks } from "@/db/decisions";
import { AuditFilter } from "@/lib/audit";
import { AuditQuery } from "@/lib/api/governance-schemas";
import { authorize } from "../_lib/auth";
import { handler, parseOr400, searchParams } from "../_lib/respond";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const CONTENT_TYPE = { jsonl: "application/x-ndjson; charset=utf-8", csv: "text/csv; charset=utf-8" };

/**
 * The log as a download (JSONL by default, or CSV with formula-like cells neutralised), filtered by
 * from/to/actor/action. Streamed page by page as the client reads: the log is never held whole.
 */
export const GET = handler(async (req: Request) => {
  await authorize(req, "audit.export");
  const { format = "jsonl", ...rest } = parseOr400(AuditQuery, searchParams(req), "query");
  const filter = parseOr400(AuditFilter, rest, "audit filter");
  const chunks = exportAuditChunks(getDb(), filter, format);
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    cancel() {
      chunks.return(undefined);
    },
  });
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  return new Response(body, {
    headers: {
      "content-type": CONTENT_TYPE[format],
      "content-disposition": `attachment; filename="scalegate-audit-${stamp}.${format}"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
});
