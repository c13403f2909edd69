"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getDb } from "@/db";
import { createFirstAdmin } from "@/db/users";
import { getAuth } from "@/app/_lib/auth";
import { FirstAdmin } from "@/lib/auth";
import { DomainError } from "@/lib/errors";

export interface SetupState {
  fields: Partial<Record<"email" | "name" | "password" | "confirm", string>>;
  form: string | null;
  values: { email: string; name: string };
}

function text(data: FormData, key: string): string {
  const v = data.get(key);
  return typeof v === "string" ? v : "";
}

/**
 * Creates the first account, an admin, and signs it in. Only while no account exists: the check runs
 * again inside the insert's transaction, so this action cannot add a second admin later (Next's server
 * actions also refuse cross-origin posts).
 */
export async function setupFirstAdmin(_prev: SetupState, data: FormData): Promise<SetupState> {
  const input = { email: text(data, "email"), name: text(data, "name"), password: text(data, "password") };
  const values = { email: input.email, name: input.name };
  const parsed = FirstAdmin.safeParse(input);
  const fields: SetupState["fields"] = {};
  if (!parsed.success)
    for (const i of parsed.error.issues) {
      const key = String(i.path[0]) as keyof SetupState["fields"];
      fields[key] ??= i.message;
    }
  if (input.password !== text(data, "confirm")) fields.confirm = "the two passwords differ";
  if (!parsed.success || fields.confirm) return { fields, form: null, values };

  const db = getDb();
  try {
    await createFirstAdmin(db, parsed.data);
  } catch (e) {
    if (e instanceof DomainError && e.code === "CONFLICT") return { fields: {}, form: e.message, values };
    throw e;
  }
  // nextCookies() lets this server-side sign-in set the session cookie on the action's response.
  await getAuth(db).api.signInEmail({
    body: { email: parsed.data.email, password: parsed.data.password },
    headers: await headers(),
  });
  redirect("/");
}
