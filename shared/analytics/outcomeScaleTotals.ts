/** The outcome scale's totals by session: the mirror's primary outcome where the client has one. */
import type { Measure } from '../measures/measureSchema';
import { scoreMeasure } from '../measures/scoreMeasure';

/** The fields of a measure record the mirror reads. */
export type OutcomeMeasure = Pick<Measure, 'sessionId' | 'instrument' | 'answers' | 'updatedAt'>;

/**
 * Each session's outcome rating total (the ORS-compatible instrument, 0–40), for sessions where
 * it was given in full: a partly answered form has no total. Other instruments (PHQ-9, GAD-7)
 * score in the other direction and on other ranges, so they are never the mirror's outcome.
 * Should a session hold two, the most recently updated one counts.
 */
export function outcomeScaleTotals(measures: Iterable<OutcomeMeasure>): Map<string, number> {
  const latest = new Map<string, { updatedAt: string; total: number }>();
  for (const m of measures) {
    if (m.instrument !== 'outcome') continue;
    const { total } = scoreMeasure('outcome', m.answers);
    if (total === null) continue;
    const seen = latest.get(m.sessionId);
    if (!seen || m.updatedAt > seen.updatedAt) latest.set(m.sessionId, { updatedAt: m.updatedAt, total });
  }
  return new Map([...latest].map(([sessionId, { total }]) => [sessionId, total]));
}
