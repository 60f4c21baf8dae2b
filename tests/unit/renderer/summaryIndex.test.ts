import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { createBackend } from '../../../main/ipc/createBackend';
import { type FillProgress, fillIndex } from '../../../renderer/src/data/fillIndex';
import { lockNow } from '../../../renderer/src/data/lock';
import { deleteMeasure, saveMeasure } from '../../../renderer/src/data/measures';
import { putNoteSummary, summaryIndex } from '../../../renderer/src/data/summaryIndex';
import type { Client } from '../../../shared/domain/clientSchema';
import type { Note } from '../../../shared/domain/noteSchema';
import type { Session } from '../../../shared/domain/sessionSchema';
import type { AttuneApi } from '../../../shared/ipc/api';
import type { SavedDraft } from '../../../shared/ipc/contract';
import type { Result } from '../../../shared/ipc/result';
import { summarizeNote } from '../../../shared/summaries/noteSummary';
import { clientInput, filledDraft, makeVault, PASS, sessionInput } from '../services/serviceKit';

type Call = (method: string, input?: unknown) => Promise<Result<unknown>>;

const phq9Answers = { q1: 1, q2: 1, q3: 0, q4: 1, q5: 0, q6: 0, q7: 1, q8: 0, q9: 0, difficulty: null };

/**
 * The renderer's index filled over the real main-side handlers (router, validation, services) on
 * a temp vault; only the transport differs, as in the e2e harness. `hold` can keep a method's
 * answer back until the test lets it go, to put a lock or a save in between.
 */
async function unlockedRenderer() {
  const { dataDir } = await makeVault();
  const backend = createBackend({ dataDir, emit: () => undefined, version: '0.0.0-test' });
  onTestFinished(() => backend.dispose());
  const call: Call = (method, input) => backend.router.call(method, input);
  const held = new Map<string, Promise<void>>();
  const calls: string[] = [];
  const attune = {
    invoke: async (method: string, input?: unknown) => {
      calls.push(method);
      const answer = await call(method, input);
      await held.get(method);
      return answer;
    },
    on: () => () => undefined,
  } as unknown as AttuneApi;
  Object.assign(globalThis, { window: { attune } });
  expect(await call('vault:unlock', { passphrase: PASS })).toMatchObject({ ok: true });
  const value = async <T>(method: string, input?: unknown): Promise<T> => {
    const result = await call(method, input);
    if (!result.ok) throw new Error(result.error.message);
    return result.value as T;
  };
  const hold = (method: string) => {
    let release: () => void = () => undefined;
    held.set(
      method,
      new Promise<void>((resolve) => {
        release = resolve;
      }),
    );
    return () => release();
  };
  return { value, hold, calls };
}

/** Two clients; B-02 has three sessions (two with notes), A-01 one session. */
async function seed(value: <T>(method: string, input?: unknown) => Promise<T>) {
  const b = await value<Client>('clients:create', clientInput('B-02'));
  const a = await value<Client>('clients:create', clientInput('A-01'));
  const sessions: Session[] = [];
  for (const startsAt of ['2025-03-20T09:00:00Z', '2025-03-06T09:00:00Z', '2025-03-13T09:00:00Z']) {
    sessions.push(await value<Session>('sessions:create', sessionInput(b.id, startsAt)));
  }
  sessions.push(await value<Session>('sessions:create', sessionInput(a.id, '2025-04-01T09:00:00Z')));
  const notes: Note[] = [];
  for (const session of sessions.slice(0, 2)) {
    const note = await value<Note>('notes:create', { sessionId: session.id, templateId: 'soap' });
    await value('notes:saveDraft', { id: note.id, draft: filledDraft() });
    notes.push(note);
  }
  await value('processNotes:save', { noteId: notes[0]!.id, text: 'Private countertransference.' });
  return { a, b, sessions, notes };
}

afterEach(() => {
  summaryIndex.clear();
});

