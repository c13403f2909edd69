import { MARKERS } from "@/lib/view/levels";
import type { Marker, Tone } from "@/lib/view/levels";
import styles from "./model.module.css";

/** A status in words first; tone and marker symbols only repeat what the words say. */
export function StatusChip({ label, tone, markers = [] }: { label: string; tone: Tone; markers?: Marker[] }) {
  return (
    <span className={`badge tone-${tone}`}>
      {label}
      {markers.length > 0 && (
        <>
          <span className="markers" aria-hidden="true">
            {" "}
            {markers.map((m) => MARKERS[m].symbol).join("")}
          </span>
          <span className={styles.srOnly}>; {markers.map((m) => MARKERS[m].label).join("; ")}</span>
        </>
      )}
    </span>
  );
}
