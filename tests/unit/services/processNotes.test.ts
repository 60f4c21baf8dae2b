import { describe, expect, it } from 'vitest';
import { clientWithNote, expectKind, filledDraft, openServices } from './serviceKit';

const PRIVATE = 'Countertransference: I felt protective, like with my own brother.';

describe('ProcessNoteService', () => {
  it('is null until written, then saves and replaces one process note per progress note', async () => {
    const { services } = await openServices();
    const { client, session, note } = await clientWithNote(services);
    expect(await services.processNotes.get(note.id)).toBeNull();

    const saved = await services.processNotes.save(note.id, PRIVATE);
    expect(saved).toMatchObject({
      noteId: note.id,
      sessionId: session.id,
      clientId: client.id,
      text: PRIVATE,
    });
    expect(await services.processNotes.get(note.id)).toEqual(saved);
    const replaced = await services.processNotes.save(note.id, `${PRIVATE} Bring to supervision.`);
    expect(replaced.id).toBe(saved.id);
    expect(await services.processNotes.get(note.id)).toEqual(replaced);
    await expectKind(services.processNotes.get('no-such-note'), 'not-found');
    await expectKind(services.processNotes.save('no-such-note', 'x'), 'not-found');
  });

  it('is stored as its own record kind, apart from the progress note', async () => {
    const { services, session } = await openServices();
    const { note } = await clientWithNote(services);
    await services.processNotes.save(note.id, PRIVATE);
    expect(session.vault.list('process-note')).toHaveLength(1);
    const progress = await session.vault.get<Record<string, unknown>>('note', note.id);
    expect(JSON.stringify(progress)).not.toContain('Countertransference');
  });

  it('stays editable after the progress note is signed (it is not part of the signed record)', async () => {
    const { services } = await openServices();
    const { note } = await clientWithNote(services);
    await services.notes.saveDraft(note.id, filledDraft());
    await services.notes.sign(note.id);
    expect((await services.processNotes.save(note.id, PRIVATE)).text).toBe(PRIVATE);
  });

  it('never appears in search results or index pages', async () => {
    const { services } = await openServices();
    const { note } = await clientWithNote(services);
    await services.notes.saveDraft(note.id, filledDraft());
    await services.processNotes.save(note.id, PRIVATE);
    await services.search.search('sadness', 10); // build the index before the process note changes
    await services.processNotes.save(note.id, `${PRIVATE} countertransference again`);

    expect((await services.search.search('countertransference', 50)).hits).toEqual([]);
    expect((await services.search.search('brother', 50)).hits).toEqual([]);
    const index = [
      await services.index.clients(),
      await services.index.sessions(),
      await services.index.noteSummaries(),
    ];
    expect(index.map((part) => part.length)).toEqual([1, 1, 1]); // client, session, note
    expect(JSON.stringify(index)).not.toMatch(/countertransference|brother/i);
  });
});
