import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptyAnswers, type Measure, measureSeries, urgentLatest } from '../../../shared/measures';

let n = 0;
function phq(day: number, values: number[], status: Measure['status'] = 'complete'): Measure {
  const answers = emptyAnswers('phq9');
  values.forEach((v, i) => {
    answers[`q${i + 1}`] = v;
  });
  n += 1;
  const at = `2026-01-${String(day).padStart(2, '0')}T09:00:00.000Z`;
  return {
    id: `m${n}`,
    clientId: 'c1',
    sessionId: `s${day}`,
    instrument: 'phq9',
    answers,
    status,
    administeredAt: at,
    enteredBy: 'therapist',
    updatedAt: at,
  };
}

describe('measure series', () => {
  it('marks reliable change from the first complete administration and flags against the previous one', () => {
    const first = phq(1, [2, 2, 2, 2, 2, 2, 2, 2, 0]); // 16
    const partial = phq(8, [0, 0, 0, 0], 'partial');
    const better = phq(15, [1, 1, 1, 1, 1, 1, 1, 2, 0]); // 9: 7 down from 16
    const worse = phq(22, [2, 2, 2, 2, 2, 2, 1, 2, 1]); // 16: 7 up from 9, item 9 answered
    const series = measureSeries([worse, partial, first, better], 'phq9');
    expect(series.map((p) => p.measure.id)).toEqual([first.id, partial.id, better.id, worse.id]);
    expect(series.map((p) => p.score.total)).toEqual([16, null, 9, 16]);
    expect(series.map((p) => p.sinceFirst)).toEqual([
      null,
      null,
      'reliable-improvement',
      'no-reliable-change',
    ]);
    expect(series[3]!.flags.map((f) => f.kind)).toEqual([
      'risk-item',
      'reliable-deterioration',
      'clinical-range',
    ]);
    expect(urgentLatest([first, better, worse]).map((p) => p.measure.id)).toEqual([worse.id]);
    expect(urgentLatest([first, better])).toEqual([]);
  });

  it('does not depend on the order the measures come in', () => {
    const list = [1, 3, 5, 7, 9].map((day) => phq(day, [day % 4, 1, 2, 3, 0, 1, 2, 3, day % 2]));
    fc.assert(
      fc.property(fc.shuffledSubarray(list, { minLength: list.length }), (shuffled) => {
        expect(measureSeries(shuffled, 'phq9')).toEqual(measureSeries(list, 'phq9'));
      }),
    );
  });
});
