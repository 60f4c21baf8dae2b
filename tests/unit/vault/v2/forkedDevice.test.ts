import { cp, readdir, readFile, writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { SeenState } from '../../../../main/vault/v2/seenFile';
import { SyncedVault } from '../../../../main/vault/v2/SyncedVault';
import type { LocalSeenStore } from '../../../../main/vault/v2/syncedVaultTypes';
import { A, kdf, PASS, tempRootsPerTest } from './v2Kit';

/**
 * One computer's Attune data (its device id and what it has seen) copied to a second computer, a
 * migration or a restored home folder, and both used on one synced vault: both write the same
 * device's log, and the sync tool keeps one version of each file and a conflict copy of the
 * other. The fork's rule applies one branch (FORMAT.md §8); what the other computer saved on the
 * other branch must not be lost, and neither computer may write to that log again.
 */

const tempRoot = tempRootsPerTest('attune-forked-');

/** This computer's memory of what it has seen, kept in its settings (outside the synced folder). */
class SettingsSeen implements LocalSeenStore {
  private state: SeenState | null = null;
  async load(): Promise<SeenState | null> {
    return this.state && structuredClone(this.state);
  }
  async save(state: SeenState): Promise<void> {
    this.state = structuredClone(state);
  }
  /** The same memory on another computer (the copied settings). */
  copy(): SettingsSeen {
    const other = new SettingsSeen();
    other.state = this.state && structuredClone(this.state);
    return other;
  }
}

const open = (dir: string, seen: SettingsSeen) =>
  SyncedVault.open(
    dir,
    { passphrase: PASS },
    { device: { hex: A, name: 'Office iMac' }, heartbeatMs: 0, localSeen: seen },
  );

/** Every file below `dir`, as paths relative to it. */
async function filesUnder(dir: string, at = ''): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(join(dir, at), { withFileTypes: true })) {
    const path = join(at, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(dir, path)));
    else if (!/attune\.lock|\.tmp-/.test(entry.name)) out.push(path);
  }
  return out;
}

/**
 * Syncthing between two copies of the folder: a file only one side has is copied over; a file
 * both changed keeps `keep`'s version under its name and the other's as a conflict copy, on both.
 */
async function mergeAsSyncthing(keep: string, other: string): Promise<void> {
  const left = new Set(await filesUnder(keep));
  const right = new Set(await filesUnder(other));
  for (const path of new Set([...left, ...right])) {
    if (!right.has(path)) {
      await cp(join(keep, path), join(other, path));
      continue;
    }
    if (!left.has(path)) {
      await cp(join(other, path), join(keep, path));
      continue;
    }
    const [mine, theirs] = [await readFile(join(keep, path)), await readFile(join(other, path))];
    if (mine.equals(theirs)) continue;
    const ext = extname(path);
    const copy = `${path.slice(0, -ext.length)}.sync-conflict-20261204-101010-ABCDEFG${ext}`;
    await writeFile(join(keep, copy), theirs);
    await writeFile(join(other, copy), theirs);
    await writeFile(join(other, path), mine);
  }
}

const client = (code: string, name = '') => ({ code, displayName: name });

