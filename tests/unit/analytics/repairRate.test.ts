import { describe, expect, it } from 'vitest';
import { countOutcome, emptyOutcomeCounts, repairRate } from '../../../shared/analytics';

describe('repair rate', () => {
  it('credits resolved 1, partial 0.5, unresolved 0', () => {
    // (2·1 + 1·0.5 + 1·0) / 4 = 2.5 / 4 = 0.625
    expect(repairRate({ resolved: 2, partial: 1, unresolved: 1 })).toBe(0.625);
  });

  it('counts a partial repair as half', () => {
    // (0 + 1·0.5 + 0) / 2 = 0.25
    expect(repairRate({ resolved: 0, partial: 1, unresolved: 1 })).toBe(0.25);
    expect(repairRate({ resolved: 0, partial: 3, unresolved: 0 })).toBe(0.5);
  });

  it('is 0 when every rupture stayed unresolved', () => {
    expect(repairRate({ resolved: 0, partial: 0, unresolved: 3 })).toBe(0);
  });

  it('leaves ruptures without an outcome out', () => {
    // 1 resolved, 3 unrated: 1 / 1 = 1, not 1 / 4.
    expect(repairRate({ resolved: 1, partial: 0, unresolved: 0, unrated: 3 })).toBe(1);
  });

  it('is null, not NaN, with no outcome recorded', () => {
    expect(repairRate(emptyOutcomeCounts())).toBeNull();
    expect(repairRate({ resolved: 0, partial: 0, unresolved: 0, unrated: 2 })).toBeNull();
  });

  it('counts a null outcome as unrated', () => {
    const counts = emptyOutcomeCounts();
    countOutcome(counts, 'resolved');
    countOutcome(counts, 'partial');
    countOutcome(counts, null);
    expect(counts).toEqual({ resolved: 1, partial: 1, unresolved: 0, unrated: 1 });
  });
});
