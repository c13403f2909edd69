import Link from "next/link";
import type { RawFilters } from "./page-params";

/**
 * The filters as a plain GET form: they live in the URL, work without JavaScript, and a filtered
 * view can be bookmarked or sent to a colleague. Submitting starts again at page 1.
 */
export function AuditFilters({ raw, actions }: { raw: RawFilters; actions: readonly string[] }) {
  return (
    <form method="get" action="/audit" className="filters" aria-label="Filter the audit log">
      <label>
        From (UTC day)
        <input type="date" name="from" defaultValue={raw.from ?? ""} />
      </label>
      <label>
        To (UTC day, inclusive)
        <input type="date" name="to" defaultValue={raw.to ?? ""} />
      </label>
      <label>
        Actor
        <input
          type="text"
          name="actor"
          defaultValue={raw.actor ?? ""}
          placeholder="exact, e.g. scalegate-seed"
        />
      </label>
      <label>
        Action
        <select name="action" defaultValue={raw.action ?? ""}>
          <option value="">Any action</option>
          {actions.map((a) => (
            <option key={a} value={a}>
              {a}
            </option>
          ))}
        </select>
      </label>
      <button type="submit">Apply filters</button>
      <Link href="/audit">Clear filters</Link>
    </form>
  );
}
