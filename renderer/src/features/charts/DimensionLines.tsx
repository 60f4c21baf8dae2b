import { Line } from 'recharts';
import type { Dimension } from '../../../../shared/domain/dimensions';
import { dimensionStyles } from './chartTheme';

/** One line per dimension, each in its own colour, dash and point shape; dots only when `dotted`. */
export function DimensionLines({
  dimensions,
  dotted,
}: {
  dimensions: readonly Dimension[];
  dotted: boolean;
}) {
  return dimensions.map((d) => {
    const style = dimensionStyles[d.id];
    return (
      <Line
        key={d.id}
        dataKey={d.id}
        name={d.label}
        type="linear"
        stroke={style.color}
        strokeWidth={2}
        strokeDasharray={style.dash}
        dot={dotted ? { symbol: style.shape, r: 4, fill: style.color, stroke: style.color } : false}
        activeDot={{ symbol: style.shape, r: 6, fill: style.color }}
        connectNulls
        isAnimationActive={false}
      />
    );
  });
}