describe('one device id used on two computers (a fork of its log)', () => {
  test('each computer carries on under a new id, and every save of both is kept', async () => {
    const root = await tempRoot();
    const [dir1, dir2] = [join(root, 'one'), join(root, 'two')];
    const seen1 = new SettingsSeen();
    const { vault } = await SyncedVault.create(dir1, PASS, {
      kdf,
      device: { hex: A, name: 'Office iMac' },
      heartbeatMs: 0,
      localSeen: seen1,
    });
    await vault.put('client', 'shared', client('C-001'));
    await vault.lock();
    // The folder and this computer's Attune data reach a second computer.
    await cp(dir1, dir2, { recursive: true });
    const seen2 = seen1.copy();

    const one = await open(dir1, seen1);
    await one.put('client', 'from-one', client('C-101'));
    await one.put('client', 'from-one-2', client('C-102'));
    await one.lock();
    const two = await open(dir2, seen2);
    await two.put('client', 'from-two', client('C-201'));
    await two.put('client', 'shared', client('C-001', 'renamed on two'));
    await two.lock();

    await mergeAsSyncthing(dir1, dir2);
    const oneAgain = await open(dir1, seen1);
    const twoAgain = await open(dir2, seen2);
    try {
      // Neither writes to the forked log again.
      expect(oneAgain.deviceHex).not.toBe(A);
      expect(twoAgain.deviceHex).not.toBe(A);
      expect(twoAgain.deviceHex).not.toBe(oneAgain.deviceHex);
      await mergeAsSyncthing(dir1, dir2);
      await oneAgain.refresh();
      await twoAgain.refresh();
      for (const v of [oneAgain, twoAgain]) {
        const ids = v
          .list('client')
          .map((r) => r.id)
          .sort();
        expect(ids).toEqual(['from-one', 'from-one-2', 'from-two', 'shared']);
        expect(await v.get('client', 'shared')).toEqual(client('C-001', 'renamed on two'));
        expect(v.problems().filter((p) => p.type === 'fork').length).toBeGreaterThan(0);
        // A conflict copy beside a fork is not "nothing is lost".
        expect(v.problems().map((p) => p.message)).not.toContainEqual(
          expect.stringMatching(/nothing is lost/),
        );
      }
      // What was carried over is in the activity log, once.
      const carried = oneAgain
        .readAudit()
        .map((a) => a.entry as { type: string; detail: Record<string, unknown> })
        .filter((e) => e.type === 'restore' && e.detail.carriedOver !== undefined);
      expect(carried).toHaveLength(1);
      expect(carried[0]?.detail).toMatchObject({ fromDevice: A });

      // Saves after the fork was found are kept too: each computer writes its own new log.
      await twoAgain.put('client', 'after-two', client('C-202'));
      await oneAgain.put('client', 'after-one', client('C-103'));
      await oneAgain.settled();
      await twoAgain.settled();
      await mergeAsSyncthing(dir1, dir2);
      await oneAgain.refresh();
      await twoAgain.refresh();
      for (const v of [oneAgain, twoAgain]) {
        expect(v.list('client').map((r) => r.id)).toEqual(expect.arrayContaining(['after-one', 'after-two']));
      }
    } finally {
      await oneAgain.lock();
      await twoAgain.lock();
    }
    // Opened again, nothing is carried over twice.
    const third = await open(dir1, seen1);
    try {
      const carried = third
        .readAudit()
        .map((a) => a.entry as { type: string; detail: Record<string, unknown> })
        .filter((e) => e.type === 'restore' && e.detail.carriedOver !== undefined);
      expect(carried).toHaveLength(1);
      expect(third.list('client')).toHaveLength(6);
    } finally {
      await third.lock();
    }
  });
  test('branches of different lengths: nothing is lost, and the fork is the one thing said of that log', async () => {
    const root = await tempRoot();
    const [dir1, dir2] = [join(root, 'one'), join(root, 'two')];
    const seen1 = new SettingsSeen();
    const { vault } = await SyncedVault.create(dir1, PASS, {
      kdf,
      device: { hex: A, name: 'Office iMac' },
      heartbeatMs: 0,
      localSeen: seen1,
    });
    await vault.lock();
    await cp(dir1, dir2, { recursive: true });
    const seen2 = seen1.copy();
    const one = await open(dir1, seen1);
    await one.put('client', 'from-one', client('C-101'));
    await one.lock();
    const two = await open(dir2, seen2);
    for (const n of [1, 2, 3, 4]) await two.put('client', `from-two-${n}`, client(`C-20${n}`));
    await two.lock();
    await mergeAsSyncthing(dir1, dir2);
    const oneAgain = await open(dir1, seen1);
    const twoAgain = await open(dir2, seen2);
    try {
      await mergeAsSyncthing(dir1, dir2);
      await oneAgain.refresh();
      await twoAgain.refresh();
      for (const v of [oneAgain, twoAgain]) {
        expect(v.list('client')).toHaveLength(5);
        const aboutA = v.problems().filter((p) => p.deviceHex === A);
        expect(aboutA.map((p) => p.type)).toEqual(['fork']);
      }
    } finally {
      await oneAgain.lock();
      await twoAgain.lock();
    }
  });
});
