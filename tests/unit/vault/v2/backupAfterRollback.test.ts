import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupSetDir, generationsToKeep, prunedRemovals } from '../../../../main/vault/backupSet';
import { generationName } from '../../../../main/vault/generationName';
import { SyncedVault } from '../../../../main/vault/v2/SyncedVault';
import type { SeenState } from '../../../../main/vault/v2/seenFile';
import type { LocalSeenStore } from '../../../../main/vault/v2/syncedVaultTypes';
import { A, kdf, PASS, tempRootsPerTest } from './v2Kit';

/**
 * A vault that knows changes are missing from it (its log put back to an older copy by a sync tool
 * or a restore from elsewhere) makes backups without them; retention would then prune the older
 * generations that may be the only place those changes remain. While a rollback is
 * reported, backups keep every older generation.
 */
const tempRoot = tempRootsPerTest('attune-backup-rollback-');
const HOUR = 3_600_000;
const T0 = Date.parse('2026-12-01T10:00:00Z');
/** This computer's memory of what it has seen (kept in its settings, outside the vault folder). */
class SettingsSeen implements LocalSeenStore {
  private state: SeenState | null = null;
  async load(): Promise<SeenState | null> {
    return this.state && structuredClone(this.state);
  }
  async save(state: SeenState): Promise<void> {
    this.state = structuredClone(state);
  }
}
const office = { device: { hex: A, name: 'Office iMac' }, heartbeatMs: 0, localSeen: new SettingsSeen() };

describe('backups while the vault reports changes missing', () => {
  it('prune nothing, so the older generations holding those changes stay', async () => {
    const root = await tempRoot();
    const dir = join(root, 'vault');
    const folder = join(root, 'backups');
    await mkdir(folder);
    const { vault } = await SyncedVault.create(dir, PASS, { ...office, kdf });
    await vault.put('client', 'c1', { code: 'C-1' });
    const log = join(dir, 'devices', A, 'log-000001.bin');
    const older = await readFile(log);
    await vault.put('client', 'c2', { code: 'C-2' });
    const made: string[] = [];
    for (let h = 0; h < 30; h++)
      made.push((await vault.backupTo(folder, { now: new Date(T0 + h * HOUR) })).generation);
    await vault.lock();
    await prunedRemovals();

    // The log put back to its older copy: C-2 is gone from the vault, and the vault says so.
    await writeFile(log, older);
    const reopened = await SyncedVault.open(dir, { passphrase: PASS }, office);
    expect(reopened.problems().some((p) => p.type === 'rollback')).toBe(true);
    expect(reopened.list('client').map((r) => r.id)).toEqual(['c1']);
    const setDir = backupSetDir(folder, reopened.vaultHex);
    const before = (await readdir(setDir)).filter((n) => n.startsWith('2026')).sort();
    const later = new Date(T0 + 31 * HOUR);
    // Retention alone would remove some of them at this time.
    expect(before.some((g) => !generationsToKeep([...before, generationName(later)], later).has(g))).toBe(
      true,
    );
    const result = await reopened.backupTo(folder, { now: later });
    await prunedRemovals();
    expect(result.pruned).toEqual([]);
    const after = (await readdir(setDir)).filter((n) => n.startsWith('2026')).sort();
    expect(after).toEqual([...before, result.generation].sort());
    await reopened.lock();
  });
});
