import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  backupSetDir,
  findBackupSets,
  listBackupGenerations,
  restoreGeneration,
  SIDECAR_FILE,
} from '../../../main/vault/backupSet';
import { FaultyFs, fsError } from '../../../main/vault/faults';
import { Vault } from '../../../main/vault/Vault';
import { tempDir } from '../helpers/tempDir';
import { expectKind, flipByte, newVault, PASS } from './kit';

const at = (iso: string) => new Date(iso);
const KINDS = ['client', 'session', 'note', 'process-note', 'setting'];

/** Every record of every kind, sorted, with its value: what "the same vault" means. */
async function contents(vault: Vault): Promise<Array<[string, string, unknown]>> {
  const out: Array<[string, string, unknown]> = [];
  for (const kind of KINDS) {
    for (const r of await vault.getAll(kind)) out.push([kind, r.id, r.value]);
  }
  return out.sort((a, b) => `${a[0]}/${a[1]}`.localeCompare(`${b[0]}/${b[1]}`));
}

/** A vault with clients, sessions and notes, and three backups made an hour apart. */
async function vaultWithBackups() {
  const made = await newVault();
  const { vault } = made;
  for (let c = 0; c < 3; c++) await vault.put('client', `c${c}`, { name: `Client ${c} Ünïcødé ✓`, n: c });
  for (let s = 0; s < 6; s++) {
    await vault.put('session', `s${s}`, { clientId: `c${s % 3}`, minutes: 50 });
    await vault.put('note', `n${s}`, {
      sessionId: `s${s}`,
      text: `note ${s}\n\t“quoted”`,
      ratings: [1, 2, 3],
    });
  }
  await vault.put('process-note', 'p1', { text: 'kept apart' });
  await vault.put('setting', 'settings', { warnAfterDays: 7 });
  const folder = await tempDir();
  const snapshots: Array<Array<[string, string, unknown]>> = [];
  const generations: string[] = [];
  for (let i = 0; i < 3; i++) {
    if (i > 0) {
      await vault.put('note', `n${i}`, { sessionId: `s${i}`, text: `changed in round ${i}` });
      await vault.put('note', `extra${i}`, { text: `added in round ${i}` });
      await vault.delete('session', `s${i + 2}`);
    }
    snapshots.push(await contents(vault));
    const r = await vault.backupTo(folder, {
      now: new Date(at('2026-12-01T10:00:00Z').getTime() + i * 3_600_000),
    });
    generations.push(r.generation);
  }
  return { ...made, folder, snapshots, generations, setDir: backupSetDir(folder, vault.id) };
}

