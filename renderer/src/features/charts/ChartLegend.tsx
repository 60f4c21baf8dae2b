import { useId } from 'react';
import { Symbols } from 'recharts';
import { BarPattern, patternPrefix } from './barPatterns';
import type { BarStyle, LineStyle } from './chartTheme';

/** One legend entry: a line (dash and point shape), a point alone, a bar (colour and hatch) or a rule. */
export type LegendItem =
  | { kind: 'line'; label: string; style: LineStyle }
  | { kind: 'point'; label: string; style: LineStyle }
  | { kind: 'rule'; label: string; style: LineStyle }
  | { kind: 'bar'; label: string; style: BarStyle };

/**
 * The chart's legend, drawn by us rather than by recharts so that each swatch is a small
 * self-contained SVG: the export copies these swatches into the exported image as they are.
 */
export function ChartLegend({ items }: { items: readonly LegendItem[] }) {
  return (
    <ul className="chart-legend">
      {items.map((item) => (
        <li key={item.label} data-legend-item="">
          <Swatch item={item} />
          <span>{item.label}</span>
        </li>
      ))}
    </ul>
  );
}

function Swatch({ item }: { item: LegendItem }) {
  const id = patternPrefix(useId());
  return (
    <svg width={30} height={14} viewBox="0 0 30 14" aria-hidden="true" focusable="false">
      {item.kind === 'bar' ? (
        <>
          <defs>
            <BarPattern id={id} style={item.style} />
          </defs>
          <rect
            x={4}
            y={1}
            width={22}
            height={12}
            rx={2}
            fill={item.style.hatch === 'none' ? item.style.color : `url(#${id})`}
            stroke={item.style.color}
          />
        </>
      ) : item.kind === 'point' ? (
        <Symbols type={item.style.shape} size={60} cx={15} cy={7} fill={item.style.color} />
      ) : (
        <>
          <line
            x1={1}
            y1={7}
            x2={29}
            y2={7}
            stroke={item.style.color}
            strokeWidth={2}
            strokeDasharray={item.style.dash}
          />
          {item.kind === 'line' && (
            <Symbols type={item.style.shape} size={42} cx={15} cy={7} fill={item.style.color} />
          )}
        </>
      )}
    </svg>
  );
}
