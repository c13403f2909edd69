import { getDb } from "@/db";
import { getModel, listAliases } from "@/db/queries";
import { ModelResponse } from "@/lib/api/schemas";
import { DomainError } from "@/lib/errors";
import { authorize } from "../../_lib/auth";
import { handler, ok } from "../../_lib/respond";
import { toAlias, toModel } from "../../_lib/to-api";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = handler(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  await authorize(req, "read");
  const { id } = await ctx.params;
  const db = getDb();
  const model = getModel(db, id);
  if (!model) throw new DomainError("NOT_FOUND", `no model "${id}"`);
  return ok(ModelResponse, { model: toModel(model), aliases: listAliases(db, id).map(toAlias) });
});
