"use client";

import { useEffect, useRef, useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { batchRow } from "@/lib/view/ingest";
import type { BatchRowView } from "@/lib/view/ingest";
import { rollBackBatch } from "./api";
import { AFTER_DATA_CHANGE, batchesQuery } from "./queries";
import styles from "./ingest.module.css";

/**
 * Every import batch, newest first, each active one with a two-step rollback. `rollbackNote` is set
 * (who may roll back) when the signed-in role may not, and the buttons are left out.
 */
export function BatchList({ rollbackNote = null }: { rollbackNote?: string | null }) {
  const queryClient = useQueryClient();
  const batches = useQuery(batchesQuery());
  const [confirming, setConfirming] = useState<number | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const rollback = useMutation({
    mutationFn: (id: number) => rollBackBatch(id),
    onSuccess: (r) => {
      setConfirming(null);
      setNotice(`Batch ${r.batch_id} rolled back: ${r.removed} score${r.removed === 1 ? "" : "s"} removed.`);
    },
    // A 409 (already rolled back by someone else) also means the list is stale.
    onSettled: () =>
      Promise.all(AFTER_DATA_CHANGE.map((queryKey) => queryClient.invalidateQueries({ queryKey }))),
  });

  return (
    <section className="panel" aria-labelledby="batches-heading">
      <h2 id="batches-heading">Import batches</h2>
      <p className="meta">
        Every upload that wrote something is a batch. Rolling a batch back deletes the scores it inserted; the
        batch stays listed, marked rolled back, and the audit log records who did it.
        {batches.isFetching && !batches.isPending && " Refreshing…"}
      </p>
      {rollbackNote && (
        <p className="meta" role="note">
          {rollbackNote}
        </p>
      )}
      <div aria-live="polite">
        {notice && (
          <p className={styles.success} role="status">
            {notice}
          </p>
        )}
        {batches.isError && batches.data !== undefined && (
          <p className="error" role="alert">
            The list could not be refreshed ({batches.error.message}); it shows the batches as last loaded.{" "}
            <button type="button" className="secondary" onClick={() => void batches.refetch()}>
              Try again
            </button>
          </p>
        )}
        {rollback.isError && (
          <p className="error" role="alert">
            Rollback failed: {rollback.error.message}
          </p>
        )}
      </div>
      {batches.isPending ? (
        <p className="state" role="status">
          Loading import batches…
        </p>
      ) : batches.data === undefined ? (
        <div className="error" role="alert">
          <p>The import batches could not be loaded: {batches.error?.message ?? "unknown error"}</p>
          <button type="button" onClick={() => void batches.refetch()}>
            Try again
          </button>
        </div>
      ) : batches.data.length === 0 ? (
        <p className="state">No import batches yet. Upload a file above to create the first one.</p>
      ) : (
        <div className={styles.scroll}>
          <table>
            <caption className="meta">Import batches, newest first ({batches.data.length})</caption>
            <thead>
              <tr>
                <th scope="col">Batch</th>
                <th scope="col">File</th>
                <th scope="col">Format</th>
                <th scope="col" className={styles.num}>
                  Inserted
                </th>
                <th scope="col" className={styles.num}>
                  Duplicates
                </th>
                <th scope="col" className={styles.num}>
                  Rejected
                </th>
                <th scope="col">Status</th>
                <th scope="col">By</th>
                <th scope="col">At</th>
                {!rollbackNote && <th scope="col">Action</th>}
              </tr>
            </thead>
            <tbody>
              {batches.data.map(batchRow).map((b) => (
                <BatchTableRow
                  key={b.id}
                  b={b}
                  canAct={!rollbackNote}
                  confirming={confirming === b.id}
                  busy={rollback.isPending && rollback.variables === b.id}
                  onAsk={() => {
                    setNotice(null);
                    rollback.reset();
                    setConfirming(b.id);
                  }}
                  onCancel={() => setConfirming(null)}
                  onConfirm={() => rollback.mutate(b.id)}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function BatchTableRow({
  b,
  canAct,
  confirming,
  busy,
  onAsk,
  onCancel,
  onConfirm,
}: {
  b: BatchRowView;
  canAct: boolean;
  confirming: boolean;
  busy: boolean;
  onAsk: () => void;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  const confirmButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    // The confirm step replaces the button that had focus; keep keyboard users where they were.
    if (confirming) confirmButton.current?.focus();
  }, [confirming]);
  return (
    <tr>
      <th scope="row" className={styles.num}>
        {b.id}
      </th>
      <td className={styles.file}>
        {b.file}
        {b.synthetic && (
          <>
            {" "}
            <span className="chip">synthetic</span>
          </>
        )}
      </td>
      <td className={styles.nowrap}>
        <code>{b.format}</code>
      </td>
      <td className={styles.num}>{b.inserted}</td>
      <td className={styles.num}>{b.duplicates}</td>
      <td className={styles.num}>{b.rejected}</td>
      <td>
        {b.status}
        {b.statusDetail && <div className="meta">{b.statusDetail}</div>}
      </td>
      <td>{b.by}</td>
      <td>{b.at}</td>
      {canAct && (
        <td className={styles.nowrap}>
          {!b.canRollBack ? (
            <span className="muted">—</span>
          ) : confirming ? (
            <div className={styles.confirm} role="group" aria-label={`Confirm rollback of batch ${b.id}`}>
              <p>
                Delete the {b.inserted} score{b.inserted === 1 ? "" : "s"} batch {b.id} inserted?
              </p>
              <div>
                <button ref={confirmButton} type="button" onClick={onConfirm} disabled={busy}>
                  {busy ? "Rolling back…" : "Confirm rollback"}
                </button>
                <button type="button" className="secondary" onClick={onCancel} disabled={busy}>
                  Cancel
                </button>
              </div>
            </div>
          ) : (
            <button type="button" className="secondary" onClick={onAsk}>
              Roll back
              <span className={styles.srOnly}>
                {" "}
                batch {b.id} ({b.file})
              </span>
            </button>
          )}
        </td>
      )}
    </tr>
  );
}
