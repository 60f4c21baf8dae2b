import { createHash } from 'node:crypto';
import { expect, it } from 'vitest';
import { createServices } from '../../../main/services/createServices';
import { exportVault } from '../../../main/services/exchange/exportVault';
import { importIntoVault } from '../../../main/services/exchange/importIntoVault';
import { noteSchema } from '../../../shared/domain/noteSchema';
import { signableContent } from '../../../shared/domain/signableContent';
import { clientWithNote, filledDraft, openServices, PASS, steppingClock } from './serviceKit';

// The interchange format accepts a signature hashed with SHA-512 as well as SHA-256: a note
// imported so must take addenda like any signed note (addAddendum once checked SHA-256 only).
it('a signed note imported with a SHA-512 content hash takes an addendum', async () => {
  const home = await openServices();
  const { note } = await clientWithNote(home.services);
  await home.services.notes.saveDraft(note.id, filledDraft());
  await home.services.notes.sign(note.id);
  const file = await exportVault(home.session.vault, { includeProcessNotes: false });
  const signed = file.notes.find((n) => n.id === note.id)!;
  const sha512 = createHash('sha512')
    .update(signableContent(noteSchema.parse(signed)), 'utf8')
    .digest('hex');
  signed.signed = { ...signed.signed!, contentHash: sha512 };

  const other = await openServices();
  await importIntoVault(other.session.vault, JSON.parse(JSON.stringify(file)));
  // The services read the imported records afresh, as after an import in the app.
  await other.session.lock('user');
  await other.session.unlock({ passphrase: PASS });
  // A day later than the signing (each harness's clock starts at the same time).
  const later = createServices(other.session, { clock: steppingClock('2025-03-15T10:00:00.000Z') });
  await later.settings.update({ clinicianName: 'Dr. Later' });
  const added = await later.notes.addAddendum(note.id, {
    type: 'clarification',
    reason: 'Added after the import.',
    text: 'The client called to add one detail.',
  });
  expect(added.signed?.contentHash).toBe(sha512);
  expect(added.addenda.map((a) => a.text)).toEqual(['The client called to add one detail.']);

  // A hash of neither length, or one that does not match, is still refused at import.
  signed.signed = { ...signed.signed!, contentHash: sha512.replace(/^./, (c) => (c === '0' ? '1' : '0')) };
  await expect(
    importIntoVault((await openServices()).session.vault, JSON.parse(JSON.stringify(file))),
  ).rejects.toThrow(/hash does not match/);
});
