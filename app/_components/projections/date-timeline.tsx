import type { Timeline } from "@/lib/view/projection-summary";
import styles from "./projections.module.css";

/** A small bar of the crossing date: the interval, the point and today. The text beside it says the same. */
export function DateTimeline({ timeline }: { timeline: Timeline }) {
  return (
    <div aria-hidden="true">
      <div className={styles.timeline}>
        <div className={styles.track} />
        {timeline.range && (
          <div
            className={`${styles.range} ${timeline.range.openHigh ? styles.rangeOpen : ""}`}
            style={{ left: `${timeline.range.left}%`, width: `${timeline.range.width}%` }}
          />
        )}
        {timeline.today && (
          <div
            className={styles.todayMark}
            style={{ left: `${timeline.today.left}%` }}
            title={timeline.today.label}
          />
        )}
        {timeline.point && (
          <div
            className={styles.pointMark}
            style={{ left: `${timeline.point.left}%` }}
            title={timeline.point.label}
          />
        )}
      </div>
      <div className={styles.timelineEnds}>
        <span>{timeline.from}</span>
        <span>solid: crossing · dotted: {timeline.today?.label}</span>
        <span>{timeline.to}</span>
      </div>
    </div>
  );
}
