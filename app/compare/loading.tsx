export default function Loading() {
  return (
    <div role="status" aria-live="polite" className="state">
      <p>Loading the comparison…</p>
    </div>
  );
}
