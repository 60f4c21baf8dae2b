import { cp, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createServices } from '../../../main/services/createServices';
import { contentHashOf } from '../../../main/services/NoteService';
import { VaultSession } from '../../../main/services/VaultSession';
import { type Note, noteSchema } from '../../../shared/domain/noteSchema';
import { makeNotesBefore14 } from '../../fixtures/notes-before-14/makeNotesBefore14';
import { tempDir } from '../helpers/tempDir';
import { makeVault, PASS, steppingClock } from '../services/serviceKit';

const FIXTURE = resolve(__dirname, '../../fixtures/notes-before-14');

/** The fixture's notes as the file holds them (signed first). */
async function fileNotes(): Promise<Array<Record<string, unknown> & { id: string; status: string }>> {
  const file = JSON.parse(await readFile(join(FIXTURE, 'export-v1.json'), 'utf8'));
  return file.notes;
}

/** What the migration must give for every note of the fixture: rated stay rated, empty reads "could not judge". */
function expectMigrated(note: Note): void {
  expect(note.attunement.affective).toMatchObject({ rating: 4, unrated: null });
  expect(note.attunement.rhythmic).toMatchObject({ rating: 2, unrated: null });
  for (const d of ['cognitive', 'developmental', 'empathic'] as const) {
    expect(note.attunement[d]).toMatchObject({ rating: null, unrated: 'could-not-judge' });
  }
  for (const r of note.ruptures) expect(r.therapistMarkers).toEqual([]);
}

describe('notes written before issue 14 (frozen fixture)', () => {
  it.runIf(process.env.ATTUNE_MAKE_FIXTURE === '1')(
    'regenerates the fixture on request',
    async () => {
      await makeNotesBefore14(FIXTURE);
    },
    60_000,
  );

  it('are stored in the old shape: empty ratings with no reason, ruptures without therapist markers', async () => {
    const notes = await fileNotes();
    expect(notes.map((n) => n.status)).toEqual(['signed', 'draft']);
    const signed = notes[0] as unknown as { attunement: Record<string, object>; ruptures: object[] };
    expect(signed.attunement.cognitive).toEqual({ rating: null, observation: '', response: '' });
    expect(signed.ruptures[0]).not.toHaveProperty('therapistMarkers');
  });

  it('open from the frozen vault with their ratings kept, empty ones as "Could not judge", the signature still valid', async () => {
    const dataDir = join(await tempDir('attune-before14-'), 'data');
    await cp(join(FIXTURE, 'data'), dataDir, { recursive: true });
    const session = new VaultSession(join(dataDir, 'vault'), () => undefined);
    await session.unlock({ passphrase: PASS });
    onTestFinished(() => session.lock('quit').then(() => undefined));
    const services = createServices(session, { clock: steppingClock('2026-01-05T10:00:00.000Z') });
    const [signedFile, draftFile] = await fileNotes();

    const signed = await services.notes.get(signedFile!.id);
    expectMigrated(signed);
    expect(signed.status).toBe('signed');
    // The hash made by the older Attune matches the migrated note's signable content.
    expect(contentHashOf(signed)).toBe(signed.signed?.contentHash);
    // An addendum checks that hash before it is added: it goes through, and the content is untouched.
    const amended = await services.notes.addAddendum(signed.id, {
      type: 'clarification',
      reason: 'Added after signing.',
      text: 'Reviewed after the upgrade.',
    });
    expect(amended.addenda).toHaveLength(1);
    expect(contentHashOf(amended)).toBe(signed.signed?.contentHash);

    // The old draft keeps its ratings and can now say "Did not come up".
    const draft = await services.notes.get(draftFile!.id);
    expectMigrated(draft);
    const attunement = structuredClone(draft.attunement);
    attunement.developmental = { ...attunement.developmental, unrated: 'did-not-come-up' };
    const {
      id: _i,
      sessionId: _s,
      clientId: _c,
      templateId: _t,
      status: _st,
      signed: _sg,
      addenda: _a,
      createdAt: _cr,
      updatedAt: _u,
      ...content
    } = draft;
    await services.notes.saveDraft(draft.id, { ...content, attunement });
    expect((await services.notes.get(draft.id)).attunement.developmental.unrated).toBe('did-not-come-up');
  }, 60_000);

  it('import from an interchange file of the older version, migrated, the signed note still verifying', async () => {
    const { location } = await makeVault();
    const session = new VaultSession(location, () => undefined);
    await session.unlock({ passphrase: PASS });
    onTestFinished(() => session.lock('quit').then(() => undefined));
    // A clock after the fixture's signing time, as a real import happens later.
    const services = createServices(session, { clock: steppingClock('2026-01-05T10:00:00.000Z') });
    await services.settings.update({ clinicianName: 'Dr. Importer' });
    await services.records.importFile(join(FIXTURE, 'export-v1.json'));
    const [signedFile, draftFile] = await fileNotes();
    const signed = await services.notes.get(signedFile!.id);
    expectMigrated(signed);
    expect(contentHashOf(signed)).toBe(signed.signed?.contentHash);
    expect(
      (
        await services.notes.addAddendum(signed.id, {
          type: 'clarification',
          reason: 'Added after signing.',
          text: 'Imported and reviewed.',
        })
      ).addenda,
    ).toHaveLength(1);
    expectMigrated(await services.notes.get(draftFile!.id));
    // Parsed directly, the file's notes give the same migrated shape.
    for (const raw of await fileNotes()) expectMigrated(noteSchema.parse(raw));
  }, 60_000);
});
