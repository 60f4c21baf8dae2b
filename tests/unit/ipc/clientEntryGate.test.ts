import { describe, expect, it, onTestFinished } from 'vitest';
import { clientEntryChannels } from '../../../main/ipc/clientEntryGate';
import { createBackend } from '../../../main/ipc/createBackend';
import { clientEntryRefusal } from '../../../shared/domain/clientEntry';
import type { Client } from '../../../shared/domain/clientSchema';
import type { Note } from '../../../shared/domain/noteSchema';
import type { Measure } from '../../../shared/measures/measureSchema';
import type { Session } from '../../../shared/domain/sessionSchema';
import { methods } from '../../../shared/ipc/contract';
import type { Result } from '../../../shared/ipc/result';
import { clientInput, filledDraft, makeVault, PASS, sessionInput } from '../services/serviceKit';

function value<T>(result: Result<unknown>): T {
  if (!result.ok) throw new Error(`${result.error.kind}: ${result.error.message}`);
  return result.value as T;
}

/** A real backend over a temp vault, unlocked, with one client, a session and its draft note. */
async function backendWithDraft() {
  const { dataDir } = await makeVault();
  const backend = createBackend({ dataDir, emit: () => undefined, version: '0.0.0-test' });
  onTestFinished(() => backend.dispose());
  const call = backend.router.call;
  value(await call('vault:unlock', { passphrase: PASS }));
  const client = value<Client>(await call('clients:create', clientInput('C-01')));
  const session = value<Session>(await call('sessions:create', sessionInput(client.id)));
  const note = value<Note>(await call('notes:create', { sessionId: session.id, templateId: 'soap' }));
  const draft = { ...filledDraft(), feedback: null };
  value(await call('notes:saveDraft', { id: note.id, draft }));
  return { backend, call, client, note, draft };
}

const answers = { relationship: 7, goals: 6.5, approach: 8, overall: 7 };

describe('client entry mode, enforced in main', () => {
  it('refuses every channel but the form’s own while it is on, before reading any input', async () => {
    const { call, note } = await backendWithDraft();
    expect(
      value(await call('clientEntry:start', { noteId: note.id, form: 'feedback', greeting: null })),
    ).toEqual({
      active: true,
      form: 'feedback',
      greeting: null,
    });
    const refused: string[] = [];
    for (const method of methods) {
      if (clientEntryChannels.has(method)) continue;
      // Valid or not, the input is never looked at: the refusal comes first.
      expect(await call(method, { id: note.id, noteId: note.id })).toEqual({
        ok: false,
        error: { kind: 'in-use', message: clientEntryRefusal },
      });
      refused.push(method);
    }
    expect(refused).toContain('notes:get');
    expect(refused).toContain('clients:list');
    expect(refused).toContain('index:noteSummaries');
    expect(refused).toContain('clientEntry:start');
    expect(refused.length).toBe(methods.length - clientEntryChannels.size);
    // The form's own calls still answer.
    expect(value(await call('clientEntry:status', undefined))).toMatchObject({ active: true });
    expect(value(await call('clientEntry:saveFeedback', { feedback: answers }))).toBeNull();
  });

  it('saves the answers into the note’s draft and nothing else; the passphrase ends it, a wrong one does not', async () => {
    const { call, client, note, draft } = await backendWithDraft();
    value(await call('clientEntry:start', { noteId: note.id, form: 'feedback', greeting: 'Sam' }));
    expect(value(await call('clientEntry:status', undefined))).toEqual({
      active: true,
      form: 'feedback',
      greeting: 'Sam',
    });
    value(await call('clientEntry:saveFeedback', { feedback: answers }));

    const wrong = await call('clientEntry:finish', { passphrase: 'not the passphrase at all' });
    expect(wrong).toMatchObject({ ok: false, error: { kind: 'wrong-passphrase' } });
    expect(value(await call('clientEntry:status', undefined))).toMatchObject({ active: true });
    expect(await call('notes:get', { id: note.id })).toMatchObject({ ok: false, error: { kind: 'in-use' } });

    expect(value(await call('clientEntry:finish', { passphrase: PASS }))).toEqual({
      noteId: note.id,
      clientId: client.id,
    });
    expect(value(await call('clientEntry:status', undefined))).toEqual({ active: false });
    const saved = value<Note>(await call('notes:get', { id: note.id }));
    expect(saved.feedback).toEqual(answers);
    expect(saved.status).toBe('draft');
    // The rest of the draft is as the therapist left it.
    expect({ ...saved, feedback: null }).toMatchObject(draft);
    // Ended: the form's save is refused now.
    expect(await call('clientEntry:saveFeedback', { feedback: answers })).toMatchObject({ ok: false });
  });

  it('refuses the feedback form for a signed note, whose content never changes', async () => {
    const { call, note } = await backendWithDraft();
    value(await call('settings:update', { clinicianName: 'Dr. Rivera' }));
    const signed = value<Note>(await call('notes:sign', { id: note.id }));
    expect(
      await call('clientEntry:start', { noteId: note.id, form: 'feedback', greeting: null }),
    ).toMatchObject({
      ok: false,
      error: { kind: 'read-only' },
    });
    expect(value(await call('clientEntry:status', undefined))).toEqual({ active: false });
    expect(value<Note>(await call('notes:get', { id: note.id }))).toEqual(signed);
  });

  it('ends with a lock; unlocking (with the passphrase) opens the therapist’s view again', async () => {
    const { call, note } = await backendWithDraft();
    value(await call('clientEntry:start', { noteId: note.id, form: 'feedback', greeting: null }));
    value(await call('vault:lock', { reason: 'user' }));
    expect(value(await call('clientEntry:status', undefined))).toEqual({ active: false });
    expect(await call('notes:get', { id: note.id })).toMatchObject({ ok: false, error: { kind: 'locked' } });
    value(await call('vault:unlock', { passphrase: PASS }));
    expect(value<Note>(await call('notes:get', { id: note.id })).id).toBe(note.id);
  });

  it('saves an outcome measure as the session’s, entered by the client, also beside a signed note', async () => {
    const { call, client, note } = await backendWithDraft();
    value(await call('settings:update', { clinicianName: 'Dr. Rivera' }));
    const signed = value<Note>(await call('notes:sign', { id: note.id }));
    value(await call('clientEntry:start', { noteId: note.id, form: 'outcome', greeting: null }));
    // The form on screen decides which save is taken.
    expect(await call('clientEntry:saveFeedback', { feedback: answers })).toMatchObject({
      ok: false,
      error: { kind: 'invalid-input' },
    });
    const outcome = { individually: 6, interpersonally: 5.5, socially: null, overall: 7 };
    expect(value(await call('clientEntry:saveMeasure', { answers: outcome }))).toBeNull();
    expect(await call('measures:list', { clientId: client.id })).toMatchObject({
      ok: false,
      error: { kind: 'in-use' },
    });
    value(await call('clientEntry:finish', { passphrase: PASS }));
    const measures = value<Measure[]>(await call('measures:list', { clientId: client.id }));
    expect(measures).toEqual([
      expect.objectContaining({
        instrument: 'outcome',
        sessionId: note.sessionId,
        answers: outcome,
        enteredBy: 'client',
        status: 'partial',
      }),
    ]);
    // The signed note itself is untouched.
    expect(value<Note>(await call('notes:get', { id: note.id }))).toEqual(signed);
  });
});
