import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getDb } from "@/db";
import { getPublishedPolicy, listPublishedPolicies } from "@/db/policies";
import type { PublishedPolicy } from "@/db/policies";
import { DomainError } from "@/lib/errors";
import { PolicyDetail } from "@/app/_components/policy/policy-detail";
import { policyName } from "@/lib/view/policy";

export const dynamic = "force-dynamic";

/** The published version, or undefined for an id that names none (a 404, not a 500). */
function find(id: string): PublishedPolicy | undefined {
  try {
    return getPublishedPolicy(getDb(), id);
  } catch (e) {
    if (e instanceof DomainError && e.code === "NOT_FOUND") return undefined;
    throw e;
  }
}

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const found = find((await params).id);
  return { title: found ? policyName(found.policy.title, found.policy.version) : "Policy not found" };
}

export default async function PolicyPage({ params }: { params: Promise<{ id: string }> }) {
  const found = find((await params).id);
  if (!found) notFound();
  const supersedes = found.policy.supersedes;
  const previous = supersedes
    ? listPublishedPolicies(getDb()).find((p) => p.policy.id === supersedes)
    : undefined;
  return (
    <PolicyDetail
      published={found}
      supersedesTitle={previous ? policyName(previous.policy.title, previous.policy.version) : null}
    />
  );
}
