import { describe, expect, it, vi } from 'vitest';
import { IndexService } from '../../../main/services/IndexService';
import { RecordStore } from '../../../main/services/RecordStore';
import { clientWithNote, expectKind, filledDraft, openServices } from './serviceKit';

describe('preparing search (the scan, then the index thread)', () => {
  it('folds notes in slices, with a note saved meanwhile winning over the stored version', async () => {
    const { services } = await openServices({ searchSliceMs: 0 }); // yield after every note
    const ids: string[] = [];
    for (const code of ['C-01', 'C-02', 'C-03', 'C-04']) {
      const { note } = await clientWithNote(services, code);
      await services.notes.saveDraft(note.id, filledDraft());
      ids.push(note.id);
    }
    const stored = await services.notes.get(ids[2]!);
    const warming = services.search.warmUp();
    // What NoteService does after a save: here while the build is still under way.
    services.search.noteSaved({ ...stored, plan: 'Talk about the garden.' });
    await warming;
    expect((await services.search.search('garden', 10)).hits.map((h) => h.noteId)).toEqual([ids[2]]);
    expect((await services.search.search('manager', 10)).hits.map((h) => h.noteId).sort()).toEqual(
      [...ids].sort(),
    );
    // Saves after the build update the index at once.
    await services.notes.saveDraft(ids[0]!, filledDraft({ subjective: 'Only the orchard today.' }));
    expect((await services.search.search('orchard', 10)).hits.map((h) => h.noteId)).toEqual([ids[0]]);
  });

  it('stops with locked when the vault locks while notes are folded', async () => {
    const { services, session } = await openServices({ searchSliceMs: 0 });
    for (const code of ['C-01', 'C-02', 'C-03']) {
      const { note } = await clientWithNote(services, code);
      await services.notes.saveDraft(note.id, filledDraft());
    }
    const warming = services.search.warmUp();
    await session.lock('idle');
    await expectKind(warming, 'locked');
    await expectKind(services.search.search('manager', 10), 'locked');
  });

  it('starts as the renderer’s index has answered (the clients first), after reading', async () => {
    const { session, services } = await openServices();
    await clientWithNote(services);
    const calls: number[] = [];
    const index = new IndexService(new RecordStore(session), { onIndexRead: () => calls.push(1) });
    const clients = index.clients();
    expect(calls).toEqual([]); // not before the clients are read
    await clients;
    expect(calls).toEqual([1]);
    await index.today(new Date('2025-03-14T12:00:00Z'));
    await index.noteSummaries();
    expect(calls).toEqual([1]); // every fill begins with the clients: asked again, called again
    await index.clients();
    expect(calls).toEqual([1, 1]);
  });

  it('the app starts the search once the clients’ answer is out, not before', async () => {
    const { services } = await openServices();
    await clientWithNote(services);
    await services.index.clients();
    expect(services.search.stats().engine).toBe('none');
    await vi.waitFor(() => expect(services.search.stats().engine).not.toBe('none'));
  });
});
