export default function Loading() {
  return (
    <div role="status" aria-live="polite" className="state">
      <p>
        <strong>Evaluating the model…</strong>
      </p>
      <p>Reading its scores and determinations and running every published policy over them.</p>
    </div>
  );
}
