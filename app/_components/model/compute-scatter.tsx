"use client";

import {
  CartesianGrid,
  Legend,
  ReferenceLine,
  Scatter,
  ScatterChart,
  Symbols,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import type { ComputeScatter as ComputeScatterData, ScatterPoint } from "@/lib/view/chart";
import { powerOfTen } from "@/lib/view/chart";
import { formatFlop, formatNumber } from "@/lib/view/model-format";
import styles from "./model.module.css";

const THIS = "#b3261e";
const OTHER = "#5f6b7a";
const LINE = "#7a5200";

function PointTooltip({ active, payload }: { active?: boolean; payload?: { payload?: ScatterPoint }[] }) {
  const p = payload?.[0]?.payload;
  if (!active || !p) return null;
  return (
    <div className="panel" style={{ margin: 0, padding: "0.4rem 0.6rem" }}>
      <strong>{p.name}</strong>
      {p.highlighted ? " (this model)" : ""}
      <br />
      {formatNumber(p.y)} at {formatFlop(p.flop)}
    </div>
  );
}

/** This model's point: larger than the others and outlined, so it stands out in greyscale too. */
function HighlightStar({ cx, cy }: { cx?: number; cy?: number }) {
  if (cx === undefined || cy === undefined) return <g />;
  return <Symbols cx={cx} cy={cy} type="star" size={280} fill={THIS} stroke="#1b1d21" strokeWidth={1} />;
}

/** A dumb renderer: every number comes from lib/view/chart.ts toComputeScatter. */
export function ComputeScatter({
  data,
  modelName,
  metricLabel,
}: {
  data: ComputeScatterData;
  modelName: string;
  metricLabel: string;
}) {
  const thisName = `${modelName} (this model)`;
  return (
    <div className={styles.chart}>
      <ScatterChart
        responsive
        style={{ width: "100%", height: "100%" }}
        margin={{ top: 16, right: 24, bottom: 32, left: 16 }}
        accessibilityLayer
        title={`${metricLabel} against training compute`}
      >
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis
          type="number"
          dataKey="x"
          name="training compute"
          domain={data.xDomain}
          ticks={data.xTicks}
          tickFormatter={(x: number) => powerOfTen(x)}
          label={{ value: "training compute (FLOP, log scale)", position: "insideBottom", offset: -20 }}
        />
        <YAxis
          type="number"
          dataKey="y"
          name={metricLabel}
          domain={data.yDomain}
          ticks={data.yTicks}
          tickFormatter={(y: number) => formatNumber(y)}
          width={64}
        />
        <Tooltip content={<PointTooltip />} />
        <Legend verticalAlign="top" />
        {data.thresholds.map((t) => (
          <ReferenceLine
            key={t.label}
            y={t.y}
            stroke={LINE}
            strokeDasharray="6 4"
            ifOverflow="extendDomain"
            label={{ value: t.label, position: "insideTopLeft", fill: LINE, fontSize: 12 }}
          />
        ))}
        <Scatter
          name="other models"
          data={data.points}
          fill={OTHER}
          shape="circle"
          isAnimationActive={false}
        />
        <Scatter
          name={thisName}
          data={data.highlighted ? [data.highlighted] : []}
          fill={THIS}
          shape={HighlightStar}
          legendType="star"
          isAnimationActive={false}
        />
      </ScatterChart>
    </div>
  );
}
