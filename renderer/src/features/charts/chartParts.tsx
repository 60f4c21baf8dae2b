/** Small pieces the charts share: the tooltip box and its content, the click-to-open helper and the table's date cell. */
import type { ReactNode } from 'react';
import { Bar, LabelList, type MouseHandlerDataParam, type TooltipContentProps } from 'recharts';
import { formatDate } from '../../format/dates';
import { tooltipContentStyle, tooltipLabelStyle } from './chartTheme';
import type { SessionPoint } from './clientChartRows';
import { textMeasurer } from './textMeasurer';

/** The row under the pointer when a chart is clicked, from recharts' active index. */
export function activeRow<R>(rows: readonly R[], state: MouseHandlerDataParam): R | undefined {
  const raw = state.activeIndex ?? state.activeTooltipIndex;
  const i = typeof raw === 'number' ? raw : raw == null ? Number.NaN : Number(raw);
  return Number.isInteger(i) ? rows[i] : undefined;
}

/** A chart click handler opening the clicked session's note, when it has one. */
export function openOnClick(rows: readonly SessionPoint[], onOpenNote: (noteId: string) => void) {
  return (state: MouseHandlerDataParam) => {
    const noteId = activeRow(rows, state)?.noteId;
    if (noteId) onOpenNote(noteId);
  };
}

/** A tooltip: a heading line, value lines, and a hint. */
export function TooltipBox({
  heading,
  lines,
  hint,
}: {
  heading: string;
  lines: readonly string[];
  hint?: string;
}) {
  return (
    <div className="chart-tooltip" style={tooltipContentStyle}>
      <div style={tooltipLabelStyle}>{heading}</div>
      {lines.map((line) => (
        <div key={line}>{line}</div>
      ))}
      {hint && <div className="muted small">{hint}</div>}
    </div>
  );
}

/** Tooltip content drawing the hovered row with `render`; nothing while no row is hovered. */
export function rowTooltip<R>(render: (row: R) => ReactNode) {
  return ({ active, payload }: TooltipContentProps): ReactNode => {
    const row = active ? (payload?.[0]?.payload as R | undefined) : undefined;
    return row ? render(row) : null;
  };
}

/** The value axis of a horizontal chart of percentages: 0 to 100 in quarters. */
export const percentValueAxis = {
  domain: [0, 100],
  ticks: [0, 25, 50, 75, 100],
  tickFormatter: (v: number) => `${v}%`,
};

/**
 * A horizontal chart's one bar series with its row's `barLabel` past each bar's end. A plain
 * function, not a component: recharts finds its series among the chart's direct children.
 */
export function endLabelledBar(dataKey: string, name: string, color: string) {
  return (
    <Bar dataKey={dataKey} name={name} fill={color} maxBarSize={22} isAnimationActive={false}>
      <LabelList dataKey="barLabel" position="right" fill="var(--fg)" fontSize={12} />
    </Bar>
  );
}

/**
 * A reference line's or band's label past the plot's right end, clear of the points and lines
 * (inside the plot the data ran through it); the chart leaves `endLabelRoom` for it.
 */
export function endLabel(value: string, fill: string, fontSize = 12) {
  return { value, position: 'right' as const, offset: 8, fill, fontSize };
}

/** The room right of a plot that `endLabel`s of these texts need: the widest, and the gap before it. */
export function endLabelRoom(texts: readonly string[], fontSize = 12): number {
  const measure = textMeasurer(fontSize);
  return Math.ceil(Math.max(0, ...texts.map(measure))) + 16;
}

/** The hint under a session's tooltip. */
export function sessionHint(row: SessionPoint): string {
  return row.noteId ? 'Click to open the note' : 'No note for this session';
}

/** A table's first cell: the session date, as a button opening the note when there is one. */
export function SessionDateCell({
  row,
  onOpenNote,
}: {
  row: SessionPoint;
  onOpenNote: (noteId: string) => void;
}) {
  const { noteId } = row;
  return (
    <th scope="row">
      {noteId ? (
        <button type="button" className="link" onClick={() => onOpenNote(noteId)}>
          {formatDate(row.date)}
        </button>
      ) : (
        <>
          {formatDate(row.date)} <span className="muted small">(no note)</span>
        </>
      )}
    </th>
  );
}
