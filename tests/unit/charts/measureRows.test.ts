import { describe, expect, it } from 'vitest';
import {
  changeText,
  markedRows,
  measureRows,
  measureSummary,
  rowsInRange,
} from '../../../renderer/src/features/charts/measureRows';
import { emptyAnswers, type Measure } from '../../../shared/measures';

function outcome(day: number, values: Array<number | null>, status: Measure['status'] = 'complete'): Measure {
  const answers = emptyAnswers('outcome');
  Object.keys(answers).forEach((id, i) => {
    answers[id] = values[i] ?? null;
  });
  const at = `2026-02-${String(day).padStart(2, '0')}T10:00:00.000Z`;
  return {
    id: `o${day}`,
    clientId: 'c1',
    sessionId: `s${day}`,
    instrument: 'outcome',
    answers,
    status,
    administeredAt: at,
    enteredBy: 'client',
    updatedAt: at,
  };
}

describe('measure chart rows', () => {
  const measures = [
    outcome(1, [4, 5, 5, 4]), // 18, clinical
    outcome(8, [5, null, 5, 5], 'partial'),
    outcome(15, [6, 6, 6, 6]), // 24: +6 from 18
    outcome(22, [7, 7, 7, 6.5]), // 27.5, above the cut-off
  ];
  const notes = new Map([['s15', 'n15']]);

  it('draws the complete administrations only, with bands, reliable change from the first and the note to open', () => {
    const rows = measureRows(measures, 'outcome', notes);
    expect(rows.map((r) => [r.index, r.date, r.total, r.band, r.clinical, r.sinceFirst, r.noteId])).toEqual([
      [0, '2026-02-01', 18, 'Clinical range', true, null, null],
      [1, '2026-02-15', 24, 'Clinical range', true, 'reliable-improvement', 'n15'],
      [2, '2026-02-22', 27.5, 'Non-clinical range', false, 'reliable-improvement', null],
    ]);
    expect(measureRows(measures, 'phq9', notes)).toEqual([]);
  });

  it('keeps the rows of a date range, numbered again, their change still counted from the first administration', () => {
    const rows = measureRows(measures, 'outcome', notes);
    expect(rowsInRange(rows, undefined)).toBe(rows);
    expect(rowsInRange(rows, { from: null, to: null })).toBe(rows);
    const later = rowsInRange(rows, { from: '2026-02-10', to: '2026-02-22' });
    expect(later.map((r) => [r.index, r.date, r.sinceFirst])).toEqual([
      [0, '2026-02-15', 'reliable-improvement'],
      [1, '2026-02-22', 'reliable-improvement'],
    ]);
    expect(rowsInRange(rows, { from: '2026-03-01' })).toEqual([]);
  });

  it('sums them up in words, with the cut-off and the reliable-change threshold', () => {
    expect(measureSummary('outcome', measureRows(measures, 'outcome', notes))).toBe(
      'Outcome rating: 3 complete administrations. First 18 (clinical range), latest 27.5 (non-clinical range): a reliable improvement (5 points or more counts as reliable). 2 in the clinical range (cut-off 25).',
    );
    expect(measureSummary('gad7', [])).toBe('No complete GAD-7 yet.');
  });

  it('in a date range after the first administration, says the change is counted from that first, not from the range', () => {
    const rows = measureRows(measures, 'outcome', notes);
    // 24 → 27.5 is 3.5 points: not reliable in itself; 18 → 27.5 is.
    const later = rowsInRange(rows, { from: '2026-02-10', to: '2026-02-22' });
    expect(measureSummary('outcome', later, rows[0])).toBe(
      'Outcome rating: 2 complete administrations in this range. First in the range 24 (clinical range), latest 27.5 (non-clinical range); since the first administration (18, clinical range): a reliable improvement (5 points or more counts as reliable). 1 in the clinical range (cut-off 25).',
    );
    const last = rowsInRange(rows, { from: '2026-02-20' });
    expect(measureSummary('outcome', last, rows[0])).toBe(
      'Outcome rating: 1 complete administration in this range. Total 27.5 of 40 (non-clinical range); since the first administration (18, clinical range): a reliable improvement (5 points or more counts as reliable). 0 in the clinical range (cut-off 25).',
    );
    // A range holding only a partly answered form: there are complete ones, just not in it.
    expect(
      measureSummary('outcome', rowsInRange(rows, { from: '2026-02-05', to: '2026-02-10' }), rows[0]),
    ).toBe('No complete Outcome rating in this range.');
    // A range that starts with the first administration reads as before.
    expect(measureSummary('outcome', rows, rows[0])).toBe(measureSummary('outcome', rows));
    expect(changeText(null)).toBe('First');
    expect(changeText('no-reliable-change')).toBe('no reliable change');
  });

  it('on a chart too dense for every dot, marks the risk flags and where reliable change begins or turns', () => {
    // 18 → 18 → 24 (reliable improvement, +6) → 28 (still) → 18 (back: no reliable change) → 24 (again).
    const totals = [18, 18, 24, 28, 18, 24];
    const series = totals.map((t, i) => outcome(i + 1, [t / 4, t / 4, t / 4, t / 4]));
    const rows = measureRows(series, 'outcome', new Map());
    expect(rows.map((r) => r.sinceFirst)).toEqual([
      null,
      'no-reliable-change',
      'reliable-improvement',
      'reliable-improvement',
      'no-reliable-change',
      'reliable-improvement',
    ]);
    expect([...markedRows(rows)]).toEqual([2, 5]);
    const flagged = rows.map((r, i) => (i === 1 ? { ...r, risk: true } : r));
    expect([...markedRows(flagged)].sort()).toEqual([1, 2, 5]);
  });
});
