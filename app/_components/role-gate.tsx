import { currentViewer } from "@/app/_lib/auth/viewer";
import { can, whoMay } from "@/lib/auth";
import type { Action } from "@/lib/auth";
import { ROLE_LABELS } from "@/lib/auth/roles";

/**
 * Renders its children (a form, a button) only when the signed-in user may do `action`; otherwise a
 * note saying who may. Hiding is a courtesy: the API refuses the call anyway.
 *
 *   <RoleGate action="determination.create" what="record a determination">
 *     <DeterminationForm … />
 *   </RoleGate>
 */
export async function RoleGate({
  action,
  what,
  children,
}: {
  action: Action;
  /** the verb phrase for the note: "record a determination" */
  what: string;
  children: React.ReactNode;
}) {
  const viewer = await currentViewer();
  if (viewer && can(viewer, action)) return <>{children}</>;
  const you = viewer ? ` You are signed in as ${ROLE_LABELS[viewer.role].toLowerCase()}.` : "";
  return (
    <p className="meta" role="note">
      {whoMay(action)} can {what}.{you}
    </p>
  );
}
