import type { Metadata } from "next";
import { getDb } from "@/db";
import { listPublishedPolicies } from "@/db/policies";
import { PolicyCard } from "@/app/_components/policy/policy-card";
import { policyName, summarisePolicy } from "@/lib/view/policy";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Policies" };

export default function PoliciesPage() {
  const published = listPublishedPolicies(getDb());
  const titles = new Map(published.map((p) => [p.policy.id, policyName(p.policy.title, p.policy.version)]));
  return (
    <>
      <h1>Policies</h1>
      <p className="lede">
        The published responsible scaling frameworks Scalegate evaluates models against: their levels, the
        capability domains they track, and how many of their numbers come from the framework itself.
      </p>
      {published.length === 0 ? (
        <p className="state">
          No policy is published yet. Shipped policy files in <code>policies/</code> are published when the
          server starts.
        </p>
      ) : (
        published.map(({ policy }) => (
          <PolicyCard
            key={policy.id}
            policy={summarisePolicy(policy)}
            supersedesTitle={policy.supersedes ? (titles.get(policy.supersedes) ?? null) : null}
          />
        ))
      )}
    </>
  );
}
