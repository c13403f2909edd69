export default function Loading() {
  return (
    <p className="state" role="status">
      Comparing the two versions and evaluating every model under both…
    </p>
  );
}
