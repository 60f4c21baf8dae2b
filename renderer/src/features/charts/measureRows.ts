/** The rows of a client's outcome-measure charts and tables, from the index's measures. */

import { type Calendar, type DateRange, dateOn, inRange } from '../../../../shared/analytics/dateRange';
import { rememberLast } from '../../../../shared/analytics/memoizedMetrics';
import type { InstrumentId } from '../../../../shared/measures/instrument';
import { instrumentsById } from '../../../../shared/measures/instruments';
import type { MeasureFlag } from '../../../../shared/measures/measureFlags';
import type { Measure } from '../../../../shared/measures/measureSchema';
import { measureSeries } from '../../../../shared/measures/measureSeries';
import type { ChangeKind } from '../../../../shared/measures/reliableChange';
import type { NoteSummary } from '../../../../shared/summaries/noteSummary';
import type { SessionPoint } from './clientChartRows';

/** One scored administration: a point of the chart and a row of its table. */
export interface MeasureRow extends SessionPoint {
  total: number;
  band: string;
  clinical: boolean;
  sinceFirst: ChangeKind | null;
  flags: MeasureFlag[];
  risk: boolean;
  enteredBy: Measure['enteredBy'];
}

/**
 * The instrument's complete administrations in time order (partly answered ones have no total to
 * draw), each with the note of its session, if any, for click-to-open.
 */
export function measureRows(
  measures: readonly Measure[],
  instrument: InstrumentId,
  noteOfSession: ReadonlyMap<string, string>,
  /** Local days by default; 'utc' for a review packet, whose dates are shifted in UTC and shown so. */
  calendar?: Calendar,
): MeasureRow[] {
  const dateOf = dateOn(calendar);
  const rows: MeasureRow[] = [];
  for (const point of measureSeries(measures, instrument)) {
    const { score, measure } = point;
    if (score.total === null) continue;
    rows.push({
      index: rows.length,
      sessionId: measure.sessionId,
      noteId: noteOfSession.get(measure.sessionId) ?? null,
      date: dateOf(measure.administeredAt),
      total: score.total,
      band: score.band!.label,
      clinical: score.clinical === true,
      sinceFirst: point.sinceFirst,
      flags: point.flags,
      risk: score.riskFlag,
      enteredBy: measure.enteredBy,
    });
  }
  return rows;
}

/**
 * `measureRows`, remembered over the same measures (the index's list, the same array until one
 * changes), instrument and note lookup: a page visited again draws its charts without scoring
 * every administration again.
 */
export const rememberedMeasureRows: typeof measureRows = rememberLast(measureRows, 16);

/**
 * The rows dated within `range`, numbered again from 0 for the chart's axis; each keeps its change
 * since the client's first administration, which may lie before the range. No range: all of them.
 */
export function rowsInRange(rows: MeasureRow[], range: DateRange | undefined): MeasureRow[] {
  if (!range || (range.from == null && range.to == null)) return rows;
  return rows.filter((row) => inRange(row.date, range)).map((row, index) => ({ ...row, index }));
}

/** Each session's note id, by session, remembered over the same notes (so `rememberedMeasureRows` is too). */
export const noteIdsBySession: (notes: readonly NoteSummary[]) => ReadonlyMap<string, string> = rememberLast(
  (notes: readonly NoteSummary[]) => new Map(notes.map((n) => [n.sessionId, n.id])),
  8,
);

const changeWords: Record<ChangeKind, string> = {
  'reliable-improvement': 'a reliable improvement',
  'reliable-deterioration': 'a reliable deterioration',
  'no-reliable-change': 'no reliable change',
};

/**
 * The chart's summary in words: how many, first and latest with bands, the change, the clinical
 * range and risk. `clientFirst` is the client's first complete administration: when a date range
 * starts after it, the change is still counted from it (as the table's "Since the first"), and
 * the summary says so rather than set that change beside the range's own first total.
 */
export function measureSummary(
  instrument: InstrumentId,
  rows: readonly MeasureRow[],
  clientFirst: MeasureRow | undefined = rows[0],
): string {
  const definition = instrumentsById[instrument];
  const first = rows[0];
  const last = rows.at(-1);
  if (!first || !last) return `No complete ${definition.label} ${clientFirst ? 'in this range' : 'yet'}.`;
  const reliable = `(${definition.reliableChange} points or more counts as reliable)`;
  const n = `${rows.length} complete administration${rows.length === 1 ? '' : 's'}`;
  const parts: string[] = [];
  if (clientFirst && first.sinceFirst !== null) {
    // The range begins after the client's first administration.
    const since = `since the first administration (${clientFirst.total}, ${clientFirst.band.toLowerCase()}): ${changeWords[last.sinceFirst ?? 'no-reliable-change']} ${reliable}.`;
    parts.push(
      `${definition.label}: ${n} in this range.`,
      rows.length === 1
        ? `Total ${first.total} of ${definition.totalMax} (${first.band.toLowerCase()}); ${since}`
        : `First in the range ${first.total} (${first.band.toLowerCase()}), latest ${last.total} (${last.band.toLowerCase()}); ${since}`,
    );
  } else {
    parts.push(
      `${definition.label}: ${n}.`,
      rows.length === 1
        ? `Total ${first.total} of ${definition.totalMax} (${first.band.toLowerCase()}).`
        : `First ${first.total} (${first.band.toLowerCase()}), latest ${last.total} (${last.band.toLowerCase()}): ${changeWords[last.sinceFirst ?? 'no-reliable-change']} ${reliable}.`,
    );
  }
  parts.push(
    `${rows.filter((r) => r.clinical).length} in the clinical range (cut-off ${definition.clinicalCutoff}).`,
  );
  const risks = rows.filter((r) => r.risk).length;
  if (risks > 0)
    parts.push(
      `Item 9 answered above “Not at all” at ${risks} administration${risks === 1 ? '' : 's'}: follow up on risk.`,
    );
  return parts.join(' ');
}

/** The change since the first administration, for the table. */
export function changeText(kind: ChangeKind | null): string {
  return kind === null ? 'First' : changeWords[kind].replace(/^a /, '');
}

/**
 * The rows a chart too dense for a dot at every point still marks (MeasureChart): a risk-flagged
 * row, and each row whose reliable change since the first differs from the row before (where the
 * client first reaches, or leaves, reliable improvement or deterioration). Without these, a
 * 500-session chart would show neither an item-9 flag nor when change became reliable.
 */
export function markedRows(rows: readonly MeasureRow[]): Set<number> {
  const marked = new Set<number>();
  rows.forEach((row, i) => {
    const before = i > 0 ? (rows[i - 1] as MeasureRow).sinceFirst : null;
    const reliable = row.sinceFirst === 'reliable-improvement' || row.sinceFirst === 'reliable-deterioration';
    if (row.risk || (reliable && row.sinceFirst !== before)) marked.add(i);
  });
  return marked;
}
