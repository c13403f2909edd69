import { getDb } from "@/db";
import { listBatches } from "@/db/queries";
import { BatchesResponse } from "@/lib/api/schemas";
import { authorize } from "../_lib/auth";
import { handler, ok } from "../_lib/respond";
import { toBatch } from "../_lib/to-api";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = handler(async (req: Request) => {
  await authorize(req, "read");
  return ok(BatchesResponse, { batches: listBatches(getDb()).map(toBatch) });
});
