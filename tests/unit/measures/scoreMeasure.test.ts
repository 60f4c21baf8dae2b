import { describe, expect, it } from 'vitest';
import {
  classifyChange,
  emptyAnswers,
  gad7,
  type InstrumentId,
  type MeasureAnswers,
  measureFlags,
  outcomeRating,
  phq9,
  scoreMeasure,
} from '../../../shared/measures';

/** Answers from a list in item order (PHQ-9's difficulty last, left blank unless given). */
function answersOf(instrument: InstrumentId, values: ReadonlyArray<number | null>): MeasureAnswers {
  const answers = emptyAnswers(instrument);
  Object.keys(answers).forEach((id, i) => {
    answers[id] = values[i] ?? null;
  });
  return answers;
}

describe('scoring against hand-worked examples', () => {
  // Each row worked by hand from the published bands (Kroenke 2001; Spitzer 2006; Miller 2003).
  const cases: Array<[InstrumentId, number[], number, string, boolean]> = [
    ['phq9', [0, 0, 0, 0, 0, 0, 0, 0, 0], 0, 'minimal', false],
    ['phq9', [1, 1, 1, 1, 0, 0, 0, 0, 0], 4, 'minimal', false],
    ['phq9', [1, 1, 1, 1, 1, 0, 0, 0, 0], 5, 'mild', false],
    ['phq9', [1, 2, 1, 2, 0, 1, 1, 0, 0], 8, 'mild', false],
    ['phq9', [2, 2, 1, 2, 1, 1, 1, 0, 0], 10, 'moderate', true],
    ['phq9', [2, 2, 2, 2, 2, 2, 2, 1, 0], 15, 'moderately-severe', true],
    ['phq9', [3, 3, 2, 2, 2, 3, 2, 1, 1], 19, 'moderately-severe', true],
    ['phq9', [3, 3, 3, 3, 2, 2, 2, 1, 1], 20, 'severe', true],
    ['phq9', [3, 3, 3, 3, 3, 3, 3, 3, 3], 27, 'severe', true],
    ['gad7', [1, 1, 1, 1, 0, 0, 0], 4, 'minimal', false],
    ['gad7', [1, 1, 1, 1, 1, 0, 0], 5, 'mild', false],
    ['gad7', [2, 2, 2, 1, 1, 1, 1], 10, 'moderate', true],
    ['gad7', [3, 2, 2, 2, 2, 2, 2], 15, 'severe', true],
    ['gad7', [3, 3, 3, 3, 3, 3, 3], 21, 'severe', true],
    ['outcome', [5.2, 6.1, 4.4, 5.0], 20.7, 'clinical', true],
    ['outcome', [6.2, 6.2, 6.3, 6.2], 24.9, 'clinical', true],
    ['outcome', [6.2, 6.3, 6.3, 6.2], 25, 'non-clinical', false],
    ['outcome', [9.9, 8.7, 7.5, 9.1], 35.2, 'non-clinical', false],
  ];
  it.each(cases)('%s %j totals %d, band %s, clinical %s', (instrument, values, total, band, clinical) => {
    const score = scoreMeasure(instrument, answersOf(instrument, values));
    expect(score.total).toBe(total);
    expect(score.band?.id).toBe(band);
    expect(score.clinical).toBe(clinical);
  });

  it('leaves PHQ-9’s difficulty question out of the total', () => {
    const withDifficulty = answersOf('phq9', [1, 1, 1, 1, 1, 1, 1, 1, 0, 3]);
    expect(scoreMeasure('phq9', withDifficulty).total).toBe(8);
    expect(scoreMeasure('phq9', answersOf('phq9', [1, 1, 1, 1, 1, 1, 1, 1, 0])).total).toBe(8);
  });

  it('gives no total for a partly answered form, but flags an answered item 9 all the same', () => {
    const partial = answersOf('phq9', [1, null, 1, 1, 1, 1, 1, 1, 2]);
    const score = scoreMeasure('phq9', partial);
    expect(score).toMatchObject({ total: null, band: null, clinical: null, answered: 8, scoredItems: 9 });
    expect(score.riskFlag).toBe(true);
    expect(measureFlags('phq9', partial).map((f) => f.kind)).toEqual(['risk-item']);
  });

  it('ignores an answer outside the item’s scale (no total with 4 on a 0–3 item)', () => {
    expect(scoreMeasure('gad7', answersOf('gad7', [4, 1, 1, 1, 1, 1, 1])).total).toBeNull();
    expect(scoreMeasure('outcome', answersOf('outcome', [10.5, 5, 5, 5])).total).toBeNull();
  });
});

describe('reliable change', () => {
  it('classifies change by each instrument’s threshold and direction', () => {
    expect(classifyChange(phq9, 18, 12)).toBe('reliable-improvement');
    expect(classifyChange(phq9, 18, 13)).toBe('no-reliable-change');
    expect(classifyChange(phq9, 8, 14)).toBe('reliable-deterioration');
    expect(classifyChange(gad7, 12, 8)).toBe('reliable-improvement');
    expect(classifyChange(gad7, 12, 9)).toBe('no-reliable-change');
    expect(classifyChange(outcomeRating, 20, 25)).toBe('reliable-improvement');
    expect(classifyChange(outcomeRating, 30, 24.9)).toBe('reliable-deterioration');
    expect(classifyChange(outcomeRating, 30, 25.1)).toBe('no-reliable-change');
    // 0.1-step totals carry float noise: 20.7 − 15.7 is 4.999… in binary, still a 5-point change.
    expect(classifyChange(outcomeRating, 20.7, 15.7)).toBe('reliable-deterioration');
  });
});

describe('flags', () => {
  it('flags PHQ-9 item 9 above 0, a reliable deterioration and the clinical range, in words', () => {
    const before = answersOf('phq9', [1, 1, 1, 1, 1, 0, 0, 0, 0]); // 5
    const after = answersOf('phq9', [2, 2, 1, 2, 1, 1, 1, 0, 1]); // 11
    const flags = measureFlags('phq9', after, before);
    expect(flags.map((f) => f.kind)).toEqual(['risk-item', 'reliable-deterioration', 'clinical-range']);
    expect(flags[0]!.message).toContain('item 9');
    expect(flags[1]!.message).toBe(
      'PHQ-9 total went from 5 to 11: a reliable deterioration (6 points or more).',
    );
  });

  it('names each low outcome-rating item and says nothing for a steady, healthy total', () => {
    const flags = measureFlags('outcome', answersOf('outcome', [8, 3.5, 8, 7]));
    expect(flags.map((f) => f.kind)).toEqual(['item-low']);
    expect(flags[0]!.message).toBe('Outcome rating: interpersonally is low (3.5 of 10).');
    const steady = answersOf('outcome', [8, 8, 8, 8]);
    expect(measureFlags('outcome', steady, answersOf('outcome', [9, 9, 9, 9]))).toEqual([]);
  });
});
