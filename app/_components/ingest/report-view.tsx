import type { ErrorRowView, ReportView } from "@/lib/view/ingest";
import styles from "./ingest.module.css";

export function ErrorRowsTable({ rows, caption }: { rows: ErrorRowView[]; caption: string }) {
  return (
    <div className={styles.scroll}>
      <table>
        <caption className="meta">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Row</th>
            <th scope="col">Field</th>
            <th scope="col">Message</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <td className={styles.nowrap}>{r.row}</td>
              <td>{r.field}</td>
              <td>{r.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Raw names that look like a known model: how to map them, or to accept them as new. */
function PossibleDuplicates({ items }: { items: ReportView["possibleDuplicates"] }) {
  if (items.length === 0) return null;
  return (
    <>
      <h4>Possible duplicate models</h4>
      <p className="meta">
        These names are not known models but look like one. If they are the same model, map the name with the
        command shown and upload again; if they are new models, tick “Accept new models” and upload again.
      </p>
      <ul>
        {items.map((d) => (
          <li key={d.raw}>
            “{d.raw}” looks like <code>{d.similarTo}</code> ({d.reason})
            <code className={styles.command}>{d.aliasCommand}</code>
          </li>
        ))}
      </ul>
    </>
  );
}

/** One imported (or unchanged) file: what was written. */
export function ImportedReport({ report }: { report: ReportView }) {
  return (
    <section aria-label={`Import of ${report.file}`}>
      <p className={styles.success}>
        <strong>{report.headline}</strong> Format: <code>{report.format}</code>.
      </p>
      <dl className={styles.facts}>
        {report.facts.map((f) => (
          <div key={f.label} style={{ display: "contents" }}>
            <dt>{f.label}</dt>
            <dd>{f.value}</dd>
          </div>
        ))}
      </dl>
      {report.modelsCreated.length > 0 && (
        <p>
          Models created:{" "}
          {report.modelsCreated.map((m, i) => (
            <span key={m}>
              {i > 0 && ", "}
              <code>{m}</code>
            </span>
          ))}
        </p>
      )}
      <PossibleDuplicates items={report.possibleDuplicates} />
      {report.errors.length > 0 && (
        <ErrorRowsTable
          rows={report.errors}
          caption={`Rows of ${report.file} not imported (partial import)`}
        />
      )}
      {report.notes.length > 0 && (
        <ul className="meta">
          {report.notes.map((n, i) => (
            <li key={i}>{n}</li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** A file refused whole: every bad row, and that nothing was written. */
export function RejectedReport({ report, message }: { report: ReportView; message: string }) {
  return (
    <section aria-label={`Rejected file ${report.file}`}>
      <div className="error" role="alert">
        <p>
          <strong>Nothing was imported.</strong> {report.file} has {report.errors.length} invalid row
          {report.errors.length === 1 ? "" : "s"}, so the whole file was rejected.
        </p>
        <p className="meta">{message}</p>
      </div>
      <ErrorRowsTable rows={report.errors} caption={`Rejected rows of ${report.file}`} />
      <PossibleDuplicates items={report.possibleDuplicates} />
      <p className="meta">
        Fix these rows and upload the file again, or tick “Partial” to import the valid rows and record the
        rest.
      </p>
    </section>
  );
}
