import type { ReactNode } from 'react';
import { CartesianGrid, LineChart, type MouseHandlerDataParam } from 'recharts';
import { gridStroke, noGridLines, unthrottled } from './chartTheme';

const margin = { top: 10, right: 16, bottom: 4, left: 0 };

/**
 * A line chart whose points are clicked (a session, a month): a pointer cursor, hover state current
 * when the click arrives, and horizontal grid lines. The axes, tooltip and lines are its children.
 */
export function ClickableLineChart<R>({
  width,
  height,
  rows,
  title,
  onClick,
  rightMargin = margin.right,
  children,
}: {
  width: number;
  height: number;
  rows: readonly R[];
  title: string;
  onClick: (state: MouseHandlerDataParam) => void;
  /** Room right of the plot: for labels of reference lines and bands, drawn beyond the last point. */
  rightMargin?: number;
  children: ReactNode;
}) {
  return (
    <LineChart
      width={width}
      height={height}
      data={rows}
      margin={rightMargin === margin.right ? margin : { ...margin, right: rightMargin }}
      onClick={onClick}
      cursor="pointer"
      throttledEvents={unthrottled}
      title={title}
    >
      <CartesianGrid vertical={false} verticalCoordinatesGenerator={noGridLines} stroke={gridStroke} />
      {children}
    </LineChart>
  );
}
