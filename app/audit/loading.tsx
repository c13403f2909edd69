/** Shown while the audit page reads the log and re-evaluates the recent decisions. */
export default function AuditLoading() {
  return (
    <div role="status" aria-live="polite" className="state">
      <p>Loading the audit log…</p>
    </div>
  );
}
