import { describe, expect, it, onTestFinished } from 'vitest';
import { createBackend } from '../../../main/ipc/createBackend';
import { createHandlers } from '../../../main/ipc/createHandlers';
import { VaultSession } from '../../../main/services/VaultSession';
import type { Client } from '../../../shared/domain/clientSchema';
import type { Note } from '../../../shared/domain/noteSchema';
import type { Session } from '../../../shared/domain/sessionSchema';
import { methods } from '../../../shared/ipc/contract';
import type { Result } from '../../../shared/ipc/result';
import { type JsonText, parseJsonText } from '../../../shared/ipc/jsonText';
import { type PackedNoteSummaries, unpackNoteSummaries } from '../../../shared/summaries/packedSummaries';
import { clientInput, filledDraft, makeVault, openAsThisComputer, PASS, sessionInput } from './serviceKit';

/** The note summaries in an `index:noteSummaries` answer. */
const noteSummariesOf = (value: unknown) =>
  unpackNoteSummaries(parseJsonText(value as JsonText<PackedNoteSummaries>));

async function unlockedBackend() {
  const { dataDir, location } = await makeVault();
  const backend = createBackend({ dataDir, emit: () => undefined, version: '0.0.0-test' });
  onTestFinished(() => backend.dispose());
  expect(await backend.router.call('vault:unlock', { passphrase: PASS })).toMatchObject({ ok: true });
  return { backend, location, call: backend.router.call };
}

function value<T>(result: Result<unknown>): T {
  if (!result.ok) throw new Error(`${result.error.kind}: ${result.error.message}`);
  return result.value as T;
}

describe('the services through the router', () => {
  it('has a handler for every contract method', () => {
    const handlers = createHandlers(new VaultSession('/nonexistent', () => undefined), 'test');
    expect(Object.keys(handlers).sort()).toEqual([...methods].sort());
  });

  it('creates a client, a session and a note, saves, signs and refuses a later save', async () => {
    const { call } = await unlockedBackend();
    const client = value<Client>(await call('clients:create', clientInput('C-01')));
    const session = value<Session>(await call('sessions:create', sessionInput(client.id)));
    const note = value<Note>(await call('notes:create', { sessionId: session.id, templateId: 'soap' }));
    expect(await call('notes:saveDraft', { id: note.id, draft: filledDraft() })).toMatchObject({ ok: true });
    expect(await call('notes:sign', { id: note.id })).toMatchObject({
      ok: false,
      error: { kind: 'invalid-input', message: expect.stringMatching(/Enter your name before signing/) },
    });
    await call('settings:update', { clinicianName: 'Dr. Rivera' });
    expect(await call('notes:sign', { id: note.id })).toMatchObject({
      ok: true,
      value: { status: 'signed' },
    });
    expect(await call('notes:saveDraft', { id: note.id, draft: filledDraft() })).toEqual({
      ok: false,
      error: {
        kind: 'read-only',
        message: 'This note is signed and can’t be changed; add an addendum instead.',
      },
    });
    const { hits } = parseJsonText(
      value<JsonText<{ hits: Array<{ noteId: string }> }>>(await call('search:notes', { query: 'manager' })),
    );
    expect(hits.map((h) => h.noteId)).toEqual([note.id]);
    expect(noteSummariesOf(value(await call('index:noteSummaries', undefined)))).toHaveLength(1);
    expect(await call('index:clients', { offset: 0 })).toMatchObject({
      ok: false,
      error: { kind: 'invalid-input' },
    });
    expect(await call('clients:create', clientInput('c-01'))).toEqual({
      ok: false,
      error: { kind: 'conflict', message: 'A client with code C-01 already exists.' },
    });
  });

  it('answers invalid input with invalid-input and a readable message', async () => {
    const { call } = await unlockedBackend();
    expect(await call('clients:create', { ...clientInput('C-01'), startDate: '2025-02-30' })).toEqual({
      ok: false,
      error: {
        kind: 'invalid-input',
        message: 'startDate: Enter a date as yyyy-mm-dd that exists on the calendar, e.g. 2025-03-14.',
      },
    });
    const extra = await call('notes:addAddendum', { id: 'n1', text: '  ', extra: true });
    expect(extra.ok).toBe(false);
    if (!extra.ok) {
      expect(extra.error.kind).toBe('invalid-input');
      expect(extra.error.message).toContain('text: Write the text of the addendum');
    }
  });

  it('answers locked after vault:lock', async () => {
    const { call } = await unlockedBackend();
    await call('vault:lock', undefined);
    expect(await call('clients:list', undefined)).toEqual({
      ok: false,
      error: { kind: 'locked', message: 'The vault is locked. Unlock it to continue.' },
    });
  });

  it('changes the passphrase only for someone who gives the current one', async () => {
    const { call, location } = await unlockedBackend();
    const next = 'another long passphrase';
    const wrong = await call('vault:changePassphrase', { current: 'not the passphrase', next });
    expect(wrong).toMatchObject({ ok: false, error: { kind: 'wrong-passphrase' } });
    const same = await call('vault:changePassphrase', { current: PASS, next: PASS });
    expect(same).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    expect(await call('vault:changePassphrase', { current: PASS, next })).toMatchObject({
      ok: true,
      value: { state: 'unlocked' },
    });
    await call('vault:lock', undefined);
    expect(await call('vault:unlock', { passphrase: PASS })).toMatchObject({
      error: { kind: 'wrong-passphrase' },
    });
    expect(await call('vault:unlock', { passphrase: next })).toMatchObject({ ok: true });
    const audit = await call('vault:lock', undefined).then(async () => {
      const vault = await openAsThisComputer(location, { passphrase: next });
      try {
        return (await vault.readAudit()).map((e) => e.type);
      } finally {
        await vault.lock();
      }
    });
    expect(audit.filter((t) => t === 'passphrase-change')).toHaveLength(1);
  });

  // A partial update must not reset the settings it was not given (zod defaults would).
  it('settings:update keeps the settings it was not given', async () => {
    const { call } = await unlockedBackend();
    await call('settings:update', { autoLockMinutes: 5 });
    await call('settings:update', { clinicianName: 'Dr. Example' });
    expect(value<{ autoLockMinutes: number }>(await call('settings:get', undefined)).autoLockMinutes).toBe(5);
  });
});
