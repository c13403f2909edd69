import { getDb } from "@/db";
import { listBatches } from "@/db/queries";
import { BatchesResponse } from "@/lib/api/schemas";
import { handler, ok } from "../_lib/respond";
import { toBatch } from "../_lib/to-api";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = handler(() => ok(BatchesResponse, { batches: listBatches(getDb()).map(toBatch) }));