describe('restore', () => {
  it('round trip: each restored generation opens with the passphrase and holds exactly the records it had', async () => {
    const { vault, folder, snapshots, generations } = await vaultWithBackups();
    const vaultId = vault.id;
    await vault.lock();
    for (const [i, generation] of generations.entries()) {
      const target = join(await tempDir(), 'restored');
      const progress: number[] = [];
      const { verify } = await restoreGeneration(folder, vaultId, generation, PASS, target, {
        onProgress: (done, total) => progress.push(done / total),
      });
      expect(verify).toMatchObject({ ok: true, problems: [] });
      expect(progress.at(-1)).toBe(1);
      expect(await readdir(target)).not.toContain(SIDECAR_FILE);
      const restored = await Vault.open(target, { passphrase: PASS });
      expect(restored.id).toBe(vaultId);
      expect(await contents(restored)).toEqual(snapshots[i]);
      expect((await restored.verify()).ok).toBe(true);
      await restored.lock();
    }
  });

  it('lists generations newest first with counts; a damaged one is unreadable and hides nothing', async () => {
    const { vault, folder, setDir, generations } = await vaultWithBackups();
    await vault.lock();
    await flipByte(join(setDir, generations[1]!, 'manifest.bin'), 30);
    const [set] = await listBackupGenerations(folder, PASS);
    expect(set!.generations.map((g) => [g.name, g.readable, g.clients, g.sessions, g.notes])).toEqual([
      [generations[2], true, 3, 4, 8],
      [generations[1], false, 0, 0, 0],
      [generations[0], true, 3, 6, 6],
    ]);
    expect(set!.generations[1]!.problem).toMatch(/damaged.*Choose another backup/);
  });

  it('restore refuses a damaged generation and names the next older one to try', async () => {
    const { vault, folder, setDir, generations } = await vaultWithBackups();
    const vaultId = vault.id;
    await vault.lock();
    // A record file only the newest generation holds (changed in the last round): not shared.
    const newest = join(setDir, generations[2]!, 'records');
    const older = new Set(await readdir(join(setDir, generations[1]!, 'records')));
    const own = (await readdir(newest)).find((name) => !older.has(name))!;
    await flipByte(join(newest, own), -3);
    const target = join(await tempDir(), 'restored');
    const message = await expectKind(
      restoreGeneration(folder, vaultId, generations[2]!, PASS, target),
      'integrity',
    );
    expect(message).toContain(`The backup ${generations[2]} (made 2026-12-01 12:00 UTC) is damaged`);
    expect(message).toContain(`Try the next older backup, ${generations[1]} (made 2026-12-01 11:00 UTC)`);
    expect(await readdir(target).catch(() => [])).toEqual([]);
    // The oldest has no older one to suggest.
    await flipByte(join(setDir, generations[0]!, 'audit.bin'), 20);
    const last = await expectKind(
      restoreGeneration(folder, vaultId, generations[0]!, PASS, target),
      'integrity',
    );
    expect(last).toMatch(/No older backup of this vault is in this folder/);
    // The one in between still restores.
    await restoreGeneration(folder, vaultId, generations[1]!, PASS, target);
    const restored = await Vault.open(target, { passphrase: PASS });
    expect(restored.list('note')).toHaveLength(7);
    await restored.lock();
  });

  it('a generation made by a newer version of Attune is listed as such and not restored', async () => {
    const { vault, folder, setDir, generations } = await vaultWithBackups();
    const vaultId = vault.id;
    await vault.lock();
    const path = join(setDir, generations[2]!, SIDECAR_FILE);
    const sidecar = JSON.parse(await readFile(path, 'utf8'));
    await writeFile(path, JSON.stringify({ ...sidecar, version: 2 }));
    const header = join(setDir, generations[1]!, 'attune-vault.json');
    await writeFile(header, JSON.stringify({ ...JSON.parse(await readFile(header, 'utf8')), version: 2 }));
    const [set] = await listBackupGenerations(folder, PASS);
    for (const g of set!.generations.slice(0, 2)) {
      expect(g).toMatchObject({
        readable: false,
        problem: expect.stringMatching(/made by a newer version of Attune/),
      });
    }
    expect(set!.generations[2]!.readable).toBe(true);
    const target = join(await tempDir(), 'r');
    await expectKind(
      restoreGeneration(folder, vaultId, generations[2]!, PASS, target),
      'unsupported-version',
    );
    await expectKind(
      restoreGeneration(folder, vaultId, generations[1]!, PASS, target),
      'unsupported-version',
    );
  });

  it('after a passphrase change, older generations open with the old passphrase only, and say so', async () => {
    const { vault, folder, generations } = await vaultWithBackups();
    const vaultId = vault.id;
    await vault.changePassphrase('a brand new passphrase');
    const later = await vault.backupTo(folder, { now: at('2026-12-01T15:00:00Z') });
    await vault.lock();
    const [withNew] = await listBackupGenerations(folder, 'a brand new passphrase');
    expect(withNew!.generations.map((g) => g.readable)).toEqual([true, false, false, false]);
    expect(withNew!.generations[1]!.problem).toMatch(/before the passphrase was changed/);
    const [withOld] = await listBackupGenerations(folder, PASS);
    expect(withOld!.generations.map((g) => g.readable)).toEqual([false, true, true, true]);
    await expectKind(
      restoreGeneration(
        folder,
        vaultId,
        generations[0]!,
        'a brand new passphrase',
        join(await tempDir(), 'r'),
      ),
      'wrong-passphrase',
    );
    await restoreGeneration(
      folder,
      vaultId,
      later.generation,
      'a brand new passphrase',
      join(await tempDir(), 'r'),
    );
  });

  it('finds backups from the chosen folder, its "Attune backups" folder or a set folder; a missing folder is a clear error', async () => {
    const { vault, folder, setDir, generations } = await vaultWithBackups();
    await vault.lock();
    const expected = [{ vaultId: vault.id, generations: [...generations].reverse() }];
    expect(await findBackupSets(folder)).toEqual(expected);
    expect(await findBackupSets(join(folder, 'Attune backups'))).toEqual(expected);
    expect(await findBackupSets(setDir)).toEqual(expected);
    expect(await findBackupSets(await tempDir())).toEqual([]);
    const message = await expectKind(findBackupSets(join(folder, 'unplugged')), 'not-found');
    expect(message).toMatch(/connect it/);
  });

  it('restores only into an empty folder, and takes back a restore that failed part-way', async () => {
    const { vault, folder, generations } = await vaultWithBackups();
    const vaultId = vault.id;
    await vault.lock();
    const busy = await tempDir();
    await writeFile(join(busy, 'keep.txt'), 'mine');
    await expectKind(restoreGeneration(folder, vaultId, generations[2]!, PASS, busy), 'vault-exists');
    expect(await readdir(busy)).toEqual(['keep.txt']);

    const fs = new FaultyFs();
    fs.arm({ at: 12, mode: 'once', error: () => fsError('ENOSPC'), only: (op) => op === 'write' });
    const target = join(await tempDir(), 'restored');
    const message = await expectKind(
      restoreGeneration(folder, vaultId, generations[2]!, PASS, target, { fs }),
      'io',
    );
    expect(message).toMatch(/disk is full/);
    expect(await readdir(target).catch(() => [])).toEqual([]);
  });
});
