import { describe, expect, it, onTestFinished } from 'vitest';
import { createBackend } from '../../../main/ipc/createBackend';
import type { Note } from '../../../shared/domain/noteSchema';
import {
  clientInput,
  clientWithNote,
  expectKind,
  filledDraft,
  makeVault,
  openServices,
  PASS,
  sessionInput,
} from './serviceKit';

/**
 * A held-back draft is saved only over the version it was made on: where a newer version was
 * saved meanwhile the save is refused with `conflict` and the vault keeps the newer one.
 */
describe('saving only over an expected version', () => {
  it('a draft made on an older version is refused and changes nothing', async () => {
    const { services } = await openServices();
    const { note } = await clientWithNote(services);
    const first = await services.notes.saveDraft(note.id, { ...filledDraft(), plan: 'first' });
    const newer = await services.notes.saveDraft(
      note.id,
      { ...filledDraft(), plan: 'newer' },
      first.updatedAt,
    );
    await expectKind(
      services.notes.saveDraft(note.id, { ...filledDraft(), plan: 'stale' }, first.updatedAt),
      'conflict',
    );
    expect((await services.notes.get(note.id)).plan).toBe('newer');
    const latest = await services.notes.saveDraft(
      note.id,
      { ...filledDraft(), plan: 'on top' },
      newer.updatedAt,
    );
    expect((await services.notes.get(note.id)).updatedAt).toBe(latest.updatedAt);
  });

  it('a process note expected not to exist yet is refused once one was saved', async () => {
    const { services } = await openServices();
    const { note } = await clientWithNote(services);
    const saved = await services.processNotes.save(note.id, 'saved first', null);
    await expectKind(services.processNotes.save(note.id, 'held back', null), 'conflict');
    await expectKind(
      services.processNotes.save(note.id, 'held back', '2020-01-01T00:00:00.000Z'),
      'conflict',
    );
    expect((await services.processNotes.get(note.id))?.text).toBe('saved first');
    await services.processNotes.save(note.id, 'on top', saved.updatedAt);
    expect((await services.processNotes.get(note.id))?.text).toBe('on top');
  });

  it('the IPC contract carries the expected version and answers conflict with words to act on', async () => {
    const { dataDir } = await makeVault();
    const backend = createBackend({ dataDir, emit: () => undefined, version: '0.0.0-test' });
    onTestFinished(() => backend.dispose());
    const call = async <T>(method: string, input: unknown): Promise<T> => {
      const result = await backend.router.call(method, input);
      if (!result.ok) throw new Error(result.error.message);
      return result.value as T;
    };
    await call('vault:unlock', { passphrase: PASS });
    const client = await call<{ id: string }>('clients:create', clientInput('C-1'));
    const session = await call<{ id: string }>('sessions:create', sessionInput(client.id));
    const note = await call<Note>('notes:create', { sessionId: session.id, templateId: 'soap' });
    await call('notes:saveDraft', { id: note.id, draft: filledDraft() });
    const result = await backend.router.call('notes:saveDraft', {
      id: note.id,
      draft: filledDraft(),
      expectedUpdatedAt: note.updatedAt,
    });
    expect(result).toMatchObject({ ok: false, error: { kind: 'conflict' } });
    expect(!result.ok && result.error.message).toMatch(/newer version .* compare both versions/);
  });
});
