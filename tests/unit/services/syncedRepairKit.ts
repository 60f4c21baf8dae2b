import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, onTestFinished } from 'vitest';
import { memoryRecordSource } from '../../../main/services/check/memoryRecordSource';
import { VaultCheckService } from '../../../main/services/check/VaultCheckService';
import { createServices } from '../../../main/services/createServices';
import { VaultSession } from '../../../main/services/VaultSession';
import { tempDir } from '../helpers/tempDir';
import { clientWithNote, filledDraft, makeVault, PASS, steppingClock, TEST_CLINICIAN } from './serviceKit';

// Shared set-up of the format-2 repair tests (syncedRepair, syncedRepairAcknowledged): real temp
// folders, the real session, services, check service and backups.

/** `hex`'s newest log segment in the vault folder. */
export async function newestSegment(location: string, hex: string): Promise<string> {
  const folder = join(location, 'devices', hex);
  const logs = (await readdir(folder)).filter((n) => /^log-\d{6}\.bin$/.test(n)).sort();
  return join(folder, logs.at(-1)!);
}

/** Flips one byte of `file` at `at` (from its end when negative). */
export async function flip(file: string, at: number): Promise<void> {
  const bytes = Buffer.from(await readFile(file));
  bytes[at < 0 ? bytes.length + at : at]! ^= 0x01;
  await writeFile(file, bytes);
}

/** Runs `save` and flips one byte in the middle of what it appended to `hex`'s log. */
export async function damageWhatIsSaved(
  location: string,
  hex: string,
  save: () => Promise<unknown>,
): Promise<void> {
  const segment = await newestSegment(location, hex);
  const before = (await stat(segment)).size;
  await save();
  const after = (await stat(segment)).size;
  expect(after).toBeGreaterThan(before);
  await flip(segment, (before + after) >> 1);
}

/**
 * A format-2 vault open in a session, with the check service over a backup folder, and one
 * client's note whose draft says `subjective`, backed up.
 */
export async function syncedRepairWorld(options: { clientCode: string; subjective: string }) {
  const { location } = await makeVault(undefined, 2);
  const session = new VaultSession(location, () => undefined, 1500, { refresh: { everyMs: 0 } });
  onTestFinished(() => session.lock('quit').then(() => undefined));
  await session.unlock({ passphrase: PASS });
  const services = createServices(session, { clock: steppingClock(), searchSliceMs: 0 });
  await services.settings.update({ clinicianName: TEST_CLINICIAN });
  const backupFolder = await tempDir('attune-synced-repair-backups-');
  const check = new VaultCheckService(
    session,
    { exist: async () => true, folder: async () => backupFolder },
    memoryRecordSource(services),
    services.bulkWrites,
  );
  const { note } = await clientWithNote(services, options.clientCode);
  await services.notes.saveDraft(note.id, filledDraft({ subjective: options.subjective }));
  await session.vault.backupTo(backupFolder);
  return {
    session,
    services,
    check,
    location,
    backupFolder,
    noteId: note.id,
    hex: session.synced!.deviceHex,
  };
}
