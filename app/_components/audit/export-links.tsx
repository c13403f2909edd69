import { governancePaths } from "@/lib/api/governance-schemas";
import styles from "./audit.module.css";
import type { RawFilters } from "./page-params";

/** Downloads from the API with the page's filters (the server sends them as attachments). */
export function ExportLinks({ raw }: { raw: RawFilters }) {
  const filtered = Object.keys(raw).length > 0;
  return (
    <>
      <a className={styles.buttonLink} href={governancePaths.auditExport("jsonl", raw)} download>
        Export JSONL
      </a>
      <a className={styles.buttonLink} href={governancePaths.auditExport("csv", raw)} download>
        Export CSV
      </a>
      <span className="meta">{filtered ? "with the filters above" : "the whole log"}</span>
    </>
  );
}
