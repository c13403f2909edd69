import Link from "next/link";
import type { ModelRow } from "@/db/queries";
import { formatFlop, formatNumber } from "@/lib/view/model-format";
import styles from "./model.module.css";

function Fact({ term, value, source }: { term: string; value: string; source?: string | undefined }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd>
        {value}
        {source && <div className="meta">from {source}</div>}
      </dd>
    </div>
  );
}

export function ModelHeader({
  model,
  aliases,
}: {
  model: ModelRow;
  aliases: { alias: string; raw: string; source: string | null }[];
}) {
  const src = model.metadataSources;
  return (
    <header>
      <nav aria-label="Breadcrumb" className={styles.crumbs}>
        <ol>
          <li>
            <Link href="/">Overview</Link>
          </li>
          <li>
            <Link href="/models">Models</Link>
          </li>
          <li aria-current="page">{model.name}</li>
        </ol>
      </nav>
      <h1>{model.name}</h1>
      <p className="lede">
        <code>{model.id}</code>
        {model.synthetic && (
          <>
            {" "}
            · <span className="mark mark-illustrative">synthetic data</span>
          </>
        )}
      </p>
      <dl className={styles.facts}>
        <Fact term="Developer" value={model.developer ?? "—"} source={src.developer} />
        <Fact term="Family" value={model.family ?? "—"} source={src.family} />
        <Fact term="Released" value={model.releaseDate ?? "—"} source={src.release_date} />
        <Fact
          term="Parameters"
          value={model.paramsB === null ? "—" : `${formatNumber(model.paramsB)} B`}
          source={src.params_b}
        />
        <Fact term="Training compute" value={formatFlop(model.trainingFlop)} source={src.training_flop} />
        {model.effectiveCompute !== null && (
          <Fact
            term="Effective compute"
            value={formatFlop(model.effectiveCompute)}
            source={src.effective_compute}
          />
        )}
      </dl>
      {aliases.length > 0 && (
        <details>
          <summary>
            {aliases.length} name{aliases.length === 1 ? "" : "s"} this model was imported under
          </summary>
          <ul>
            {aliases.map((a) => (
              <li key={a.alias}>
                {a.raw} {a.source && <span className="meta">({a.source})</span>}
              </li>
            ))}
          </ul>
        </details>
      )}
    </header>
  );
}
