import { cache } from "react";
import { headers } from "next/headers";
import { getDb } from "@/db";
import { can } from "@/lib/auth";
import type { Action } from "@/lib/auth";
import type { Principal } from "./principal";
import { resolveCredentials } from "./principal";

/**
 * The signed-in user (or token) of the page being rendered, once per request. Pages use it to hide or
 * disable what the role may not do; the API checks again on every call, so hiding is a courtesy, not
 * the control.
 */
export const currentViewer = cache(async (): Promise<Principal | null> => {
  const r = await resolveCredentials(await headers(), getDb());
  return r.principal;
});

/** Whether the viewer may do `action`; pair a `false` with `whoMay(action)` from lib/auth to explain. */
export async function viewerCan(action: Action): Promise<boolean> {
  const v = await currentViewer();
  return v !== null && can(v, action);
}
