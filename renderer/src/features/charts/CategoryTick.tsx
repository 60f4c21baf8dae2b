import type { YAxisTickContentProps } from 'recharts';
import { type CategoryAxisLayout, TICK_FONT_SIZE, TICK_LINE_HEIGHT } from './categoryAxisLayout';
import { axisTick } from './chartTheme';

/**
 * A label-axis tick drawn on the lines `layout` gave it, centred on its row; a label cut short
 * carries its full text as a tooltip.
 */
export function CategoryTick({
  x,
  y,
  payload,
  layout,
}: YAxisTickContentProps & { layout: CategoryAxisLayout }) {
  const label = String(payload.value);
  const lines = layout.lines.get(label) ?? [label];
  const first = -((lines.length - 1) * TICK_LINE_HEIGHT) / 2;
  return (
    <text
      x={x}
      y={y}
      textAnchor="end"
      dominantBaseline="central"
      fill={axisTick.fill}
      fontSize={TICK_FONT_SIZE}
      className="recharts-cartesian-axis-tick-value"
    >
      {layout.truncated.has(label) && <title>{label}</title>}
      {lines.map((line, i) => (
        // Lines are positional and never reordered, so the index is a stable key.
        // biome-ignore lint/suspicious/noArrayIndexKey: see above
        <tspan key={i} x={x} dy={i === 0 ? first : TICK_LINE_HEIGHT}>
          {line}
        </tspan>
      ))}
    </text>
  );
}
