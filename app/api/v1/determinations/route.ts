import { getDb } from "@/db";
import { listDeterminations } from "@/db/queries";
import {
  DeterminationResponse,
  DeterminationsResponse,
  NewDetermination,
  RecordsQuery,
} from "@/lib/api/schemas";
import { authorize } from "../_lib/auth";
import { recordDetermination } from "../_lib/records";
import { handler, ok, parseOr400, readJson, searchParams } from "../_lib/respond";
import { toDetermination } from "../_lib/to-api";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = handler(async (req: Request) => {
  await authorize(req, "read");
  const q = parseOr400(RecordsQuery, searchParams(req), "query");
  const rows = listDeterminations(getDb(), {
    ...(q.model ? { modelId: q.model } : {}),
    ...(q.policy ? { policyId: q.policy } : {}),
  });
  return ok(DeterminationsResponse, { determinations: rows.map(toDetermination) });
});

export const POST = handler(async (req: Request) => {
  const { actor } = await authorize(req, "determination.create");
  const body = parseOr400(NewDetermination, await readJson(req), "determination");
  const row = recordDetermination(getDb(), body, actor);
  return ok(DeterminationResponse, { determination: toDetermination(row) }, 201);
});
