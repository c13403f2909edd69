export default function Loading() {
  return (
    <p className="state" role="status">
      Loading the policy editor…
    </p>
  );
}
