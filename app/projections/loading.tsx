export default function Loading() {
  return (
    <>
      <h1>Projections</h1>
      <p className="state" role="status">
        Fitting curves and bootstrapping intervals…
      </p>
    </>
  );
}
