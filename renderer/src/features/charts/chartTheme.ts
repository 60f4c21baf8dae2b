/**
 * How the charts look: series colours (design tokens from theme/tokens.css, each with a light and
 * a dark value, so the charts follow the theme), and a dash and a point shape per series, so no
 * series is told apart by colour alone.
 */
import type { CSSProperties } from 'react';
import type { DimensionId } from '../../../../shared/domain/dimensions';
import type { RuptureOutcomeId, RuptureTypeId } from '../../../../shared/domain/ruptures';

/** Point shapes recharts can draw for dots and legend icons. */
export type PointShape = 'circle' | 'square' | 'triangle' | 'diamond' | 'cross' | 'star' | 'wye';

/** How one line series is drawn. */
export interface LineStyle {
  color: string;
  /** An SVG stroke-dasharray; undefined for a solid line. */
  dash: string | undefined;
  shape: PointShape;
}

export const dimensionStyles: Record<DimensionId, LineStyle> = {
  affective: { color: 'var(--chart-affective)', dash: undefined, shape: 'circle' },
  cognitive: { color: 'var(--chart-cognitive)', dash: '8 4', shape: 'square' },
  developmental: { color: 'var(--chart-developmental)', dash: '2 3', shape: 'triangle' },
  rhythmic: { color: 'var(--chart-rhythmic)', dash: '12 3 2 3', shape: 'diamond' },
  empathic: { color: 'var(--chart-empathic)', dash: '5 5', shape: 'star' },
};

/** Bar fills: a colour, and whether the bar is hatched (the second encoding besides colour). */
export interface BarStyle {
  color: string;
  hatch: 'none' | 'diagonal' | 'cross' | 'dots';
}

export const ruptureTypeStyles: Record<RuptureTypeId, BarStyle> = {
  withdrawal: { color: 'var(--chart-withdrawal)', hatch: 'none' },
  confrontation: { color: 'var(--chart-confrontation)', hatch: 'diagonal' },
};

export type OutcomeKey = RuptureOutcomeId | 'unrated';

export const outcomeStyles: Record<OutcomeKey, BarStyle> = {
  resolved: { color: 'var(--chart-resolved)', hatch: 'none' },
  partial: { color: 'var(--chart-partial)', hatch: 'diagonal' },
  unresolved: { color: 'var(--chart-unresolved)', hatch: 'cross' },
  unrated: { color: 'var(--chart-unrated)', hatch: 'dots' },
};

export const repairRateStyle: LineStyle = { color: 'var(--chart-rate)', dash: undefined, shape: 'circle' };
export const feedbackStyle: LineStyle = { color: 'var(--chart-feedback)', dash: undefined, shape: 'circle' };
export const concernStyle: LineStyle = { color: 'var(--chart-concern)', dash: '6 4', shape: 'circle' };
export const sessionRadarStyle: LineStyle = {
  color: 'var(--chart-session)',
  dash: undefined,
  shape: 'circle',
};
export const averageRadarStyle: LineStyle = { color: 'var(--chart-average)', dash: '6 4', shape: 'square' };

/** Lines with more points than this are drawn without dots, for speed and legibility. */
export const MAX_DOTTED_POINTS = 100;

export const axisTick = { fill: 'var(--chart-axis)', fontSize: 12 } as const;
export const axisStroke = 'var(--chart-grid)';
export const gridStroke = 'var(--chart-grid)';
/** The band behind the hovered bar. */
export const barHoverCursor = { fill: 'var(--chart-grid)', fillOpacity: 0.35 } as const;

/** A value axis's title, turned to run up beside it; `dy` (about half its length) keeps it centred. */
export function yAxisLabel(value: string, dy: number) {
  return { value, angle: -90, position: 'insideLeft', fill: 'var(--chart-axis)', dy } as const;
}

export const tooltipContentStyle: CSSProperties = {
  background: 'var(--color-surface-raised)',
  border: '1px solid var(--color-border)',
  borderRadius: 'var(--radius-2)',
  boxShadow: 'var(--shadow-2)',
  color: 'var(--color-text)',
  fontSize: 'var(--text-sm)',
  fontVariantNumeric: 'tabular-nums',
};
export const tooltipLabelStyle: CSSProperties = { color: 'var(--color-text)', fontWeight: 600 };

/**
 * A colour token as `element` shows it now, as plain rgb: a token's own value is
 * `light-dark(…)`, which means nothing in an exported file, so exports ask the page instead.
 */
export function resolvedColor(element: Element, token: string, fallback: string): string {
  const probe = document.createElement('span');
  probe.style.color = `var(${token}, ${fallback})`;
  probe.hidden = true;
  const host = element.closest('div') ?? document.body;
  host.append(probe);
  const color = getComputedStyle(probe).color;
  probe.remove();
  return color || fallback;
}

/**
 * Grid lines for a direction the chart does not draw. Recharts computes them even when hidden,
 * measuring every category label in the DOM to do so: hundreds of sessions cost ~100 ms.
 */
export const noGridLines = (): number[] => [];

/**
 * For charts whose click opens a session: recharts reads the clicked index from the hover state,
 * which by default is updated once per frame, so a click right after a move could act on the
 * previous session. Unthrottled, the hover state is current when the click arrives.
 */
export const unthrottled: ReadonlyArray<keyof GlobalEventHandlersEventMap> = [];
