import { getDb } from "@/db";
import { listPublishedPolicies, readPolicyDir } from "@/db/policies";
import { describePredicate } from "@/lib/policy/describe";
import { levelId, levelTitle } from "@/lib/policy";
import type { Policy } from "@/lib/policy";

export const dynamic = "force-dynamic";

export default function HomePage() {
  // Published versions come from the database; a shipped file that does not validate is shown, not hidden.
  const published = listPublishedPolicies(getDb());
  const invalid = readPolicyDir().filter((f) => !f.policy);
  const shipped = [
    ...published.map((p) => ({ file: p.row.policyId, policy: p.policy, problems: [] })),
    ...invalid.map((f) => ({ file: f.file, policy: undefined, problems: f.problems })),
  ];
  return (
    <>
      <h1>Shipped policies</h1>
      <p className="lede">
        Responsible scaling frameworks encoded as <code>scalegate/policy@1</code> files: their levels, the
        capability domains they track and the thresholds that move a model up a level.
      </p>
      {shipped.length === 0 && <p className="panel">No policy files found in policies/.</p>}
      {shipped.map((s) =>
        s.policy ? (
          <PolicySummary key={s.file} policy={s.policy} />
        ) : (
          <section key={s.file} className="panel" aria-label={s.file}>
            <h2>{s.file}</h2>
            <div className="error" role="alert">
              <p>This policy file is invalid and is not used:</p>
              <ul>
                {s.problems.map((p, i) => (
                  <li key={i}>
                    <code>
                      {p.file}:{p.line}:{p.col}
                    </code>{" "}
                    {p.message}
                  </li>
                ))}
              </ul>
            </div>
          </section>
        ),
      )}
    </>
  );
}

function PolicySummary({ policy }: { policy: Policy }) {
  const headingId = `policy-${policy.id}`;
  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{policy.title}</h2>
      <p className="meta">
        {policy.publisher} · version {policy.version} · published {policy.published}
        {policy.supersedes ? ` · supersedes ${policy.supersedes}` : ""} · <code>{policy.id}</code>
      </p>
      <h3>Levels (lowest first)</h3>
      <ol className="chips" aria-label={`Levels of ${policy.title}`}>
        {policy.levels.map((l) => (
          <li key={levelId(l)} className="chip">
            {levelTitle(l)}
          </li>
        ))}
      </ol>
      <h3>Domains and thresholds</h3>
      <table>
        <caption className="meta" style={{ textAlign: "left" }}>
          Thresholds of {policy.title}
        </caption>
        <thead>
          <tr>
            <th scope="col">Domain</th>
            <th scope="col">Threshold</th>
            <th scope="col">Level</th>
            <th scope="col">Indicator</th>
          </tr>
        </thead>
        <tbody>
          {policy.domains.flatMap((d) =>
            d.thresholds.map((t, i) => (
              <tr key={t.id}>
                {i === 0 && (
                  <th scope="rowgroup" rowSpan={d.thresholds.length}>
                    {d.title}
                  </th>
                )}
                <td>
                  <strong>{t.title ?? t.id}</strong>
                  <details>
                    <summary>Definition{t.locator ? ` (${t.locator})` : ""}</summary>
                    <blockquote>{t.definition}</blockquote>
                    {t.wording && t.wording !== "verbatim" && <p className="meta">Wording: {t.wording}</p>}
                  </details>
                </td>
                <td>{t.kind === "checkpoint" ? "checkpoint" : t.level}</td>
                <td>
                  {t.when ? (
                    <ul className="chips">
                      {describePredicate(t.when).map((leaf, j) => (
                        <li key={j}>
                          <code>{leaf.text}</code>{" "}
                          {leaf.calibration && (
                            <span className={`mark mark-${leaf.calibration}`}>{leaf.calibration}</span>
                          )}
                        </li>
                      ))}
                    </ul>
                  ) : (
                    <span className="mark mark-none">human determination only</span>
                  )}
                </td>
              </tr>
            )),
          )}
        </tbody>
      </table>
    </section>
  );
}
