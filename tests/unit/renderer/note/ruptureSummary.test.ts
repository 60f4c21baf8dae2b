import { describe, expect, it } from 'vitest';
import { isRuptureComplete, ruptureSummary } from '../../../../renderer/src/features/note/ruptureSummary';
import { emptyRupture, type Rupture } from '../../../../shared/domain/ruptureSchema';
import { defaultRuptureVocabulary, extendRuptureVocabulary } from '../../../../shared/domain/ruptures';

const rupture = (change: Partial<Rupture>): Rupture => ({ ...emptyRupture('r1', 'withdrawal'), ...change });

describe('ruptureSummary', () => {
  it('names the type, the markers, the minute and the outcome with its minute', () => {
    const r = rupture({ markers: ['minimal-response'], minute: 25, outcome: 'resolved', repairMinute: 27 });
    expect(ruptureSummary(r, defaultRuptureVocabulary)).toBe(
      'Withdrawal · Minimal response · minute 25 · Resolved at minute 27',
    );
  });

  it('leaves out what was not noted and counts markers beyond two', () => {
    const r = rupture({
      type: 'confrontation',
      markers: ['complaints-about-therapist', 'rejects-intervention', 'complaints-about-progress'],
      outcome: 'partial',
    });
    expect(ruptureSummary(r, defaultRuptureVocabulary)).toBe(
      'Confrontation · Complaints/concerns about the therapist, Rejects the therapist’s intervention +1 more · Partially resolved',
    );
  });

  it('uses the user’s own markers, and shows an unknown marker id as stored', () => {
    const vocabulary = extendRuptureVocabulary({
      markers: [{ id: 'own-marker', type: 'withdrawal', label: 'Looks at the clock', description: '' }],
    });
    const r = rupture({ markers: ['own-marker', 'gone-marker'], outcome: 'unresolved' });
    expect(ruptureSummary(r, vocabulary)).toBe('Withdrawal · Looks at the clock, gone-marker · Unresolved');
  });

  it('says when the outcome is missing', () => {
    expect(ruptureSummary(rupture({ markers: ['denial'] }), defaultRuptureVocabulary)).toBe(
      'Withdrawal · Denial · Outcome not recorded',
    );
  });
});

describe('isRuptureComplete', () => {
  it('needs a marker and an outcome', () => {
    expect(isRuptureComplete(rupture({}))).toBe(false);
    expect(isRuptureComplete(rupture({ markers: ['denial'] }))).toBe(false);
    expect(isRuptureComplete(rupture({ outcome: 'resolved' }))).toBe(false);
    expect(isRuptureComplete(rupture({ markers: ['denial'], outcome: 'resolved' }))).toBe(true);
  });
});
