import { describe, expect, it } from 'vitest';
import {
  conflictNoticeText,
  conflictTitle,
  notePartLabel,
  openElsewhereText,
} from '../../../renderer/src/features/sync/syncWords';
import { clientsWithSharedCode, sharedCodeMessage } from '../../../shared/domain/duplicateClientCodes';
import { differingNoteParts, mergeNoteParts } from '../../../shared/domain/noteParts';
import type { ConflictView } from '../../../shared/ipc/contract';

const conflict = (over: Partial<ConflictView> = {}): ConflictView => ({
  kind: 'note',
  id: 'n1',
  what: 'note',
  client: { code: 'C-014', displayName: '' },
  sessionStartsAt: '2026-03-05T15:00:00.000Z',
  versions: [
    {
      versionId: `${'a'.repeat(32)}:3:0`,
      deviceName: 'Office iMac',
      at: '2026-03-05T16:00:00.000Z',
      deleted: false,
      value: { status: 'draft' },
    },
    {
      versionId: `${'b'.repeat(32)}:4:0`,
      deviceName: 'Laptop',
      at: '2026-03-05T16:01:00.000Z',
      deleted: false,
      value: { status: 'draft' },
    },
  ],
  differingParts: ['plan'],
  ...over,
});

describe('the words of one vault on several computers', () => {
  it('names a record in conflict as a clinician would', () => {
    expect(conflictTitle(conflict(), { locale: 'en-US', timeZone: 'UTC' })).toBe(
      'Draft note, session of Mar 5, 2026, client C-014',
    );
    expect(
      conflictTitle(
        conflict({ what: 'client', sessionStartsAt: null, client: { code: 'C-2', displayName: 'Sam' } }),
      ),
    ).toBe('Client details, client C-2 (Sam)');
    expect(conflictTitle(conflict({ what: 'other', client: null, sessionStartsAt: null }))).toBe('A record');
  });

  it('says how many records are in conflict, never nothing when there are some', () => {
    expect(conflictNoticeText([])).toBeNull();
    expect(conflictNoticeText([conflict(), conflict({ id: 'n2' })])).toBe(
      '2 notes were edited on two computers at once. Both versions are kept until you choose.',
    );
    expect(conflictNoticeText([conflict({ what: 'client' })])).toMatch(/^1 record was edited/);
  });

  it('says which other computers have a note open, and since when', () => {
    expect(openElsewhereText([])).toBeNull();
    expect(openElsewhereText([{ name: 'Office iMac', minutesAgo: 2 }])).toBe(
      'Also open on Office iMac, 2 min ago',
    );
    expect(openElsewhereText([{ name: 'Laptop', minutesAgo: 0 }])).toBe('Also open on Laptop, just now');
    expect(notePartLabel('plan')).toBe('Plan');
    expect(
      notePartLabel('sections.subjective', [{ id: 'subjective', label: 'Subjective', prompt: '' }]),
    ).toBe('Subjective');
  });

  it('flags every client whose code another client also has, ignoring case', () => {
    const shared = clientsWithSharedCode([
      { id: 'a', code: 'C-014' },
      { id: 'b', code: 'c-014' },
      { id: 'c', code: 'C-015' },
    ]);
    expect([...shared].sort()).toEqual(['a', 'b']);
    expect(sharedCodeMessage('C-014')).toMatch(/^Another client has the code C-014: change one/);
  });

  it('takes each part of a note from the version chosen', () => {
    const base = {
      sections: { s: 'office', o: 'same' },
      attunement: {},
      coRegulation: '',
      ruptures: [],
      sessionJudgments: {},
      participation: {},
      feedback: null,
      plan: 'office plan',
    };
    const other = { ...base, sections: { s: 'laptop', o: 'same' }, plan: 'laptop plan' };
    expect(differingNoteParts([base, other] as never)).toEqual(['sections.s', 'plan']);
    const merged = mergeNoteParts(base as never, new Map([['L', other as never]]), { plan: 'L' });
    expect(merged).toMatchObject({ sections: { s: 'office', o: 'same' }, plan: 'laptop plan' });
    expect(base.plan).toBe('office plan');
    expect(() => mergeNoteParts(base as never, new Map(), { plan: 'nope' })).toThrow(RangeError);
  });

  it('offers the goals addressed and the risk section as parts; a version from before them differs in neither when empty', () => {
    const older = {
      sections: {},
      attunement: {},
      coRegulation: '',
      ruptures: [],
      sessionJudgments: {},
      participation: {},
      feedback: null,
      plan: '',
    };
    const empty = { ...older, goalProgress: [], risk: null };
    expect(differingNoteParts([older, empty] as never)).toEqual([]);
    const risk = { ideation: 'passive', intent: 'no', plan: 'no', means: 'no', level: 'moderate' };
    const laptop = { ...empty, goalProgress: [{ goalId: 'g1', progress: 1, comment: '' }], risk };
    expect(differingNoteParts([older, laptop] as never)).toEqual(['goalProgress', 'risk']);
    const merged = mergeNoteParts(empty as never, new Map([['L', laptop as never]]), { risk: 'L' });
    expect(merged).toMatchObject({ goalProgress: [], risk });
    expect(notePartLabel('goalProgress')).toBe('Treatment goals addressed');
    expect(notePartLabel('risk')).toBe('Risk assessment');
  });
});
