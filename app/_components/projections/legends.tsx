import styles from "./projections.module.css";

function Item({ swatch, children }: { swatch: string | undefined; children: React.ReactNode }) {
  return (
    <li>
      <span className={`${styles.swatch} ${swatch ?? ""}`} aria-hidden="true" />
      {children}
    </li>
  );
}

/** What each mark of a compute chart is, in words: the line styles differ, not only the colours. */
export function ComputeLegend({ planned, crossing }: { planned: boolean; crossing: boolean }) {
  return (
    <ul className={styles.legend} aria-label="Chart legend">
      <Item swatch={styles.swDot}>model (links to its page)</Item>
      <Item swatch={styles.swLine}>fitted sigmoid</Item>
      <Item swatch={styles.swBand}>80% band</Item>
      <Item swatch={styles.swThreshold}>threshold (dashed)</Item>
      {crossing && <Item swatch={styles.swCrossing}>crossing and its 80% interval</Item>}
      {planned && <Item swatch={styles.swPlanned}>planned run (dotted)</Item>}
    </ul>
  );
}

export function TrendLegend() {
  return (
    <ul className={styles.legend} aria-label="Chart legend">
      <Item swatch={styles.swDot}>state-of-the-art model</Item>
      <Item swatch={styles.swHollow}>other model (hollow)</Item>
      <Item swatch={styles.swLine}>SOTA trend</Item>
      <Item swatch={styles.swThreshold}>threshold (dashed)</Item>
      <Item swatch={styles.swCrossing}>trend crossing and its interval</Item>
    </ul>
  );
}
