"use client";

/** A tick formatter that looks labels up; the mapper computed them. */
export function tickLabels(ticks: readonly { value: number; label: string }[]) {
  const byValue = new Map(ticks.map((t) => [t.value, t.label]));
  return (v: number) => byValue.get(v) ?? "";
}

interface DotProps {
  cx?: number;
  cy?: number;
  payload?: { href: string; label: string; sota?: boolean };
}

/**
 * A model: a link to its page for pointer users. Keyboard and screen-reader users get the same links in
 * the table alternative, so the dot stays out of the tab order. Hollow = not state of the art.
 */
export function ModelDot({ cx, cy, payload }: DotProps) {
  if (cx == null || cy == null || !payload) return <g />;
  const hollow = payload.sota === false;
  return (
    <a href={payload.href} tabIndex={-1}>
      <title>{payload.label}</title>
      <circle
        cx={cx}
        cy={cy}
        r={4.5}
        fill={hollow ? "#ffffff" : "#1b1d21"}
        stroke="#1b1d21"
        strokeWidth={1.5}
        fillOpacity={hollow ? 1 : 0.75}
      />
    </a>
  );
}
