"use client";

import { useMemo } from "react";
import { levelTone } from "@/lib/view/levels";
import type { LeafView, ProjectionsResponse } from "@/lib/view/projection-schema";
import { toComputeSeries } from "@/lib/view/projection-series";
import { toTrendSeries } from "@/lib/view/projection-trend";
import { formatThreshold } from "@/lib/view/projection-format";
import {
  backtestLines,
  crossingDateText,
  crossingText,
  doublingText,
  leafCaption,
  leafId,
  leafLabels,
  plannedText,
  pointTable,
  toTimeline,
  warningLines,
} from "@/lib/view/projection-summary";
import { ComputeChart } from "./compute-chart";
import { TrendChart } from "./trend-chart";
import { ComputeLegend, TrendLegend } from "./legends";
import { DateTimeline } from "./date-timeline";
import { PointsTable } from "./points-table";
import styles from "./projections.module.css";

export function LeafCard({ leaf, data, asOf }: { leaf: LeafView; data: ProjectionsResponse; asOf: string }) {
  const policyId = data.policy.id;
  const planned = data.planned_flop;
  const labels = leafLabels(leaf, data);
  const id = leafId(leaf);
  const computeSeries = useMemo(
    () =>
      leaf.method === "compute-sigmoid" ? toComputeSeries(leaf, { policyId, plannedFlop: planned }) : null,
    [leaf, policyId, planned],
  );
  const trendSeries = useMemo(
    () => (leaf.method === "time-trend" ? toTrendSeries(leaf, { policyId }) : null),
    [leaf, policyId],
  );
  const sotaIds = useMemo(
    () => (trendSeries ? new Set(trendSeries.points.filter((p) => p.sota).map((p) => p.id)) : undefined),
    [trendSeries],
  );
  const table = pointTable(leaf, { policyId, unit: labels.unit, ...(sotaIds ? { sotaIds } : {}) });
  const level = data.policy.levels.find((l) => l.id === leaf.level);
  const tone = levelTone(
    data.policy.levels.map((l) => l.id),
    leaf.level,
  );
  const warnings = warningLines(leaf.warnings);
  const backtest = backtestLines(leaf);
  const plannedLine = plannedText(leaf, planned);
  const timeline = leaf.method === "compute-sigmoid" ? toTimeline(leaf.crossing_date, asOf) : null;
  const captionId = `${id}-caption`;

  return (
    <article className={styles.leaf} aria-labelledby={`${id}-title`} id={id}>
      <div className={styles.leafHead}>
        <h3 id={`${id}-title`}>
          {labels.threshold} · {labels.metric}
        </h3>
        {level ? (
          // Not LevelBadge: its aria-label on a bare span is an axe violation (aria-prohibited-attr).
          <span className={`badge tone-${tone}`}>level: {level.title}</span>
        ) : (
          <span className="chip">checkpoint</span>
        )}
        <span>
          threshold{" "}
          <code>{formatThreshold(leaf.op, leaf.value, labels.unit === "minutes" ? "minutes" : "score")}</code>
        </span>
        <span className={`mark mark-${leaf.calibration}`}>{leaf.calibration}</span>
      </div>
      <div className={styles.body}>
        <figure className={styles.figure}>
          {computeSeries && (
            <>
              <ComputeChart series={computeSeries} />
              <ComputeLegend
                planned={computeSeries.planned !== null}
                crossing={computeSeries.crossing !== null}
              />
            </>
          )}
          {trendSeries && (
            <>
              <TrendChart series={trendSeries} />
              <TrendLegend />
            </>
          )}
          {leaf.method === "none" && (
            <p className="state">
              <strong>No projection:</strong> {leaf.skipped ?? "not enough data"}.
            </p>
          )}
          <figcaption id={captionId} className={styles.caption}>
            {leafCaption(leaf, labels)}
          </figcaption>
          <PointsTable table={table} caption={`${labels.metric}: ${table.rows.length} models`} />
        </figure>
        <div className={styles.aside}>
          <h4>Forecast</h4>
          <dl className={styles.facts}>
            {leaf.method === "compute-sigmoid" && (
              <>
                <dt>Crossing compute</dt>
                <dd>{crossingText(leaf)}</dd>
                <dt>Crossing date</dt>
                <dd>{crossingDateText(leaf)}</dd>
              </>
            )}
            {leaf.method === "time-trend" && (
              <>
                <dt>Trend</dt>
                <dd>{doublingText(leaf)}</dd>
                <dt>Crossing date</dt>
                <dd>{crossingDateText(leaf)}</dd>
              </>
            )}
            {leaf.method === "none" && (
              <>
                <dt>No projection</dt>
                <dd>{leaf.skipped ?? "not enough data"}</dd>
              </>
            )}
            {plannedLine && (
              <>
                <dt>Planned run</dt>
                <dd data-testid="p-planned">{plannedLine}</dd>
              </>
            )}
          </dl>
          {timeline && <DateTimeline timeline={timeline} />}
          <h4>Warnings</h4>
          {warnings.length === 0 ? (
            <p className="muted">None raised.</p>
          ) : (
            <ul className={styles.warnings}>
              {warnings.map((w) => (
                <li key={w.code}>
                  <span className={styles.symbol} aria-hidden="true">
                    ⚠{w.symbol}
                  </span>
                  <strong>{w.label}</strong> <code>{w.code}</code>: {w.message}
                  {w.suggestion && <div>{w.suggestion}</div>}
                </li>
              ))}
            </ul>
          )}
          <h4>Backtest</h4>
          {backtest.kind === "done" ? (
            <>
              <dl className={styles.facts}>
                {backtest.rows.map((r) => (
                  <div key={r.label} style={{ display: "contents" }}>
                    <dt>{r.label}</dt>
                    <dd>{r.value}</dd>
                  </div>
                ))}
              </dl>
              <p className="meta">
                Reference: MAE ≈ 6 points on BBH one order of magnitude ahead (Owen 2024).
              </p>
            </>
          ) : (
            <p className="muted">Skipped: {backtest.reason}.</p>
          )}
        </div>
      </div>
    </article>
  );
}
