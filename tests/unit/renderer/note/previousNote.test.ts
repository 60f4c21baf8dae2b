import { describe, expect, it } from 'vitest';
import type { SessionRow } from '../../../../renderer/src/data/hooks';
import { previousNoteOf } from '../../../../renderer/src/features/note/previousNote';
import type { Session } from '../../../../shared/domain/sessionSchema';
import type { NoteSummary } from '../../../../shared/summaries/noteSummary';

function row(id: string, startsAt: string, noteId?: string): SessionRow {
  const session = { id, clientId: 'c1', startsAt } as Session;
  const note = noteId ? ({ id: noteId, sessionId: id } as NoteSummary) : undefined;
  return { session, note };
}

describe('previousNoteOf', () => {
  const rows = [
    row('s3', '2026-11-20T10:00:00.000Z', 'n3'),
    row('s1', '2026-11-06T10:00:00.000Z', 'n1'),
    row('s2', '2026-11-13T10:00:00.000Z'),
    row('s4', '2026-11-27T10:00:00.000Z', 'n4'),
  ];

  it('finds the latest earlier session with a note, whatever the rows’ order', () => {
    expect(previousNoteOf(rows, 's4')).toEqual({ noteId: 'n3', startsAt: '2026-11-20T10:00:00.000Z' });
    expect(previousNoteOf([...rows].reverse(), 's4')?.noteId).toBe('n3');
  });

  it('skips earlier sessions without a note', () => {
    expect(previousNoteOf(rows, 's3')?.noteId).toBe('n1');
  });

  it('has nothing for the first session, or a session the index does not hold', () => {
    expect(previousNoteOf(rows, 's1')).toBeNull();
    expect(previousNoteOf(rows, 'unknown')).toBeNull();
  });

  it('compares times as instants, not as text with different offsets', () => {
    const mixed = [row('a', '2026-11-06T09:00:00+02:00', 'na'), row('b', '2026-11-06T08:30:00Z', 'nb')];
    // 09:00+02:00 is 07:00Z, before 08:30Z.
    expect(previousNoteOf(mixed, 'b')?.noteId).toBe('na');
    expect(previousNoteOf(mixed, 'a')).toBeNull();
  });
});
