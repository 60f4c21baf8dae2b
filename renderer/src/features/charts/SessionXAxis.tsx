import { XAxis } from 'recharts';
import { formatShortDate } from '../../format/dates';
import { tickInterval } from './chartFormat';
import { axisStroke, axisTick } from './chartTheme';
import type { SessionPoint } from './clientChartRows';

/**
 * The x axis of a chart over sessions: one category per session, labelled with its date (compact).
 * `band` gives each session a band even with no recharts Bar in the chart (bars drawn otherwise).
 */
export function SessionXAxis({
  rows,
  width,
  band = false,
}: {
  rows: readonly SessionPoint[];
  width: number;
  band?: boolean;
}) {
  return (
    <XAxis
      dataKey="index"
      type="category"
      scale={band ? 'band' : 'auto'}
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
