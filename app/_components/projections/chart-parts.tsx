"use client";

import { ReferenceArea, ReferenceLine } from "recharts";

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

interface ThresholdMarks {
  threshold: { y: number; label: string };
  crossing: { x: number | null; area: { x1: number; x2: number } | null; label: string } | null;
}

/**
 * The crossing interval (shaded), the threshold line and the central crossing, as direct children of
 * a recharts chart (a plain function, not a component, so recharts sees the elements themselves).
 */
export function thresholdMarks({ threshold, crossing }: ThresholdMarks): React.ReactElement[] {
  const out: React.ReactElement[] = [];
  if (crossing?.area)
    out.push(
      <ReferenceArea
        key="crossing-area"
        x1={crossing.area.x1}
        x2={crossing.area.x2}
        fill="#f0a500"
        fillOpacity={0.2}
        stroke="#8a3b00"
        strokeOpacity={0.5}
        strokeDasharray="3 3"
      />,
    );
  out.push(
    <ReferenceLine
      key="threshold"
      y={threshold.y}
      stroke="#9a1c1c"
      strokeDasharray="6 4"
      strokeWidth={1.5}
      label={{ value: threshold.label, position: "insideTopLeft", fill: "#9a1c1c", fontSize: 12 }}
    />,
  );
  if (crossing?.x != null)
    out.push(
      <ReferenceLine
        key="crossing"
        x={crossing.x}
        stroke="#8a3b00"
        strokeWidth={1.5}
        label={{ value: crossing.label, position: "top", fill: "#8a3b00", fontSize: 12 }}
      />,
    );
  return out;
}
