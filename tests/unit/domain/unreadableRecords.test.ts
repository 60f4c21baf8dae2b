import { describe, expect, it } from 'vitest';
import { describeUnreadable } from '../../../shared/domain/unreadableRecords';

describe('the notice for records that could not be read', () => {
  it('counts each kind in words and says what to do', () => {
    expect(describeUnreadable([{ kind: 'note' }])).toBe(
      'Attune could not read 1 note: its file is damaged or missing on this computer. Everything else is shown. Check the vault in Settings to put it back from a backup.',
    );
    expect(
      describeUnreadable([{ kind: 'client' }, { kind: 'note' }, { kind: 'note' }, { kind: 'session' }]),
    ).toMatch(/^Attune could not read 1 client record, 2 notes and 1 session: their files are damaged/);
    expect(describeUnreadable([{ kind: 'something-new' }, { kind: 'something-new' }])).toContain('2 records');
  });
});
