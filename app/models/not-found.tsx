import Link from "next/link";

export default function ModelNotFound() {
  return (
    <section className="panel" aria-labelledby="nf-heading">
      <h1 id="nf-heading">Model not found</h1>
      <p>
        No model has this id. Model ids are normalised slugs of the name an import first used, such as{" "}
        <code>claude-opus-4-20250514</code> or <code>gpt-4o-2024-05-13</code>; a dated release is a model of
        its own.
      </p>
      <ul>
        <li>
          <Link href="/models">Browse all models</Link> (search by name or alias)
        </li>
        <li>
          <Link href="/">Back to the overview</Link>
        </li>
        <li>
          A model appears once a file with its scores is imported: <Link href="/ingest">Ingest</Link>.
        </li>
      </ul>
    </section>
  );
}
