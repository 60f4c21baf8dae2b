import { describe, expect, it } from 'vitest';
import { checkImport } from '../../../main/services/exchange/importIntoVault';
import { exportVault } from '../../../main/services/exchange/exportVault';
import {
  clientInput,
  clientWithNote,
  expectKind,
  filledDraft,
  openServices,
  sessionInput,
} from './serviceKit';

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

  it('is written for a session with no progress note, on its own, and a note written later shows it', async () => {
    const { services, session: vaultSession } = await openServices();
    const client = await services.clients.create(clientInput('C-09'));
    const session = await services.sessions.create(sessionInput(client.id));
    expect(await services.processNotes.getForSession(session.id)).toEqual({
      processNote: null,
      noteId: null,
    });

    const alone = await services.processNotes.saveForSession(session.id, PRIVATE, null);
    expect(alone).toMatchObject({ id: session.id, noteId: null, sessionId: session.id, clientId: client.id });
    expect(await services.processNotes.getForSession(session.id)).toEqual({
      processNote: alone,
      noteId: null,
    });
    // No progress note came into being: the session still has none, and the record is a process note.
    expect(vaultSession.vault.list('note')).toHaveLength(0);
    expect(vaultSession.vault.list('process-note')).toHaveLength(1);
    await expectKind(services.processNotes.saveForSession(session.id, 'held back', null), 'conflict');
    await expectKind(services.processNotes.getForSession('no-such-session'), 'not-found');

    // The progress note written afterwards shows the same process note; saving from either side
    // keeps one record for the session.
    const note = await services.notes.create(session.id, 'soap');
    expect(await services.processNotes.get(note.id)).toEqual(alone);
    const fromNote = await services.processNotes.save(note.id, `${PRIVATE} More.`, alone.updatedAt);
    expect(fromNote).toMatchObject({ id: session.id, noteId: null, text: `${PRIVATE} More.` });
    expect(await services.processNotes.getForSession(session.id)).toEqual({
      processNote: fromNote,
      noteId: note.id,
    });
    expect(vaultSession.vault.list('process-note')).toHaveLength(1);
  });

  it('opened from a session with a progress note is the one beside that note', async () => {
    const { services } = await openServices();
    const { session, note } = await clientWithNote(services);
    const saved = await services.processNotes.saveForSession(session.id, PRIVATE);
    expect(saved).toMatchObject({ id: note.id, noteId: note.id });
    expect(await services.processNotes.get(note.id)).toEqual(saved);
  });

  it('stays out of exports unless asked, and a session-only one passes the import check', async () => {
    const { services, session: vaultSession } = await openServices();
    const client = await services.clients.create(clientInput('C-10'));
    const session = await services.sessions.create(sessionInput(client.id));
    await services.processNotes.saveForSession(session.id, PRIVATE);
    const plain = await exportVault(vaultSession.vault, { includeProcessNotes: false });
    expect(JSON.stringify(plain)).not.toContain('Countertransference');
    const full = await exportVault(vaultSession.vault, { includeProcessNotes: true });
    expect(full.processNotes).toEqual([
      expect.objectContaining({ id: session.id, noteId: null, text: PRIVATE }),
    ]);
    // Into another, empty vault: its session comes with it, so nothing is reported.
    const other = await openServices();
    expect((await checkImport(other.session.vault, structuredClone(full))).problems).toEqual([]);
    // Without its session, or with an id that is not its session's, it is refused.
    const moved = { ...full.processNotes![0]!, id: client.id };
    const refused = await checkImport(other.session.vault, {
      ...structuredClone(full),
      sessions: [],
      processNotes: [moved],
    });
    expect(refused.problems.map((p) => `${p.path}: ${p.message}`)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^processNotes\[0\]\.id: .*id of its session/),
        expect.stringMatching(/^processNotes\[0\]\.sessionId: No session/),
      ]),
    );
  });
});
