import { describe, expect, it } from 'vitest';
import { SummaryIndex } from '../../../renderer/src/data/summaryIndex';
import type { Session } from '../../../shared/domain/sessionSchema';
import type { NoteSummary } from '../../../shared/summaries/noteSummary';

const session = (id: string, startsAt = '2025-06-19T09:00:00.000Z'): Session => ({
  id,
  clientId: 'c1',
  startsAt,
  durationMinutes: 50,
  modality: 'in-person',
  attendance: 'attended',
});

const note = (id: string, sessionId: string, status: NoteSummary['status'] = 'draft'): NoteSummary => ({
  id,
  sessionId,
  clientId: 'c1',
  templateId: 'soap',
  status,
  updatedAt: '2025-06-19T10:00:00.000Z',
  signedAt: status === 'signed' ? '2025-06-19T10:00:00.000Z' : null,
  ratings: {} as NoteSummary['ratings'],
  ruptures: [],
  judgments: {} as NoteSummary['judgments'],
  participation: {} as NoteSummary['participation'],
  emotions: [],
  feedback: null,
});

const ids = (records: readonly { id: string }[] | undefined) => records?.map((r) => r.id).sort();

describe("the index's part for Today", () => {
  it('gives Today its slice before the caseload arrives, then everything; other views wait for the caseload', () => {
    const index = new SummaryIndex();
    const generation = index.clear();
    index.load({ clients: [] }, generation);
    expect(index.todaySource()).toBeUndefined();
    index.load(
      { today: { sessions: [session('s1')], notes: [note('n1', 's1')], olderUnfinished: 0 } },
      generation,
    );
    expect(ids(index.todaySource()?.sessions)).toEqual(['s1']);
    expect(ids(index.todaySource()?.notes)).toEqual(['n1']);
    expect(index.todaySource()?.olderUnfinished).toBe(0);
    // Lists and charts need every session and note: they are not fooled by the slice.
    expect(index.caseloadSource()).toBeUndefined();
    expect(index.activity()).toBeUndefined();
    index.load({ sessions: [session('s1'), session('s0', '2024-01-01T09:00:00.000Z')] }, generation);
    index.load({ notes: [note('n1', 's1'), note('n0', 's0', 'signed')] }, generation);
    expect(ids(index.todaySource()?.sessions)).toEqual(['s0', 's1']);
    expect(index.todaySource()?.olderUnfinished).toBeUndefined(); // every older session is here now
    expect(ids(index.caseloadSource()?.notes)).toEqual(['n0', 'n1']);
  });

  it('never puts an older copy over a note saved since, nor over the caseload once it is in', () => {
    const index = new SummaryIndex();
    const generation = index.clear();
    index.load({ clients: [] }, generation);
    index.putNote(note('n1', 's1', 'signed'));
    index.load(
      { today: { sessions: [session('s1')], notes: [note('n1', 's1', 'draft')], olderUnfinished: 0 } },
      generation,
    );
    expect(index.todaySource()?.notes.find((n) => n.id === 'n1')?.status).toBe('signed');

    const late = new SummaryIndex();
    const g = late.clear();
    late.load({ clients: [], sessions: [session('s1')], notes: [note('n1', 's1', 'signed')] }, g);
    late.load({ today: { sessions: [], notes: [note('n1', 's1', 'draft')], olderUnfinished: 0 } }, g);
    expect(late.todaySource()?.notes.map((n) => n.status)).toEqual(['signed']);
  });

  it('drops a slice that arrives after a lock', () => {
    const index = new SummaryIndex();
    const generation = index.clear();
    index.clear(); // locked meanwhile
    expect(
      index.load({ today: { sessions: [session('s1')], notes: [], olderUnfinished: 0 } }, generation),
    ).toBe(false);
    expect(index.size).toBe(0);
  });
});
