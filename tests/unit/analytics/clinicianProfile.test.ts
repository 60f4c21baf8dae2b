import { describe, expect, it } from 'vitest';
import { clinicianProfile } from '../../../shared/analytics';
import { note, ratings } from './fixtures';

describe('clinician profile', () => {
  it('averages each dimension over the notes that rated it', () => {
    // affective 2, 4 → 3; cognitive 5 (second note did not observe it) → 5; developmental none → null;
    // rhythmic 3, 3 → 3; empathic 4, 5 → 4.5.
    const p = clinicianProfile([
      note('p1', { ratings: [2, 5, null, 3, 4] }),
      note('p2', { ratings: [4, null, null, 3, 5] }),
    ]);
    expect(p.means).toEqual({ affective: 3, cognitive: 5, developmental: null, rhythmic: 3, empathic: 4.5 });
    expect(p.rated).toEqual({ affective: 2, cognitive: 1, developmental: 0, rhythmic: 2, empathic: 2 });
  });

  it('counts "Did not come up" and "Could not judge" apart, neither as a rating', () => {
    // developmental: empty in both notes, marked "did not come up" in p1 only; cognitive: empty in p2.
    const p = clinicianProfile([
      note('p1', { ratings: [2, 5, null, 3, 4], notArisen: ['developmental'] }),
      note('p2', { ratings: [4, null, null, 3, 5] }),
    ]);
    expect(p.didNotComeUp).toEqual({
      affective: 0,
      cognitive: 0,
      developmental: 1,
      rhythmic: 0,
      empathic: 0,
    });
    expect(p.couldNotJudge).toEqual({
      affective: 0,
      cognitive: 1,
      developmental: 1,
      rhythmic: 0,
      empathic: 0,
    });
    expect(p.means.developmental).toBeNull();
    expect(p.rated.developmental).toBe(0);
  });

  it('breaks a tie for the weakest by display order', () => {
    // affective 3 and rhythmic 3 tie lowest; affective comes first in dimensionIds.
    const p = clinicianProfile([
      note('p1', { ratings: [2, 5, null, 3, 4] }),
      note('p2', { ratings: [4, null, null, 3, 5] }),
    ]);
    expect(p.weakest).toEqual({ dimension: 'affective', label: 'Affective attunement', mean: 3 });
  });

  it('breaks a tie between means reached from different counts', () => {
    // cognitive (1 + 3) / 2 = 2; rhythmic 2 / 1 = 2; cognitive is listed before rhythmic.
    const p = clinicianProfile([
      note('p1', { ratings: [4, 1, null, 2, 4] }),
      note('p2', { ratings: [4, 3, null, null, 4] }),
    ]);
    expect(p.means.cognitive).toBe(2);
    expect(p.means.rhythmic).toBe(2);
    expect(p.weakest?.dimension).toBe('cognitive');
    expect(p.weakest?.label).toBe('Cognitive attunement');
  });

  it('names no weakest dimension, and gives null means, when nothing was rated', () => {
    const p = clinicianProfile([note('p1'), note('p2')]);
    expect(p.means).toEqual(ratings());
    expect(p.weakest).toBeNull();
    expect(clinicianProfile([]).weakest).toBeNull();
  });

  it('names a dimension rated only once', () => {
    expect(clinicianProfile([note('p1', { ratings: [null, null, null, null, 4] })]).weakest).toEqual({
      dimension: 'empathic',
      label: 'Empathic attunement',
      mean: 4,
    });
  });
});
