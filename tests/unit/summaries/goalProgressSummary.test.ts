import { describe, expect, it } from 'vitest';
import { builtInTemplate, emptyNote } from '../../../shared/domain';
import { parseJsonText, toJsonText } from '../../../shared/ipc/jsonText';
import { packNoteSummaries, unpackNoteSummaries } from '../../../shared/summaries/packedSummaries';
import { summarizeNote } from '../../../shared/summaries/noteSummary';

const goalA = 'aaaaaaaa-0000-4000-8000-000000000001';
const goalB = 'aaaaaaaa-0000-4000-8000-000000000002';

function blank(id: string) {
  return emptyNote({
    id,
    sessionId: `s-${id}`,
    clientId: 'c1',
    template: builtInTemplate('soap')!,
    now: '2026-01-05T10:00:00.000Z',
  });
}

describe('goal progress in note summaries', () => {
  const addressed = {
    ...blank('n1'),
    goalProgress: [
      { goalId: goalA, progress: 2, comment: 'Slept six hours on four nights.' },
      { goalId: goalB, progress: null, comment: '' },
    ],
  };

  it('carries the goal ids and levels, never the comment', () => {
    expect(summarizeNote(addressed).goalProgress).toEqual([
      { goalId: goalA, progress: 2 },
      { goalId: goalB, progress: null },
    ]);
    expect(JSON.stringify(summarizeNote(addressed))).not.toContain('Slept');
  });

  it('reads a note stored before issue 15 (no goalProgress field) as addressing none', () => {
    const { goalProgress: _dropped, ...stored } = blank('n2');
    expect(summarizeNote(stored as ReturnType<typeof blank>).goalProgress).toEqual([]);
  });

  it('packs and unpacks them, and adds nothing to a note that addressed no goal', () => {
    const none = summarizeNote(blank('n3'));
    const summaries = [summarizeNote(addressed), none];
    const packed = packNoteSummaries(summaries);
    const unpacked = unpackNoteSummaries(parseJsonText(toJsonText(packed)));
    expect(unpacked.map((s) => s.goalProgress)).toEqual([summaries[0]!.goalProgress, []]);
    // The goals are one element at the end of the row, left off when there are none; each goal
    // id is sent once, and the rows point into that list.
    expect(packed.notes[0]!.length).toBe(packed.notes[1]!.length + 1);
    expect(packed.notes[0]!.at(-1)).toEqual([
      [0, 2],
      [1, null],
    ]);
    expect(packed.goalIds).toEqual([goalA, goalB]);
    expect(packNoteSummaries([none])).toEqual({ notes: [packed.notes[1]] });
    // A goal addressed again in a later note points at the same entry.
    const later = summarizeNote({
      ...blank('n4'),
      goalProgress: [{ goalId: goalB, progress: 3, comment: '' }],
    });
    const both = packNoteSummaries([summarizeNote(addressed), later]);
    expect(both.goalIds).toEqual([goalA, goalB]);
    expect(unpackNoteSummaries(parseJsonText(toJsonText(both)))[1]!.goalProgress).toEqual([
      { goalId: goalB, progress: 3 },
    ]);
  });
});
