import { MARKERS, levelTone } from "@/lib/view/levels";
import type { Marker, Tone } from "@/lib/view/levels";

/** A level as text, colour and symbols; the accessible name spells out every marker. */
export function LevelBadge({
  level,
  levels,
  title,
  evidenced,
  markers = [],
  tone,
}: {
  level: string | null;
  levels: string[];
  title?: string;
  evidenced?: string | null;
  markers?: Marker[];
  tone?: Tone;
}) {
  const t = tone ?? levelTone(levels, level);
  const words = [title ?? level ?? "none"];
  if (evidenced && evidenced !== level) words.push(`evidenced: ${evidenced}`);
  for (const m of markers) words.push(MARKERS[m].label);
  // Sighted readers get the level and symbols (with the full text as a tooltip); screen readers get the
  // full text instead of the symbols. aria-label is not allowed on a plain span, so the text is real.
  return (
    <span className={`badge tone-${t}`} title={words.join("; ")}>
      <span aria-hidden="true">
        {title ?? level ?? "—"}
        {markers.length > 0 && (
          <span className="markers"> {markers.map((m) => MARKERS[m].symbol).join("")}</span>
        )}
      </span>
      <span className="sr-only">{words.join("; ")}</span>
    </span>
  );
}

export function MarkerLegend() {
  return (
    <dl className="legend" aria-label="Legend">
      {(Object.keys(MARKERS) as Marker[]).map((m) => (
        <div key={m}>
          <dt aria-hidden="true">{MARKERS[m].symbol}</dt>
          <dd>{MARKERS[m].label}</dd>
        </div>
      ))}
    </dl>
  );
}

/** A plain tone chip for gate outcomes and statuses: text first, colour second. */
export function ToneChip({ tone, children }: { tone: Tone; children: React.ReactNode }) {
  return <span className={`badge tone-${tone}`}>{children}</span>;
}
