"use client";

import {
  Area,
  CartesianGrid,
  ComposedChart,
  Line,
  ReferenceArea,
  ReferenceLine,
  ResponsiveContainer,
  Scatter,
  XAxis,
  YAxis,
} from "recharts";
import type { ComputeSeries } from "@/lib/view/projection-series";
import { formatScore } from "@/lib/view/projection-format";
import styles from "./projections.module.css";
import { ModelDot, tickLabels } from "./chart-parts";

/**
 * Scores against log10 compute: a dumb renderer of toComputeSeries. Hidden from assistive technology:
 * the figcaption and the table beside it say everything the chart shows.
 */
export function ComputeChart({ series }: { series: ComputeSeries }) {
  const xLabel = tickLabels(series.xTicks);
  return (
    <div className={styles.chart} aria-hidden="true">
      <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 560, height: 300 }}>
        <ComposedChart
          data={series.curve}
          margin={{ top: 18, right: 24, bottom: 22, left: 4 }}
          accessibilityLayer={false}
        >
          <CartesianGrid stroke="#e6e8eb" />
          <XAxis
            type="number"
            dataKey="x"
            domain={series.xDomain}
            ticks={series.xTicks.map((t) => t.value)}
            tickFormatter={xLabel}
            allowDataOverflow
            label={{ value: "effective training compute (FLOP)", position: "insideBottom", offset: -14 }}
          />
          <YAxis
            type="number"
            domain={series.yDomain}
            tickFormatter={formatScore}
            allowDataOverflow
            width={48}
          />
          {series.crossing?.area && (
            <ReferenceArea
              x1={series.crossing.area.x1}
              x2={series.crossing.area.x2}
              fill="#f0a500"
              fillOpacity={0.2}
              stroke="#8a3b00"
              strokeOpacity={0.5}
              strokeDasharray="3 3"
            />
          )}
          <Area
            dataKey="band"
            stroke="none"
            fill="#1f4fbf"
            fillOpacity={0.16}
            isAnimationActive={false}
            activeDot={false}
          />
          <Line
            dataKey="y"
            dot={false}
            stroke="#1f4fbf"
            strokeWidth={2}
            isAnimationActive={false}
            activeDot={false}
          />
          <ReferenceLine
            y={series.threshold.y}
            stroke="#9a1c1c"
            strokeDasharray="6 4"
            strokeWidth={1.5}
            label={{
              value: series.threshold.label,
              position: "insideTopLeft",
              fill: "#9a1c1c",
              fontSize: 12,
            }}
          />
          {series.crossing?.x != null && (
            <ReferenceLine
              x={series.crossing.x}
              stroke="#8a3b00"
              strokeWidth={1.5}
              label={{ value: series.crossing.label, position: "top", fill: "#8a3b00", fontSize: 12 }}
            />
          )}
          {series.planned && (
            <ReferenceLine
              x={series.planned.x}
              stroke="#4a3a8a"
              strokeDasharray="2 3"
              strokeWidth={1.5}
              label={{
                value: series.planned.label,
                position: "insideBottomRight",
                fill: "#4a3a8a",
                fontSize: 12,
              }}
            />
          )}
          <Scatter data={series.points} dataKey="y" isAnimationActive={false} shape={ModelDot} />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
