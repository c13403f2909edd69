import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db";
import { getPublishedRow, parseStored } from "@/db/policies";
import { listVersions } from "@/db/policy-drafts";
import { currentViewer } from "@/app/_lib/auth/viewer";
import { AuthoringView } from "@/app/_components/policy-editor/authoring-view";
import type { AuthoringPermissions, PublishedText } from "@/app/_components/policy-editor/authoring-view";
import { can, whoMay } from "@/lib/auth";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { policyName } from "@/lib/view/policy";

export const dynamic = "force-dynamic";

interface Props {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

function one(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

/** The version in force, with the name people know it by; null when nothing of the policy is published. */
function load(id: string): { name: string; published: PublishedText | null } | null {
  const db = getDb();
  const row = getPublishedRow(db, id);
  if (row) {
    const policy = parseStored(row);
    return {
      name: policyName(policy.title, policy.version),
      published: { policyVersionId: row.id, version: row.version, yaml: row.yaml, sha256: row.sha256 },
    };
  }
  // A retired policy (or one only drafted so far) still has its drafts to open.
  return listVersions(db, id).length > 0 ? { name: id, published: null } : null;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const found = load((await params).id);
  return { title: found ? `Edit ${found.name}` : "Policy not found" };
}

export default async function EditPolicyPage({ params, searchParams }: Props) {
  const { id } = await params;
  const raw = one((await searchParams).draft);
  const found = load(id);
  if (!found) notFound();
  const draftId = raw !== undefined && /^[1-9][0-9]{0,15}$/.test(raw) ? Number(raw) : null;

  const viewer = await currentViewer();
  const permissions: AuthoringPermissions = {
    draft: viewer !== null && can(viewer, "policy.draft"),
    publish: viewer !== null && can(viewer, "policy.publish"),
    discard: viewer !== null && can(viewer, "policy.retire"),
  };
  const you = viewer ? ` You are signed in as ${ROLE_LABELS[viewer.role].toLowerCase()}.` : "";
  const readOnlyNote = permissions.draft
    ? null
    : permissions.publish
      ? `${whoMay("policy.draft")} can edit the text; you can review a saved draft and publish it (open it from the list of versions).${you}`
      : `${whoMay("policy.draft")} can edit a policy; ${whoMay("policy.publish").toLowerCase()} can publish a reviewed draft. The text is read only here.${you}`;

  return (
    <>
      <nav aria-label="Breadcrumb" className="meta">
        <Link href="/policies">Policies</Link> / <Link href={`/policies/${id}`}>{id}</Link> / edit
      </nav>
      <h1>Edit {found.name}</h1>
      <p className="lede">
        Change the policy&apos;s YAML and save it as a draft: nothing changes for evaluations until a draft is
        published. Review a saved draft to see what it changes and which models&apos; levels, safeguards and
        gate outcomes would move, then publish it as a new version with a new <code>version:</code> label.
      </p>
      {raw !== undefined && draftId === null && (
        <p className="error" role="alert">
          “{raw}” is not a draft number; showing the published version instead.
        </p>
      )}
      <AuthoringView
        policyId={id}
        name={found.name}
        published={found.published}
        draftId={draftId}
        can={permissions}
        readOnlyNote={readOnlyNote}
      />
    </>
  );
}
