import { Dot, Line, Symbols } from 'recharts';
import type { Dimension, DimensionId } from '../../../../shared/domain/dimensions';
import { dimensionStyles } from './chartTheme';

type Row = Partial<Record<DimensionId, number | null>>;

/** recharts' props for one point of a line (those this file reads). */
interface PointProps {
  cx?: number;
  cy?: number;
  index?: number;
}

/** Whether row `i` has a value for `id` with no value on either side: a line cannot show it. */
export function isolatedPoint(rows: readonly Row[], id: DimensionId, i: number): boolean {
  const has = (j: number) => typeof rows[j]?.[id] === 'number';
  return has(i) && !has(i - 1) && !has(i + 1);
}

/**
 * One line per dimension, each in its own colour, dash and point shape; dots only when `dotted`.
 * With `gaps` (rows given), a line breaks where a row has no rating (a month without notes, say)
 * instead of bridging it, and a value alone between gaps keeps its point even when not dotted,
 * since no line would show it. Without, a line joins the ratings on either side of a missing
 * one (a session where that dimension could not be judged).
 */
export function DimensionLines({
  dimensions,
  dotted,
  gaps,
}: {
  dimensions: readonly Dimension[];
  dotted: boolean;
  gaps?: readonly Row[];
}) {
  return dimensions.map((d) => {
    const style = dimensionStyles[d.id];
    const dot = { symbol: style.shape, r: 4, fill: style.color, stroke: style.color };
    const loneDot = (props: PointProps) => {
      const { cx, cy, index = -1 } = props;
      const key = `${d.id}-${index}`;
      if (cx === undefined || cy === undefined || !gaps || !isolatedPoint(gaps, d.id, index))
        return <Dot key={key} />;
      return <Symbols key={key} type={style.shape} size={50} cx={cx} cy={cy} fill={style.color} />;
    };
    return (
      <Line
        key={d.id}
        dataKey={d.id}
        name={d.label}
        type="linear"
        stroke={style.color}
        strokeWidth={2}
        strokeDasharray={style.dash}
        dot={dotted ? dot : gaps ? loneDot : false}
        activeDot={{ symbol: style.shape, r: 6, fill: style.color }}
        connectNulls={!gaps}
        isAnimationActive={false}
      />
    );
  });
}
