import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { elevatedRisks } from '../../../main/services/RiskService';
import { ElevatedRiskStore } from '../../../renderer/src/data/elevatedRisk';
import { SummaryIndex } from '../../../renderer/src/data/summaryIndex';
import type { Client } from '../../../shared/domain/clientSchema';
import type { RiskLevel } from '../../../shared/domain/riskSchema';
import type { Session } from '../../../shared/domain/sessionSchema';
import type { NoteSummary } from '../../../shared/summaries/noteSummary';
import { clientInput, sessionInput } from '../services/serviceKit';

const client = (id: string): Client => ({ id, ...clientInput(id) }) as Client;
const session = (id: string, clientId: string, startsAt: string): Session => ({
  id,
  ...sessionInput(clientId, startsAt),
});
/** A note summary with the fields the risk answer reads (the rest is not looked at). */
const note = (id: string, s: Session, extra: Partial<NoteSummary> = {}): NoteSummary =>
  ({
    id,
    sessionId: s.id,
    clientId: s.clientId,
    status: 'draft',
    updatedAt: '2025-03-01T10:00:00.000Z',
    signedAt: null,
    riskLevel: null,
    ...extra,
  }) as NoteSummary;

/**
 * An index with the store over it; main is stood in for by RiskService's own function over what
 * the index holds, counted. The store's answer is then right exactly when it asked after every
 * change the answer depends on.
 */
function storeOver(index: SummaryIndex) {
  const asked = { count: 0 };
  const answer = () => {
    const source = index.todaySource();
    if (!source) return [];
    return elevatedRisks(new Map(source.sessions.map((s) => [s.id, s])), source.notes);
  };
  const store = new ElevatedRiskStore(index, async () => {
    asked.count += 1;
    return answer();
  });
  const shown = () => [...(store.read()?.values() ?? [])];
  return { asked, answer, shown };
}

