import { getDb } from "@/db";
import { IngestResponse } from "@/lib/api/schemas";
import { authorize } from "../_lib/auth";
import { importUpload, readUpload, rejectedResponse } from "../_lib/ingest";
import { handler, ok } from "../_lib/respond";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = handler(async (req: Request) => {
  const { actor } = await authorize(req, "ingest");
  const upload = await readUpload(req);
  const report = importUpload(getDb(), upload, actor);
  if (report.status === "rejected") return rejectedResponse(report);
  return ok(IngestResponse, { batches: [report] });
});
