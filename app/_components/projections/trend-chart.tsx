"use client";

import {
  CartesianGrid,
  ComposedChart,
  ReferenceLine,
  ResponsiveContainer,
  Scatter,
  XAxis,
  YAxis,
} from "recharts";
import type { TrendSeries } from "@/lib/view/projection-trend";
import styles from "./projections.module.css";
import { ModelDot, thresholdMarks, tickLabels } from "./chart-parts";

/** log2 horizon against release date with the SOTA trend line: a dumb renderer of toTrendSeries. */
export function TrendChart({ series }: { series: TrendSeries }) {
  const [a, b] = series.trend;
  return (
    <div className={styles.chart} aria-hidden="true">
      <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 560, height: 300 }}>
        <ComposedChart margin={{ top: 18, right: 24, bottom: 22, left: 4 }} accessibilityLayer={false}>
          <CartesianGrid stroke="#e6e8eb" />
          <XAxis
            type="number"
            dataKey="x"
            domain={series.xDomain}
            ticks={series.xTicks.map((t) => t.value)}
            tickFormatter={tickLabels(series.xTicks)}
            allowDataOverflow
            label={{ value: "release date", position: "insideBottom", offset: -14 }}
          />
          <YAxis
            type="number"
            dataKey="y"
            domain={series.yDomain}
            ticks={series.yTicks.map((t) => t.value)}
            tickFormatter={tickLabels(series.yTicks)}
            allowDataOverflow
            width={56}
          />
          {thresholdMarks(series)}
          {a && b && (
            <ReferenceLine
              segment={[
                { x: a.x, y: a.y },
                { x: b.x, y: b.y },
              ]}
              stroke="#1f4fbf"
              strokeWidth={2}
              ifOverflow="hidden"
            />
          )}
          <Scatter data={series.points} dataKey="y" isAnimationActive={false} shape={ModelDot} />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
