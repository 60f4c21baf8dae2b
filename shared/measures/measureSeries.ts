/**
 * A client's measures read as series over time, one per instrument: each administration's score,
 * its flags against the previous complete one, and its change from the first complete one (the
 * reliable-change markers of the charts). Partly answered forms are kept in the series but carry
 * no score, and are never the "previous" or "first" of another.
 */

import { compareText } from '../compareText';
import type { InstrumentId } from './instrument';
import { instrumentsById } from './instruments';
import { type MeasureFlag, measureFlags, urgentMeasureFlagKinds } from './measureFlags';
import type { Measure } from './measureSchema';
import { type ChangeKind, classifyChange } from './reliableChange';
import { type MeasureScore, scoreMeasure } from './scoreMeasure';

/** One administration in its series. */
export interface SeriesPoint {
  measure: Measure;
  score: MeasureScore;
  flags: MeasureFlag[];
  /** Change of the total from the first complete administration; null without a total or for the first. */
  sinceFirst: ChangeKind | null;
}

/**
 * The series of one instrument from a client's measures (any order), earliest first. Same-time
 * administrations keep the order of their ids, so the result does not depend on the input order.
 */
export function measureSeries(measures: readonly Measure[], instrument: InstrumentId): SeriesPoint[] {
  const definition = instrumentsById[instrument];
  const own = measures
    .filter((m) => m.instrument === instrument)
    .sort((a, b) => compareText(a.administeredAt, b.administeredAt) || compareText(a.id, b.id));
  const points: SeriesPoint[] = [];
  let first: number | null = null;
  let previous: Measure | null = null;
  for (const measure of own) {
    const score = scoreMeasure(instrument, measure.answers);
    const flags = measureFlags(instrument, measure.answers, previous?.answers);
    let sinceFirst: ChangeKind | null = null;
    if (score.total !== null) {
      if (first === null) first = score.total;
      else sinceFirst = classifyChange(definition, first, score.total);
      previous = measure;
    }
    points.push({ measure, score, flags, sinceFirst });
  }
  return points;
}

/** The latest administration of each instrument whose flags need follow-up (risk item, reliable deterioration). */
export function urgentLatest(measures: readonly Measure[]): SeriesPoint[] {
  const out: SeriesPoint[] = [];
  for (const instrument of Object.keys(instrumentsById) as InstrumentId[]) {
    const latest = measureSeries(measures, instrument).at(-1);
    if (latest?.flags.some((f) => urgentMeasureFlagKinds.includes(f.kind))) out.push(latest);
  }
  return out;
}
