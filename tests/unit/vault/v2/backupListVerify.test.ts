import { readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SIDECAR_FILE } from '../../../../main/vault/backupSidecar';
import { SyncedVault } from '../../../../main/vault/v2/SyncedVault';
import { verifySyncedFolder } from '../../../../main/vault/v2/verifySyncedFolder';
import { A, kdf, PASS, tempRootsPerTest } from './v2Kit';

/**
 * `attune verify` of a backup generation said OK while restore refused it (an outside probe): a
 * list of files edited or deleted. Verify now checks the list as restore does.
 */
const tempRoot = tempRootsPerTest('attune-backup-list-');
const office = { device: { hex: A, name: 'Office iMac' }, heartbeatMs: 0 };

async function backedUp() {
  const root = await tempRoot();
  const { vault } = await SyncedVault.create(join(root, 'vault'), PASS, { ...office, kdf });
  for (let i = 0; i < 3; i++) await vault.put('note', `n${i}`, { i });
  const backup = await vault.backupTo(root, { now: new Date('2026-12-01T10:00:00Z') });
  const generation = join(root, 'Attune backups', vault.vaultHex, backup.generation);
  await vault.lock();
  return { root, generation, vaultDir: join(root, 'vault') };
}

const messages = async (dir: string) => {
  const report = await verifySyncedFolder(dir, { passphrase: PASS });
  return { ok: report.ok, text: report.problems.map((p) => `${p.file}: ${p.message}`).join('\n') };
};

describe('verify of a backup generation checks its list of files, as restore does', () => {
  it('passes an intact generation, and the vault folder itself (which has no list)', async () => {
    const { generation, vaultDir } = await backedUp();
    expect(await messages(generation)).toEqual({ ok: true, text: '' });
    expect(await messages(vaultDir)).toEqual({ ok: true, text: '' });
  }, 30_000);

  it('fails a generation whose list lost a file’s hash, or lists a file that differs or is gone', async () => {
    const { generation } = await backedUp();
    const path = join(generation, SIDECAR_FILE);
    const list = JSON.parse(await readFile(path, 'utf8'));
    const [first, second] = Object.keys(list.files) as [string, string];
    list.files[first] = '0'.repeat(64);
    list.files['devices/none/log-000001.bin'] = '1'.repeat(64);
    await writeFile(path, JSON.stringify(list));
    const { ok, text } = await messages(generation);
    expect(ok).toBe(false);
    expect(text).toContain(`${first}: ${first} is not the file this backup listed (its bytes differ).`);
    expect(text).toContain('devices/none/log-000001.bin, listed in this backup, is missing.');
    expect(text).toContain('Restoring from this backup would be refused');
    expect(text).not.toContain(`${second}:`);
  }, 30_000);

  it('fails a generation whose list is missing or damaged', async () => {
    const { generation } = await backedUp();
    const path = join(generation, SIDECAR_FILE);
    await writeFile(path, '{"format":"attune-backup"');
    expect((await messages(generation)).text).toContain(
      `${SIDECAR_FILE}: This backup’s list of files (attune-backup.json) is damaged or incomplete.`,
    );
    await rm(path);
    const { ok, text } = await messages(generation);
    expect(ok).toBe(false);
    expect(text).toContain(
      'This backup generation has no list of its files (attune-backup.json is missing).',
    );
  }, 30_000);

  it('says changes a generation lacks are a gap in the backup, not changes to wait for', async () => {
    const { generation } = await backedUp();
    const list = JSON.parse(await readFile(join(generation, SIDECAR_FILE), 'utf8'));
    const log = Object.keys(list.files).find((path) => path.endsWith('log-000001.bin')) as string;
    await truncate(join(generation, ...log.split('/')), 400);
    const { ok, text } = await messages(generation);
    expect(ok).toBe(false);
    // The frames that name the computer were cut off with the rest: it is named by its id.
    expect(text).toMatch(
      /This backup lacks \d+ changes? from .+: made before the backup, .*a file of the backup is missing or cut short/,
    );
    expect(text).not.toContain('Keep your sync app running');
    expect(text).toContain(`${log} is not the file this backup listed`);
  }, 30_000);
});