describe('the renderer’s summary index', () => {
  it("fills from main in five messages, the clients first, then Today's few, and answers lists and badges", async () => {
    const { value, calls } = await unlockedRenderer();
    const { a, b, sessions, notes } = await seed(value);
    calls.length = 0;
    const seen: Array<FillProgress & { clients: number; rows: boolean }> = [];
    await fillIndex((progress) =>
      seen.push({
        ...progress,
        clients: summaryIndex.clients()?.length ?? 0,
        rows: summaryIndex.sessionRows(b.id) !== undefined,
      }),
    );

    expect(calls.slice(0, 2)).toEqual(['index:clients', 'index:today']);
    expect(calls.sort()).toEqual([
      'index:clients',
      'index:noteSummaries',
      'index:sessions',
      'index:today',
      'measures:all',
    ]);
    // The client list is usable before the sessions and notes are in.
    expect(seen[0]).toEqual({ fraction: 1 / 3, clientsReady: true, clients: 2, rows: false });
    expect(seen.at(-1)).toMatchObject({ fraction: 1, rows: true });

    expect(summaryIndex.clients()?.map((c) => c.code)).toEqual(['A-01', 'B-02']);
    const rows = summaryIndex.sessionRows(b.id)!;
    expect(rows.map((r) => r.session.startsAt)).toEqual([
      '2025-03-06T09:00:00Z',
      '2025-03-13T09:00:00Z',
      '2025-03-20T09:00:00Z',
    ]);
    expect(rows.map((r) => r.note?.id ?? null)).toEqual([notes[1]!.id, null, notes[0]!.id]);
    expect(summaryIndex.activity()?.get(b.id)).toEqual({ sessions: 3, last: '2025-03-20T09:00:00Z' });
    expect(summaryIndex.activity()?.get(a.id)).toEqual({ sessions: 1, last: '2025-04-01T09:00:00Z' });
    expect(summaryIndex.sessionOfNote(notes[0]!.id)?.id).toBe(sessions[0]!.id);
    expect(summaryIndex.caseloadSource()?.notes).toHaveLength(2);
    expect(summaryIndex.clientSource(a.id)).toMatchObject({ clientCode: 'A-01', notes: [] });
    expect(JSON.stringify(summaryIndex.caseloadSource())).not.toMatch(/countertransference|manager/);
  });

  it('holds the outcome measures by client, earliest first, updated by saves and deletes', async () => {
    const { value } = await unlockedRenderer();
    const { a, b, sessions } = await seed(value);
    const answers = { q1: 1, q2: 1, q3: 1, q4: 1, q5: 1, q6: 1, q7: 1 };
    for (const session of sessions.slice(0, 3)) {
      await value('measures:save', { sessionId: session.id, instrument: 'gad7', answers });
    }
    expect(summaryIndex.measures()).toBeUndefined(); // not arrived yet
    await fillIndex(() => undefined);
    expect(summaryIndex.clientMeasures(b.id)?.map((m) => m.administeredAt)).toEqual([
      '2025-03-06T09:00:00Z',
      '2025-03-13T09:00:00Z',
      '2025-03-20T09:00:00Z',
    ]);
    expect(summaryIndex.clientMeasures(a.id)).toEqual([]);
    const view = summaryIndex.clientMeasures(b.id);
    expect(summaryIndex.clientMeasures(b.id)).toBe(view);

    const saved = await saveMeasure({ sessionId: sessions[3]!.id, instrument: 'phq9', answers: phq9Answers });
    expect(summaryIndex.clientMeasures(a.id)).toEqual([saved]);
    await deleteMeasure(saved.id);
    expect(summaryIndex.clientMeasures(a.id)).toEqual([]);
    expect(summaryIndex.size).toBe(2 + 4 + 2 + 3); // clients, sessions, notes, measures
  });

  it('hands out the same view until a change, and a new one after it', async () => {
    const { value } = await unlockedRenderer();
    const { b, notes } = await seed(value);
    await fillIndex(() => undefined);
    const caseload = summaryIndex.caseloadSource();
    const rows = summaryIndex.sessionRows(b.id);
    expect(summaryIndex.caseloadSource()).toBe(caseload);
    expect(summaryIndex.sessionRows(b.id)).toBe(rows);

    let changes = 0;
    const unsubscribe = summaryIndex.subscribe(() => changes++);
    const summary = summarizeNote({
      ...(await value<Note>('notes:get', { id: notes[0]!.id })),
      status: 'signed',
    });
    putNoteSummary(summary);
    unsubscribe();
    putNoteSummary(summary);

    expect(changes).toBe(1);
    expect(summaryIndex.caseloadSource()).not.toBe(caseload);
    expect(summaryIndex.sessionRows(b.id)?.find((r) => r.note?.id === notes[0]!.id)?.note?.status).toBe(
      'signed',
    );
  });

  it('keeps a note saved while the fill is under way over the fill’s older copy', async () => {
    const { value, hold } = await unlockedRenderer();
    const { notes } = await seed(value);
    const release = hold('index:noteSummaries');
    const filling = fillIndex(() => undefined);
    // The fill asked for the summaries before this save; its answer is older than the save's.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const saved = await value<SavedDraft>('notes:saveDraft', {
      id: notes[0]!.id,
      draft: filledDraft({ subjective: 'A later save.' }),
    });
    putNoteSummary(saved.summary);
    release();
    await filling;
    const kept = summaryIndex.caseloadSource()?.notes.find((n) => n.id === notes[0]!.id);
    expect(kept?.updatedAt).toBe(saved.summary.updatedAt);
    expect(summaryIndex.caseloadSource()?.notes).toHaveLength(2);
  });

  it('is emptied by a lock, and a fill still on its way does not refill it', async () => {
    const { value, hold } = await unlockedRenderer();
    await seed(value);
    const release = hold('index:noteSummaries');
    // The fill may fail with `locked` while the lock is under way: caught from the start.
    const filling = fillIndex(() => undefined).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(summaryIndex.clients()).toHaveLength(2);

    await lockNow('user');
    expect(summaryIndex.size).toBe(0);
    release();
    await filling;
    expect(summaryIndex.size).toBe(0);
    expect(summaryIndex.clients()).toBeUndefined();
    expect(summaryIndex.caseloadSource()).toBeUndefined();
  });
});
