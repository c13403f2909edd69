import Link from "next/link";
import { getDb } from "@/db";
import { listPublishedPolicies } from "@/db/policies";
import { listDeterminationsUnder } from "@/db/queries";
import type { Policy } from "@/lib/policy";
import { earlierDeterminations, versionNote } from "@/lib/view/version-note";
import { DeterminationNote } from "./determination-note";

/**
 * Under a policy tab: which version of the framework is evaluated and since when it has been in force,
 * and the model's determinations recorded under earlier versions of the same framework, each labelled
 * with the version that applied. Those are shown for the record; the evaluation above reads only the
 * determinations recorded for the version evaluated.
 */
export function VersionNote({ modelId, policy, asOf }: { modelId: string; policy: Policy; asOf: string }) {
  const db = getDb();
  const published = listPublishedPolicies(db).map((p) => p.policy);
  const note = versionNote(policy, published, asOf);
  const groups = earlierDeterminations(
    note,
    published,
    listDeterminationsUnder(
      db,
      modelId,
      note.earlier.map((e) => e.policyId),
    ),
  );
  const href = (id: string) => `/models/${encodeURIComponent(modelId)}?policy=${encodeURIComponent(id)}`;
  return (
    <section className="panel" aria-labelledby="version-heading">
      <h2 id="version-heading">Version in force</h2>
      <p>
        {note.state !== "in_force" && <strong>Not the version in force. </strong>}
        {note.text}
        {note.inForceInstead && (
          <>
            {" "}
            <Link href={href(note.inForceInstead.id)} scroll={false}>
              See {note.inForceInstead.name}
            </Link>
            .
          </>
        )}
      </p>
      {groups.length > 0 && (
        <>
          <h3>Determinations under earlier versions</h3>
          <p className="meta">
            Recorded under an earlier version of this framework, against that version&apos;s thresholds. They
            are shown for the record and are not applied to {note.name}: a determination under it has to be
            recorded for it.
          </p>
          {groups.map((g) => (
            <section key={g.policyId} aria-label={g.label}>
              <h4>
                {g.label} <span className="meta">({g.items.length})</span>
              </h4>
              {g.items.map((i) => (
                <DeterminationNote
                  key={i.view.id ?? i.heading}
                  d={i.view}
                  disagreement={false}
                  indicatedLabel=""
                  heading={i.heading}
                  version={i.dateNote ? `${i.version} · ${i.dateNote}` : i.version}
                />
              ))}
            </section>
          ))}
        </>
      )}
    </section>
  );
}
