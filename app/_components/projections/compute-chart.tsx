"use client";

import {
  Area,
  CartesianGrid,
  ComposedChart,
  Line,
  ReferenceLine,
  ResponsiveContainer,
  Scatter,
  XAxis,
  YAxis,
} from "recharts";
import type { ComputeSeries } from "@/lib/view/projection-series";
import { formatScore } from "@/lib/view/projection-format";
import styles from "./projections.module.css";
import { ModelDot, thresholdMarks, tickLabels } from "./chart-parts";

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
          {thresholdMarks(series)}
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
