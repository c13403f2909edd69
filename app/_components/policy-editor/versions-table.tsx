"use client";

import Link from "next/link";
import type { UseQueryResult } from "@tanstack/react-query";
import type { PolicyVersionItem, PolicyVersionsResponse } from "@/lib/api/policy-draft-schemas";
import styles from "./policy-editor.module.css";

/** A row's state in words: colour is never the only signal. */
export function versionStatusText(v: PolicyVersionItem): string {
  if (v.status === "published") return "● published (in force)";
  if (v.status === "draft") return "draft";
  return v.published_at === null ? "discarded draft" : "retired (formerly published)";
}

function day(iso: string | null): string {
  return iso ? iso.slice(0, 16).replace("T", " ") : "—";
}

/** Every stored version of the policy, newest first; drafts open in the editor. */
export function VersionsTable({
  policyId,
  query,
  openId,
  editHref,
  publishedHref,
  mayLeave = () => true,
}: {
  policyId: string;
  query: UseQueryResult<PolicyVersionsResponse, Error>;
  /** the stored version shown in the editor */
  openId: number | null;
  editHref: (draftId: number) => string;
  publishedHref: string;
  /** asked before another version is opened (unsaved edits); false keeps the page as it is */
  mayLeave?: () => boolean;
}) {
  const guard = (e: React.MouseEvent) => {
    if (!mayLeave()) e.preventDefault();
  };
  const headingId = `versions-${policyId}`;
  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>Versions and drafts</h2>
      {query.isPending ? (
        <p role="status" className="state">
          Loading the versions…
        </p>
      ) : query.isError ? (
        <div className="error" role="alert">
          <p>The versions could not be loaded: {query.error.message}</p>
          <button type="button" onClick={() => void query.refetch()}>
            Try again
          </button>
        </div>
      ) : query.data.versions.length === 0 ? (
        <p className="state">No version of {policyId} is stored.</p>
      ) : (
        <div className={styles.scroll} role="region" aria-label="Versions table" tabIndex={0}>
          <table>
            <caption className="meta" style={{ textAlign: "left" }}>
              Every stored version of {policyId}, newest first. Times are UTC.
            </caption>
            <thead>
              <tr>
                <th scope="col">Stored version</th>
                <th scope="col">Version label</th>
                <th scope="col">Status</th>
                <th scope="col">Author</th>
                <th scope="col">Created</th>
                <th scope="col">Published</th>
                <th scope="col">sha256</th>
                <th scope="col">Open</th>
              </tr>
            </thead>
            <tbody>
              {query.data.versions.map((v) => {
                const open = v.policy_version_id === openId;
                return (
                  <tr key={v.policy_version_id} className={open ? styles.current : undefined}>
                    <th scope="row">#{v.policy_version_id}</th>
                    <td>{v.version}</td>
                    <td className={v.status === "published" ? styles.status : undefined}>
                      {versionStatusText(v)}
                    </td>
                    <td>{v.author}</td>
                    <td>
                      <time dateTime={v.created_at}>{day(v.created_at)}</time>
                    </td>
                    <td>
                      {v.published_at ? <time dateTime={v.published_at}>{day(v.published_at)}</time> : "—"}
                    </td>
                    <td>
                      <code className={styles.hash} title={v.sha256}>
                        {v.sha256.slice(0, 12)}
                      </code>
                    </td>
                    <td>
                      {open ? (
                        <span>in the editor</span>
                      ) : v.status === "published" ? (
                        <Link href={publishedHref} onClick={guard}>
                          Open published version {v.version}
                        </Link>
                      ) : v.status === "draft" ? (
                        <Link href={editHref(v.policy_version_id)} onClick={guard}>
                          Open draft {v.policy_version_id}
                        </Link>
                      ) : (
                        <Link href={editHref(v.policy_version_id)} onClick={guard}>
                          View #{v.policy_version_id}
                        </Link>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
