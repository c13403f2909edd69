import Link from "next/link";
import { policyLabel } from "@/lib/view/model-format";
import styles from "./model.module.css";

/** Policies as links (`?policy=`), so each reading has its own address the overview can link to. */
export function PolicyTabs({
  modelId,
  policies,
  current,
}: {
  modelId: string;
  policies: { id: string; title: string; version: string }[];
  current: string | null;
}) {
  return (
    <nav aria-label="Policy">
      <ul className={styles.tabs}>
        {policies.map((p) => (
          <li key={p.id}>
            <Link
              href={`/models/${encodeURIComponent(modelId)}?policy=${encodeURIComponent(p.id)}`}
              aria-current={p.id === current ? "page" : undefined}
              scroll={false}
            >
              {policyLabel(p.title, p.version)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
