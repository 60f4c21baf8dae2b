import { describe, expect, it } from 'vitest';
import { checkedCount, healthyCheckText } from '../../../renderer/src/features/settings/checkWords';

const when = 'Dec 5, 2026, 4:29 PM';

describe('the words of a vault check', () => {
  it('a healthy check counts its records in plain English, from none to many', () => {
    // A new vault has none: not "All 0 records were checked".
    expect(healthyCheckText(0, when)).toBe(
      `The vault holds no records yet, so there was nothing to check (${when}).`,
    );
    expect(healthyCheckText(1, when)).toBe(
      `The vault’s one record was checked (${when}) and matches what Attune last saved.`,
    );
    expect(healthyCheckText(7, when)).toBe(
      `All 7 records were checked (${when}) and match what Attune last saved.`,
    );
  });

  it('a check that found problems says how many records it read, singular or plural', () => {
    expect(checkedCount(1, when)).toBe(`Checked 1 record (${when}).`);
    expect(checkedCount(12, when)).toBe(`Checked 12 records (${when}).`);
  });
});
