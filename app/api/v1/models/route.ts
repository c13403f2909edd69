import { getDb } from "@/db";
import { ModelsQuery, ModelsResponse } from "@/lib/api/schemas";
import { findModels } from "../_lib/models";
import { authorize } from "../_lib/auth";
import { handler, ok, parseOr400, searchParams } from "../_lib/respond";
import { toModel } from "../_lib/to-api";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = handler(async (req: Request) => {
  await authorize(req, "read");
  const q = parseOr400(ModelsQuery, searchParams(req), "query");
  return ok(ModelsResponse, { models: findModels(getDb(), q).map(toModel) });
});
