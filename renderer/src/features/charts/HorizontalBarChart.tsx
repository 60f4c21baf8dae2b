import type { ReactNode } from 'react';
import { BarChart, CartesianGrid, Tooltip, XAxis, type XAxisProps, YAxis } from 'recharts';
import { categoryAxisWidth, shorten } from './caseloadRows';
import { rowTooltip } from './chartParts';
import { axisStroke, axisTick, barHoverCursor, gridStroke, noGridLines } from './chartTheme';

/**
 * A bar per labelled row, running right from a category axis of (shortened) labels; the chart
 * grows with the rows. The bar series are its children.
 */
export function HorizontalBarChart<R extends { label: string }>({
  width,
  title,
  rows,
  rowHeight,
  marginRight,
  valueAxis,
  tooltip,
  defs,
  children,
}: {
  width: number;
  title: string;
  rows: readonly R[];
  rowHeight: number;
  /** Room at the right for the labels past the bars' ends. */
  marginRight: number;
  /** The value axis's scale and ticks. */
  valueAxis: Omit<XAxisProps, 'type' | 'tick' | 'stroke'>;
  /** The hovered row's tooltip. */
  tooltip: (row: R) => ReactNode;
  /** Drawn before everything else: the bars' hatch patterns. */
  defs?: ReactNode;
  children: ReactNode;
}) {
  return (
    <BarChart
      width={width}
      height={rows.length * rowHeight + 50}
      data={rows}
      layout="vertical"
      margin={{ top: 4, right: marginRight, bottom: 4, left: 8 }}
      title={title}
    >
      {defs}
      <CartesianGrid horizontal={false} horizontalCoordinatesGenerator={noGridLines} stroke={gridStroke} />
      <XAxis type="number" {...valueAxis} tick={axisTick} stroke={axisStroke} />
      <YAxis
        type="category"
        dataKey="label"
        width={categoryAxisWidth(width)}
        interval={0}
        tickFormatter={(label: string) => shorten(label)}
        tick={axisTick}
        stroke={axisStroke}
      />
      <Tooltip isAnimationActive={false} cursor={barHoverCursor} content={rowTooltip(tooltip)} />
      {children}
    </BarChart>
  );
}
