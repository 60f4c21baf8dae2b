import { describe, expect, it } from 'vitest';
import { rememberedClientMirror, rememberedOutcomeScaleTotals } from '../../../shared/analytics/mirrorMemo';
import { outcomeScaleTotals } from '../../../shared/analytics/outcomeScaleTotals';
import { note, session } from './fixtures';

const lines = (o: number) => ({ individually: 5, interpersonally: 5, socially: 5, overall: o });

describe('remembered outcome totals', () => {
  it('are the same map for the same measures, so the mirror built on them is remembered across visits', () => {
    const measures = [
      {
        sessionId: 's1',
        instrument: 'outcome' as const,
        answers: lines(5),
        updatedAt: '2025-01-01T10:00:00Z',
      },
      {
        sessionId: 's2',
        instrument: 'outcome' as const,
        answers: lines(8),
        updatedAt: '2025-01-08T10:00:00Z',
      },
    ];
    const totals = rememberedOutcomeScaleTotals(measures);
    expect(totals).toEqual(outcomeScaleTotals(measures));
    // A page mounted again asks with the index's same array: the same map, not an equal copy.
    expect(rememberedOutcomeScaleTotals(measures)).toBe(totals);
    const sessions = [session('s1', '2025-01-01', 'c'), session('s2', '2025-01-08', 'c')];
    const notes = [note('s1', { clientId: 'c' }), note('s2', { clientId: 'c' })];
    const mirror = () =>
      rememberedClientMirror('c', sessions, notes, {
        concernLine: 36,
        outcomeTotals: rememberedOutcomeScaleTotals(measures),
      });
    expect(mirror()).toBe(mirror());
    // A changed list (a measure saved) is a new array: computed again.
    const changed = [...measures, { ...measures[0]!, sessionId: 's3' }];
    expect(rememberedOutcomeScaleTotals(changed)).not.toBe(totals);
    expect(rememberedOutcomeScaleTotals(changed).get('s3')).toBe(20);
  });
});
