import { describe, expect, it } from 'vitest';
import { addendumTitle, lateEntryLine } from '../../../../renderer/src/features/records/recordFormat';
import type { Signature } from '../../../../shared/domain/noteSchema';

const signature = (at: string): Signature => ({ at, by: 'Dr. Lee Park', contentHash: 'ab'.repeat(32) });

describe('the printed record: late entries and typed addenda', () => {
  const session = '2026-03-10T09:00:00Z';

  it('prints a late entry with its signing time and how long after the session, only past the limit', () => {
    expect(lateEntryLine(session, signature('2026-03-12T09:00:00Z'), 48)).toBeNull();
    const line = lateEntryLine(session, signature('2026-03-14T10:00:00Z'), 48);
    expect(line).toMatch(
      /^Late entry: signed on .*2026.*, 4 days after the session began \(the limit is 48 hours\)\.$/,
    );
    expect(lateEntryLine(session, signature('2026-03-11T11:30:00Z'), 24)).toMatch(
      /, 26 hours after the session/,
    );
  });

  it('titles an addendum by its type; one written before types is an “Addendum”', () => {
    const base = { id: 'a1', at: '2026-03-15T08:00:00Z', by: 'Dr. Lee Park', text: 'Text.' };
    expect(addendumTitle({ ...base, type: 'correction', reason: 'Wrong date.' })).toMatch(
      /^Correction of .*2026.* by Dr\. Lee Park$/,
    );
    expect(addendumTitle({ ...base, type: 'late-entry', reason: 'Left out.' })).toMatch(/^Late entry of /);
    expect(addendumTitle(base)).toMatch(/^Addendum of /);
  });
});
