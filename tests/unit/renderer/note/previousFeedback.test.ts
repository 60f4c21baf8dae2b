import { describe, expect, it } from 'vitest';
import type { SessionRow } from '../../../../renderer/src/data/hooks';
import { previousFeedbackOf } from '../../../../renderer/src/features/note/previousFeedback';
import type { SessionFeedback } from '../../../../shared/domain/feedback';
import type { NoteSummary } from '../../../../shared/summaries/noteSummary';

const row = (id: string, day: number, feedback: SessionFeedback | null | undefined): SessionRow => ({
  session: {
    id,
    clientId: 'c',
    startsAt: `2026-04-${String(day).padStart(2, '0')}T09:00:00Z`,
    durationMinutes: 50,
    modality: 'video',
    attendance: 'attended',
  },
  note: feedback === undefined ? undefined : ({ id: `n-${id}`, sessionId: id, feedback } as NoteSummary),
});
const full = (n: number): SessionFeedback => ({ relationship: n, goals: n, approach: n, overall: n });

describe('previousFeedbackOf', () => {
  it('takes the latest earlier session whose note has complete feedback', () => {
    const rows = [
      row('a', 1, full(10)),
      row('b', 8, full(9)),
      row('c', 15, { ...full(9), goals: null }), // incomplete: skipped
      row('d', 22, undefined), // no note
      row('e', 29, full(7)),
      row('f', 30, full(8)), // later: not previous
    ];
    expect(previousFeedbackOf(rows, 'e')).toEqual(full(9));
    expect(previousFeedbackOf(rows, 'a')).toBeNull();
    expect(previousFeedbackOf(rows, 'missing')).toBeNull();
  });
});
