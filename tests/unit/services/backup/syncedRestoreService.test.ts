import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, onTestFinished, test } from 'vitest';
import { createSafetyServices } from '../../../../main/services/backup/createSafetyServices';
import { createServices } from '../../../../main/services/createServices';
import { DeviceConfigStore } from '../../../../main/services/device/DeviceConfigStore';
import { SEEN_DIR } from '../../../../main/services/device/ThisDevice';
import { VaultSession } from '../../../../main/services/VaultSession';
import { clientInput, expectKind, hashTree, makeVault, PASS, steppingClock } from '../serviceKit';

/** The problems of the open format-2 vault that would warn the user at unlock. */
function rollbackOrFork(session: VaultSession): string[] {
  const synced = session.synced;
  if (!synced) throw new Error('not a format-2 vault');
  return synced
    .problems()
    .filter((p) => p.type === 'rollback' || p.type === 'fork')
    .map((p) => `${p.type}: ${p.message}`);
}

/** An unlocked format-2 vault with its services and an empty backup folder on a "drive". */
async function openWithBackupFolder() {
  const { dataDir, location } = await makeVault(undefined, 2);
  const session = new VaultSession(location, () => undefined);
  await session.unlock({ passphrase: PASS });
  onTestFinished(() => session.lock('quit').then(() => undefined));
  const clock = steppingClock('2026-12-02T09:00:00.000Z');
  const services = createServices(session, { clock });
  const config = new DeviceConfigStore(dataDir);
  const safety = createSafetyServices(session, () => undefined, { dataDir, clock, config });
  const backupDir = join(dataDir, 'usb');
  await mkdir(backupDir);
  return { dataDir, session, clock, services, config, safety, backupDir };
}

test('restoring a format-2 backup on the computer that made it: no rollback or fork warning at unlock, this computer carries on under a new id kept in its settings, records are the backup’s', async () => {
  const { session, clock, services, config, safety, backupDir } = await openWithBackupFolder();

  await services.clients.create(clientInput('C-1'));
  await safety.backups.setFolder(backupDir);
  await safety.backups.run('manual');
  // Written after that backup: this computer's log in the backup is behind what it wrote.
  await services.clients.create(clientInput('C-2'));
  await services.clients.create(clientInput('C-3'));
  const before = (await config.read()).device.id;
  expect(before).toMatch(/^[0-9a-f]{32}$/);
  await session.lock('user');

  const listed = await safety.restore.list(PASS, false, undefined);
  const [set] = listed?.sets ?? [];
  const chosen = set?.generations.find((g) => g.clients === 1);
  if (!set || !chosen) throw new Error('the backup with one client is not listed');
  await safety.restore.restore(set.vaultId, chosen.name, PASS);

  expect(rollbackOrFork(session)).toEqual([]);
  const after = (await config.read()).device.id;
  expect(after).not.toBe(before);
  expect(after).toBe(session.synced?.deviceHex);
  const codes = async () => (await createServices(session).clients.list()).map((c) => c.code).sort();
  expect(await codes()).toEqual(['C-1']);

  // Every later unlock too: the restored state is what this computer remembers now.
  await session.lock('user');
  await session.unlock({ passphrase: PASS });
  expect(rollbackOrFork(session)).toEqual([]);
  expect(session.synced?.deviceHex).toBe(after);
  expect(await codes()).toEqual(['C-1']);
  // New changes go under the new id and are kept.
  await createServices(session, { clock }).clients.create(clientInput('C-4'));
  expect(await codes()).toEqual(['C-1', 'C-4']);
});

test('a format-2 restore refused (the generation was damaged after listing) leaves this computer as it was: same device id, same memory of the vault', async () => {
  const { dataDir, session, services, config, safety, backupDir } = await openWithBackupFolder();
  await services.clients.create(clientInput('C-1'));
  await safety.backups.setFolder(backupDir);
  await safety.backups.run('manual');
  await services.clients.create(clientInput('C-2'));
  await session.lock('user');
  const before = (await config.read()).device.id;
  const seenBefore = await hashTree(join(dataDir, SEEN_DIR));

  const listed = await safety.restore.list(PASS, false, undefined);
  const [set] = listed?.sets ?? [];
  const chosen = set?.generations.find((g) => g.clients === 1);
  if (!set || !chosen) throw new Error('the backup with one client is not listed');
  // The generation's log damaged on the backup drive after it was listed: the restore refuses it.
  const generationDir = join(backupDir, 'Attune backups', set.vaultId, chosen.name, 'devices');
  const [device] = await readdir(generationDir);
  const logs = (await readdir(join(generationDir, device ?? ''))).filter((n) => n.startsWith('log-'));
  const log = join(generationDir, device ?? '', logs[0] ?? '');
  const bytes = await readFile(log);
  bytes[bytes.length - 30] = (bytes[bytes.length - 30] ?? 0) ^ 1;
  await writeFile(log, bytes);
  await expectKind(safety.restore.restore(set.vaultId, chosen.name, PASS), 'integrity');

  expect((await config.read()).device.id).toBe(before);
  expect(await hashTree(join(dataDir, SEEN_DIR))).toEqual(seenBefore);
});
