import { cp } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createServices } from '../../../../main/services/createServices';
import { createSyncService } from '../../../../main/services/sync/createSyncService';
import { VaultSession } from '../../../../main/services/VaultSession';
import { signableContent } from '../../../../shared/domain/signableContent';
import type { EventName } from '../../../../shared/ipc/events';
import { tempDir } from '../../helpers/tempDir';
import { syncFolder } from '../../vault/v2/syncFolder';
import { clientWithNote, filledDraft, makeVault, PASS, steppingClock, TEST_CLINICIAN } from '../serviceKit';

// A signed note in conflict is settled when the merge brings the conflict in (the refresh, or the
// unlock that read it), through the real session and services: listing conflicts only reads.

/** One computer over its own data folder and copy of the vault folder, with the app's sync service. */
async function computer(dataDir: string) {
  const events: EventName[] = [];
  const session = new VaultSession(join(dataDir, 'vault'), (event) => events.push(event), 1500, {
    refresh: { debounceMs: 50, everyMs: 0 },
  });
  onTestFinished(() => session.lock('quit').then(() => undefined));
  const services = createServices(session, { clock: steppingClock(), searchSliceMs: 0 });
  const sync = createSyncService(session, services, null);
  await session.unlock({ passphrase: PASS });
  await services.settings.update({ clinicianName: TEST_CLINICIAN });
  return { session, services, sync, events, vault: join(dataDir, 'vault') };
}

/**
 * The office writes a draft, the laptop gets the folder and edits the draft, and the office signs
 * it before the laptop's edit arrives: two versions of one note, one of them signed.
 */
async function signedHereEditedThere() {
  const { dataDir: officeData } = await makeVault(undefined, 2);
  const office = await computer(officeData);
  const { note } = await clientWithNote(office.services, 'C-14');
  await office.services.notes.saveDraft(note.id, filledDraft());
  await office.session.lock('user');
  const laptopData = await tempDir('attune-laptop-');
  await cp(join(officeData, 'vault'), join(laptopData, 'vault'), { recursive: true });
  const laptop = await computer(laptopData);
  await laptop.services.notes.saveDraft(
    note.id,
    filledDraft({ subjective: 'Laptop: she spoke of the move.' }),
  );
  await laptop.session.lock('user');
  await office.session.unlock({ passphrase: PASS });
  const signed = await office.services.notes.sign(note.id);
  return { office, laptop, noteId: note.id, signed };
}

describe('a signed note’s conflict is settled at merge time, never while conflicts are listed', () => {
  it('the refresh that brings the other computer’s edit settles it before records:changed: signature kept, edit an addendum, audited, told once', async () => {
    const { office, laptop, noteId, signed } = await signedHereEditedThere();
    const officeHex = office.session.synced?.deviceHex as string;
    office.events.length = 0;
    await syncFolder(laptop.vault, office.vault, officeHex);
    // The folder watcher reads the laptop's files; the merge step runs before the event is sent.
    await expect.poll(() => office.events.includes('records:changed'), { timeout: 10_000 }).toBe(true);
    expect(office.session.synced?.conflicts()).toEqual([]);
    const kept = await office.services.notes.get(noteId);
    expect(kept.signed).toEqual(signed.signed);
    expect(signableContent(kept)).toBe(signableContent(signed));
    expect(kept.addenda.map((a) => a.text)).toEqual([
      expect.stringMatching(/Laptop: she spoke of the move\./),
    ]);
    const audit = await office.session.vault.readAudit();
    expect(audit.filter((e) => e.type === 'conflict-resolved')).toHaveLength(1);

    const listed = await office.sync.conflicts();
    if (!listed.available) throw new Error('format 2 expected');
    expect(listed.value.conflicts).toEqual([]);
    expect(listed.value.settledSigned).toEqual([expect.objectContaining({ id: noteId })]);
    const again = await office.sync.conflicts();
    expect(again.available && again.value.settledSigned).toEqual([]);
  });

  it('a conflict that arrived while the vault was locked is settled after the unlock that reads it', async () => {
    const { office, laptop, noteId, signed } = await signedHereEditedThere();
    const officeHex = office.session.synced?.deviceHex as string;
    await office.session.lock('user');
    await syncFolder(laptop.vault, office.vault, officeHex);
    office.events.length = 0;
    await office.session.unlock({ passphrase: PASS });
    await expect.poll(() => office.session.synced?.conflicts().length, { timeout: 10_000 }).toBe(0);
    await expect.poll(() => office.events.includes('records:changed'), { timeout: 10_000 }).toBe(true);
    const kept = await office.services.notes.get(noteId);
    expect(kept.signed).toEqual(signed.signed);
    expect(kept.addenda).toHaveLength(1);
    const listed = await office.sync.conflicts();
    expect(listed.available && listed.value.settledSigned.map((s) => s.id)).toEqual([noteId]);
  });
});