const settle = () => vi.runAllTimersAsync();

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('the elevated-risk store', () => {
  it('asks main again only when a risk level, a signature, a note, a session or a fill changed', async () => {
    const index = new SummaryIndex();
    const { asked, answer, shown } = storeOver(index);
    const s1 = session('s1', 'c1', '2025-03-03T09:00:00Z');
    const s2 = session('s2', 'c1', '2025-03-10T09:00:00Z');
    const s3 = session('s3', 'c2', '2025-03-04T09:00:00Z');
    const n1 = note('n1', s1);
    const n3 = note('n3', s3, { status: 'signed', riskLevel: 'low' });

    // A fill: the first part asks at once; the parts that bring sessions and notes ask again.
    const generation = index.clear();
    index.load({ clients: [client('c1'), client('c2')] }, generation);
    await settle();
    expect(asked.count).toBe(1);
    index.load({ today: { sessions: [s1], notes: [n1], olderUnfinished: 0 } }, generation);
    await settle();
    index.load({ sessions: [s1, s2, s3] }, generation);
    await settle();
    index.load({ notes: [{ ...n1 }, n3] }, generation);
    await settle();
    index.load({ measures: [] }, generation);
    await settle();
    expect(asked.count).toBe(4);

    // Ten autosaves of the note's text: the same risk level and status, nothing asked.
    for (let i = 1; i <= 10; i += 1) {
      index.putNote({ ...n1, updatedAt: `2025-03-03T10:${String(i).padStart(2, '0')}:00.000Z` });
      await settle();
    }
    expect(asked.count).toBe(4);

    // Setting the risk level asks; saving again at that level does not; signing asks.
    const high = { ...n1, riskLevel: 'high' as RiskLevel, updatedAt: '2025-03-03T10:20:00.000Z' };
    index.putNote(high);
    await settle();
    expect(asked.count).toBe(5);
    expect(shown()).toEqual(answer());
    expect(shown().map((r) => [r.clientId, r.level, r.followUp?.sessionId])).toEqual([['c1', 'high', 's2']]);
    index.putNote({ ...high, updatedAt: '2025-03-03T10:21:00.000Z' });
    await settle();
    expect(asked.count).toBe(5);
    index.putNote({ ...high, status: 'signed', signedAt: '2025-03-03T10:22:00.000Z' });
    await settle();
    expect(asked.count).toBe(6);

    // A client edited, a measure saved: nothing asked. A note begun for the follow-up asks.
    index.putClient({ ...client('c1'), displayName: 'Renamed' });
    index.putMeasure({ id: 'm1', clientId: 'c1' } as never);
    await settle();
    expect(asked.count).toBe(6);
    index.putNote(note('n2', s2));
    await settle();
    expect(asked.count).toBe(7);
    expect(shown()[0]?.followUp?.noteId).toBe('n2');

    // A fill from another computer with nothing new: copies of every record, nothing asked.
    const again = index.refill();
    const source = index.todaySource()!;
    index.load(
      { clients: [client('c1'), client('c2')], sessions: source.sessions.map((s) => ({ ...s })) },
      again,
    );
    index.load({ notes: source.notes.map((n) => ({ ...n })) }, again);
    await settle();
    expect(asked.count).toBe(7);

    // Locked: the answer goes, nothing asked; the next fill asks at once.
    index.clear();
    await settle();
    expect(asked.count).toBe(7);
    expect(shown()).toEqual([]);
    index.load({ clients: [client('c1')] }, index.clear());
    await settle();
    expect(asked.count).toBe(8);
  });

  it('asks on a resave where the save time decides: two assessments of one client at one start', async () => {
    const index = new SummaryIndex();
    const { asked, answer, shown } = storeOver(index);
    const s1 = session('s1', 'c1', '2025-03-03T09:00:00Z');
    // The same instant written with another offset: RiskService compares instants.
    const s2 = session('s2', 'c1', '2025-03-03T11:00:00+02:00');
    const low = note('n1', s1, { riskLevel: 'low', updatedAt: '2025-03-03T10:00:00.000Z' });
    const high = note('n2', s2, { riskLevel: 'high', updatedAt: '2025-03-03T10:05:00.000Z' });
    const generation = index.clear();
    index.load({ clients: [client('c1')], sessions: [s1, s2], notes: [low, high] }, generation);
    await settle();
    expect(shown().map((r) => r.level)).toEqual(['high']);
    const before = asked.count;
    index.putNote({ ...low, updatedAt: '2025-03-03T10:10:00.000Z' });
    await settle();
    expect(asked.count).toBe(before + 1);
    expect(shown()).toEqual(answer());
    expect(shown()).toEqual([]);
  });

  it('shows main’s answer for the index after any sequence of saves (none missed)', async () => {
    const sessions = [
      session('s1', 'c1', '2025-03-03T09:00:00Z'),
      session('s2', 'c1', '2025-03-10T09:00:00Z'),
      session('s3', 'c1', '2025-03-17T09:00:00Z'),
      session('s4', 'c2', '2025-03-03T09:00:00Z'),
      session('s5', 'c2', '2025-03-03T10:00:00+01:00'),
    ];
    const save = fc.oneof(
      fc.record({
        kind: fc.constant('note' as const),
        session: fc.integer({ min: 0, max: sessions.length - 1 }),
        riskLevel: fc.constantFrom<RiskLevel | null>(null, 'low', 'moderate', 'high'),
        status: fc.constantFrom<NoteSummary['status']>('draft', 'signed'),
      }),
      fc.record({
        kind: fc.constant('session' as const),
        session: fc.integer({ min: 0, max: sessions.length - 1 }),
        attendance: fc.constantFrom<Session['attendance']>('attended', 'cancelled'),
        day: fc.integer({ min: 1, max: 28 }),
      }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(save, { maxLength: 25 }), async (saves) => {
        const index = new SummaryIndex();
        const { asked, answer, shown } = storeOver(index);
        index.load({ clients: [client('c1'), client('c2')], sessions, notes: [] }, index.clear());
        await settle();
        let minute = 0;
        for (const step of saves) {
          minute += 1;
          const s = index.todaySource()!.sessions.find((x) => x.id === sessions[step.session]!.id)!;
          if (step.kind === 'note') {
            const updatedAt = new Date(Date.UTC(2025, 3, 1, 0, minute)).toISOString();
            index.putNote(
              note(`n-${s.id}`, s, { riskLevel: step.riskLevel, status: step.status, updatedAt }),
            );
          } else {
            const startsAt = `2025-03-${String(step.day).padStart(2, '0')}T09:00:00Z`;
            index.putSession({ ...s, attendance: step.attendance, startsAt });
          }
          await settle();
          expect(shown()).toEqual(answer());
        }
        expect(asked.count).toBeLessThanOrEqual(saves.length + 1);
      }),
      { numRuns: 60 },
    );
  });
});
