import { describe, expect, it } from 'vitest';
import { scoreText } from '../../../renderer/src/features/measures/scoreText';
import { gad7, outcomeRating, phq9, scoreMeasure } from '../../../shared/measures';
import { measureFlags } from '../../../shared/measures/measureFlags';

describe('scoreText', () => {
  it('says the total with its band and range, each way round, or how many items are left', () => {
    const phq = { q1: 2, q2: 2, q3: 1, q4: 2, q5: 1, q6: 1, q7: 1, q8: 0, q9: 0, difficulty: null };
    expect(scoreText(phq9, scoreMeasure('phq9', phq))).toBe('Total 10 of 27: moderate (clinical range).');
    const gad = { q1: 1, q2: 1, q3: 0, q4: 0, q5: 0, q6: 0, q7: null };
    expect(scoreText(gad7, scoreMeasure('gad7', gad))).toBe('Total —: 1 of 7 items still to answer.');
    const outcome = { individually: 7, interpersonally: 7, socially: 6, overall: 6 };
    expect(scoreText(outcomeRating, scoreMeasure('outcome', outcome))).toBe(
      'Total 26 of 40: above the clinical cut-off.',
    );
  });

  it('counts answers that are not valid apart from those still to answer, and flags nothing from them', () => {
    const odd = { individually: 11, interpersonally: -1, socially: 5.55, overall: 7 };
    expect(scoreText(outcomeRating, scoreMeasure('outcome', odd))).toBe(
      'Total —: 3 answers are not valid; correct them to see the total.',
    );
    const half = { individually: 11, interpersonally: null, socially: 5, overall: 7 };
    expect(scoreText(outcomeRating, scoreMeasure('outcome', half))).toBe(
      'Total —: 1 answer is not valid, and 1 of 4 items are still to answer.',
    );
    expect(measureFlags('outcome', odd, null)).toEqual([]);
  });
});
