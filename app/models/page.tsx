import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db";
import { listModels } from "@/db/queries";
import { formatFlop } from "@/lib/view/model-format";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Models" };

export default async function ModelsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const sp = await searchParams;
  const q = (Array.isArray(sp.q) ? sp.q[0] : sp.q)?.trim().toLowerCase() ?? "";
  const all = listModels(getDb());
  const models = q
    ? all.filter(
        (m) => m.id.includes(q) || m.name.toLowerCase().includes(q) || m.developer?.toLowerCase().includes(q),
      )
    : all;
  return (
    <>
      <h1>Models</h1>
      <p className="lede">
        Every model with scores or determinations on record. Open one for its evidence trace.
      </p>
      <form method="get" className="filters" role="search">
        <label>
          Name, id or developer
          <input type="search" name="q" defaultValue={q} />
        </label>
        <button type="submit">Search</button>
      </form>
      <p className="meta" role="status">
        {models.length} of {all.length} models
      </p>
      {models.length === 0 ? (
        <p className="state">No model matches “{q}”.</p>
      ) : (
        <table>
          <caption className="meta" style={{ textAlign: "left" }}>
            Models
          </caption>
          <thead>
            <tr>
              <th scope="col">Model</th>
              <th scope="col">Developer</th>
              <th scope="col">Released</th>
              <th scope="col">Training compute</th>
            </tr>
          </thead>
          <tbody>
            {models.map((m) => (
              <tr key={m.id}>
                <th scope="row">
                  <Link href={`/models/${encodeURIComponent(m.id)}`}>{m.name}</Link>
                  <div className="meta">
                    <code>{m.id}</code>
                  </div>
                </th>
                <td>{m.developer ?? "—"}</td>
                <td>{m.releaseDate ?? "—"}</td>
                <td>{formatFlop(m.trainingFlop)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
