import { XAxis } from 'recharts';
import { formatShortDate } from '../../format/dates';
import { tickInterval } from './chartFormat';
import { axisStroke, axisTick } from './chartTheme';
import type { SessionPoint } from './clientChartRows';

/** The x axis of a chart over sessions: one category per session, labelled with its date (compact). */
export function SessionXAxis({ rows, width }: { rows: readonly SessionPoint[]; width: number }) {
  return (
    <XAxis
      dataKey="index"
      type="category"
      tickFormatter={(i: number) => {
        const date = rows[i]?.date;
        return date ? formatShortDate(date) : '';
      }}
      interval={tickInterval(rows.length, width)}
      tick={axisTick}
      stroke={axisStroke}
    />
  );
}
