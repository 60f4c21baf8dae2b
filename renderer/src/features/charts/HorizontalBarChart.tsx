import { type ReactNode, useMemo } from 'react';
import { BarChart, CartesianGrid, Tooltip, XAxis, type XAxisProps, YAxis } from 'recharts';
import { CategoryTick } from './CategoryTick';
import { categoryAxisLayout, TICK_FONT_SIZE, TICK_LINE_HEIGHT } from './categoryAxisLayout';
import { rowTooltip } from './chartParts';
import { axisStroke, axisTick, barHoverCursor, gridStroke, noGridLines } from './chartTheme';
import { textMeasurer } from './textMeasurer';

/**
 * Room past the longest bar-end label (recharts' 5 px offset, and slack: recharts wraps a label
 * that its own measurement finds a pixel too wide), and at least enough for the value axis's last tick.
 */
const END_LABEL_GAP = 24;
const MIN_MARGIN_RIGHT = 24;
/** Space above and below a wrapped label in its row. */
const ROW_PADDING = 10;

/**
 * A bar per labelled row, running right from a label axis as wide as its labels need (they wrap
 * when the chart is too narrow); the chart grows with the rows. The bar series are its children.
 */
export function HorizontalBarChart<R extends { label: string }>({
  width,
  title,
  rows,
  rowHeight,
  endLabel,
  valueAxis,
  tooltip,
  defs,
  children,
}: {
  width: number;
  title: string;
  rows: readonly R[];
  /** The least height of a row; more when its label wraps. */
  rowHeight: number;
  /** The text drawn past a bar's end, measured to leave room for it at the right. */
  endLabel: (row: R) => string;
  /** The value axis's scale and ticks. */
  valueAxis: Omit<XAxisProps, 'type' | 'tick' | 'stroke'>;
  /** The hovered row's tooltip. */
  tooltip: (row: R) => ReactNode;
  /** Drawn before everything else: the bars' hatch patterns. */
  defs?: ReactNode;
  children: ReactNode;
}) {
  const measure = useMemo(() => textMeasurer(TICK_FONT_SIZE), []);
  const axis = useMemo(
    () =>
      categoryAxisLayout(
        rows.map((r) => r.label),
        width,
        measure,
      ),
    [rows, width, measure],
  );
  const marginRight = useMemo(
    () =>
      Math.max(
        MIN_MARGIN_RIGHT,
        Math.ceil(rows.reduce((most, r) => Math.max(most, measure(endLabel(r))), 0)) + END_LABEL_GAP,
      ),
    [rows, endLabel, measure],
  );
  const rowPx = Math.max(rowHeight, axis.lineCount * TICK_LINE_HEIGHT + ROW_PADDING);
  return (
    <BarChart
      width={width}
      height={rows.length * rowPx + 50}
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
        width={axis.width}
        interval={0}
        tick={(props) => <CategoryTick {...props} layout={axis} />}
        stroke={axisStroke}
      />
      <Tooltip isAnimationActive={false} cursor={barHoverCursor} content={rowTooltip(tooltip)} />
      {children}
    </BarChart>
  );
}
