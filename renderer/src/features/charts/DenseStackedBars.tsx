import { DefaultZIndexes, useXAxisScale, useYAxisScale, ZIndexLayer } from 'recharts';

/** One stack of bars beside the others in each category: its series, bottom first. */
export interface DenseStack {
  keys: readonly string[];
}

export interface DenseStackedBarsProps<R> {
  rows: readonly R[];
  /** The x value of a row (its category on the x axis). */
  category: (row: R) => number | string;
  /** A row's value for a series (0 or less draws nothing). */
  value: (row: R, key: string) => number;
  stacks: readonly DenseStack[];
  yAxisId: string;
  fill: (key: string) => string;
  stroke: (key: string) => string;
  strokeWidth: number;
  /** As the chart's `barGap` (px) and `barCategoryGap` (a fraction of the category's width). */
  barGap: number;
  barCategoryGap: number;
}

/**
 * Stacked bars drawn as one path per series instead of one element per bar, for charts over many
 * sessions: a client's timeline over 500 sessions made about 2,000 SVG nodes of bars a pixel or
 * less wide, most of what drawing the client's charts cost. Bars sit where recharts puts bars
 * without a fixed size (combineAllBarPositions: the category gap on each side, the bar gap between
 * stacks), in the bars' layer, so the chart looks as before; the tooltip and clicks come from the
 * category axis, as they did.
 */
export function DenseStackedBars<R>({
  rows,
  category,
  value,
  stacks,
  yAxisId,
  fill,
  stroke,
  strokeWidth,
  barGap,
  barCategoryGap,
}: DenseStackedBarsProps<R>) {
  const x = useXAxisScale();
  const y = useYAxisScale(yAxisId);
  if (!x || !y) return null;
  const paths = new Map<string, string[]>();
  for (const row of rows) {
    const at = category(row);
    const start = x(at, { position: 'start' });
    const end = x(at, { position: 'end' });
    if (start === undefined || end === undefined) continue;
    const band = end - start;
    const outer = band * barCategoryGap;
    const gap = band - 2 * outer - (stacks.length - 1) * barGap <= 0 ? 0 : barGap;
    let size = (band - 2 * outer - (stacks.length - 1) * gap) / stacks.length;
    if (size > 1) size = Math.round(size);
    stacks.forEach((stack, i) => {
      const left = start + outer + (size + gap) * i;
      let base = 0;
      for (const key of stack.keys) {
        const v = value(row, key);
        if (!(v > 0)) continue;
        const top = y(base + v);
        const bottom = y(base);
        base += v;
        if (top === undefined || bottom === undefined) continue;
        const d = `M${left},${top}h${size}V${bottom}h${-size}Z`;
        const list = paths.get(key);
        if (list) list.push(d);
        else paths.set(key, [d]);
      }
    });
  }
  return (
    <ZIndexLayer zIndex={DefaultZIndexes.bar}>
      <g className="dense-bars">
        {stacks.flatMap((stack) =>
          stack.keys.map((key) => (
            <path
              key={key}
              className="dense-bar-series"
              data-series={key}
              d={(paths.get(key) ?? []).join('')}
              fill={fill(key)}
              stroke={stroke(key)}
              strokeWidth={strokeWidth}
            />
          )),
        )}
      </g>
    </ZIndexLayer>
  );
}
