import type { Db } from "@/db";
import { listAliases, listModels } from "@/db/queries";
import type { ModelRow } from "@/db/queries";
import type { ModelsQuery } from "@/lib/api/schemas";

/**
 * The model list with the API's filters. Route-local until db/queries grows a filtered
 * `listModels(db, filter)`; it reads the whole (small) table, in id order.
 */
export function findModels(db: Db, q: ModelsQuery): ModelRow[] {
  const needle = q.q?.toLowerCase();
  const developer = q.developer?.toLowerCase();
  const family = q.family?.toLowerCase();
  const aliasesOf = new Map<string, string[]>();
  if (needle)
    for (const a of listAliases(db)) aliasesOf.set(a.modelId, [...(aliasesOf.get(a.modelId) ?? []), a.raw]);
  return listModels(db).filter(
    (m) =>
      (!developer || m.developer?.toLowerCase() === developer) &&
      (!family || m.family?.toLowerCase() === family) &&
      (!needle ||
        [m.id, m.name, ...(aliasesOf.get(m.id) ?? [])].some((s) => s.toLowerCase().includes(needle))),
  );
}
