import Link from "next/link";
import type { StoredAuditEntry } from "@/lib/audit";
import styles from "./audit.module.css";
import { auditPageHref, PAGE_SIZE } from "./page-params";
import type { RawFilters } from "./page-params";
import { prettyPayload, summarisePayload } from "./summarise";

interface Props {
  entries: StoredAuditEntry[];
  total: number;
  page: number;
  raw: RawFilters;
}

/** One page of the log, newest first; the full payload and hash are one click away. */
export function AuditTable({ entries, total, page, raw }: Props) {
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const filtered = Object.keys(raw).length > 0;
  if (total === 0)
    return (
      <p className="state">
        {filtered
          ? "No entry matches these filters."
          : "The audit log is empty: nothing has been recorded yet."}
      </p>
    );
  const firstShown = (page - 1) * PAGE_SIZE + 1;
  const lastShown = firstShown + entries.length - 1;
  return (
    <>
      <p className="meta" id="audit-count">
        {total} {total === 1 ? "entry" : "entries"}
        {filtered ? " match" : " in the log"}
        {entries.length > 0 ? `; showing ${firstShown}–${lastShown}, newest first` : ""}
      </p>
      {entries.length === 0 ? (
        <p className="state">
          There is no page {page}. <Link href={auditPageHref(raw)}>Go to the first page</Link>.
        </p>
      ) : (
        <div className={styles.tableWrap}>
          <table aria-describedby="audit-count">
            <caption className="meta" style={{ textAlign: "left" }}>
              Audit log entries, page {page} of {pages}
            </caption>
            <thead>
              <tr>
                <th scope="col">Seq</th>
                <th scope="col">At (UTC)</th>
                <th scope="col">Actor</th>
                <th scope="col">Action</th>
                <th scope="col">Subject</th>
                <th scope="col">Payload</th>
                <th scope="col">Hash</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.seq}>
                  <td>{e.seq}</td>
                  <td className={styles.nowrap}>
                    <time dateTime={e.at}>{e.at.replace("T", " ").replace("Z", "")}</time>
                  </td>
                  <td>{e.actor}</td>
                  <td className={styles.nowrap}>{e.action}</td>
                  <td>{e.subject}</td>
                  <td>
                    <details className={styles.payload}>
                      <summary>{summarisePayload(e.payload_text)}</summary>
                      <pre>{prettyPayload(e.payload_text)}</pre>
                    </details>
                  </td>
                  <td>
                    <code title={e.hash}>{e.hash.slice(0, 12)}…</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pages > 1 && (
        <nav className={styles.pager} aria-label="Audit log pages">
          {page > 1 ? <Link href={auditPageHref(raw, page - 1)}>← Newer entries</Link> : <span />}
          <span className="meta">
            Page {Math.min(page, pages)} of {pages}
          </span>
          {page < pages ? <Link href={auditPageHref(raw, page + 1)}>Older entries →</Link> : <span />}
        </nav>
      )}
    </>
  );
}
