import { cp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { SyncedVault } from '../../../../main/vault/v2/SyncedVault';
import type { SeenState } from '../../../../main/vault/v2/seenFile';
import type { LocalSeenStore } from '../../../../main/vault/v2/syncedVaultTypes';
import { verifyVault } from '../../../../main/vault/verifyVault';
import { A, B, kdf, PASS, tempRootsPerTest } from './v2Kit';

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
  /** A crash to come: what is seen from now on is not kept. */
  frozen = false;
  async load(): Promise<SeenState | null> {
    return this.state && structuredClone(this.state);
  }
  async save(state: SeenState): Promise<void> {
    if (!this.frozen) this.state = structuredClone(state);
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
async function mergeAsSyncthing(keep: string, other: string, tag = 'ABCDEFG'): Promise<void> {
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
    const copy = `${path.slice(0, -ext.length)}.sync-conflict-20261204-101010-${tag}${ext}`;
    await writeFile(join(keep, copy), theirs);
    await writeFile(join(other, copy), theirs);
    await writeFile(join(other, path), mine);
  }
}

const client = (code: string, name = '') => ({ code, displayName: name });

/** The carry-over entries in a vault's activity log: one per frame carried (FORMAT.md §9). */
const carried = (v: SyncedVault) =>
  v
    .readAudit()
    .map((a) => a.entry as { type: string; detail: Record<string, unknown> })
    .filter((e) => e.type === 'restore' && e.detail.carriedFrom !== undefined);

/**
 * A vault created as device A with one client ('shared'), closed, in `<root>/one`; then the folder
 * and this computer's Attune data (its settings copy of what it has seen) copied to a second
 * computer, in `<root>/two` (a migration, a restored home folder).
 */
async function copiedToSecond(root: string) {
  const [d1, d2] = [join(root, 'one'), join(root, 'two')];
  const s1 = new SettingsSeen();
  const { vault } = await SyncedVault.create(d1, PASS, {
    kdf,
    device: { hex: A, name: 'Office iMac' },
    heartbeatMs: 0,
    localSeen: s1,
  });
  await vault.put('client', 'shared', client('C-001'));
  await vault.lock();
  await cp(d1, d2, { recursive: true });
  return { d1, d2, s1, s2: s1.copy() };
}

describe('one device id used on two computers (a fork of its log)', () => {
  test('each computer carries on under a new id, and every save of both is kept', async () => {
    const { d1: dir1, d2: dir2, s1: seen1, s2: seen2 } = await copiedToSecond(await tempRoot());

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
    let carriedBefore = 0;
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
      // What was carried over is in the activity log: one entry per frame carried, naming it.
      const entries = [...carried(oneAgain), ...carried(twoAgain)];
      expect(entries.length).toBeGreaterThan(0);
      for (const e of entries) expect(e.detail).toMatchObject({ carriedFrom: A });
      // Both see every entry once the folders are merged.
      carriedBefore = carried(oneAgain).length;
      expect(carried(twoAgain)).toHaveLength(carriedBefore);

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
      await mergeAsSyncthing(dir1, dir2);
      await third.refresh();
      expect(carried(third).length).toBe(carriedBefore);
      expect(third.list('client')).toHaveLength(6);
      expect(third.conflicts()).toEqual([]);
    } finally {
      await third.lock();
    }
  });

  test('branches of different lengths: nothing is lost, and the fork is the one thing said of that log', async () => {
    const { d1: dir1, d2: dir2, s1: seen1, s2: seen2 } = await copiedToSecond(await tempRoot());
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
        expect(v.list('client')).toHaveLength(6);
        const aboutA = v.problems().filter((p) => p.deviceHex === A);
        expect(aboutA.map((p) => p.type)).toEqual(['fork']);
      }
    } finally {
      await oneAgain.lock();
      await twoAgain.lock();
    }
  });
  test('saves made after this computer last noted what it wrote (a crash) are carried too', async () => {
    const { d1, d2, s1, s2 } = await copiedToSecond(await tempRoot());
    for (const [d, s, tag] of [
      [d1, s1, 'one'],
      [d2, s2, 'two'],
    ] as const) {
      const v = await open(d, s);
      await v.put('client', `${tag}-saved`, client('C-1'));
      await v.lock();
      const again = await open(d, s);
      await again.settled();
      s.frozen = true;
      await again.put('client', `${tag}-before-crash`, client('C-2'));
      await again.lock();
      s.frozen = false;
    }
    await mergeAsSyncthing(d1, d2);
    const one = await open(d1, s1);
    const two = await open(d2, s2);
    try {
      await mergeAsSyncthing(d1, d2);
      await one.refresh();
      await two.refresh();
      for (const v of [one, two]) {
        expect(
          v
            .list('client')
            .map((r) => r.id)
            .sort(),
        ).toEqual(['one-before-crash', 'one-saved', 'shared', 'two-before-crash', 'two-saved']);
      }
    } finally {
      await one.lock();
      await two.lock();
    }
  });

  test('opened again under the old id (the new one not kept), nothing is carried twice', async () => {
    for (let attempt = 0; attempt < 12; attempt++) {
      const { d1, d2, s1, s2 } = await copiedToSecond(await tempRoot());
      let v = await open(d1, s1);
      for (const n of [1, 2, 3, 4]) await v.put('client', `one-${n}`, client('C'));
      await v.lock();
      v = await open(d2, s2);
      await v.put('client', 'two-1', client('C'));
      await v.lock();
      await mergeAsSyncthing(d1, d2);
      const one = await open(d1, s1);
      const carriedOnce = carried(one).length;
      await one.lock();
      // Which branch wins depends on the frames' hashes: the case wanted is one's losing.
      if (carriedOnce === 0) continue;
      const again = await open(d1, s1);
      try {
        expect(carried(again).length).toBe(carriedOnce);
        expect(again.conflicts()).toEqual([]);
        expect(again.list('client')).toHaveLength(6);
      } finally {
        await again.lock();
      }
      return;
    }
    throw new Error('Computer one never lost the fork in 12 tries.');
  });

  test('a third computer with a copy of the second one’s data: nothing is lost; what the two carry at once is a conflict of equal versions', async () => {
    for (let attempt = 0; attempt < 12; attempt++) {
      const root = await tempRoot();
      const { d1, d2, s1, s2 } = await copiedToSecond(root);
      const d3 = join(root, 'three');
      let v = await open(d1, s1);
      await v.put('client', 'p1', client('C-1'));
      await v.lock();
      v = await open(d2, s2);
      await v.put('client', 'p2a', client('C-2a'));
      await v.lock();
      await cp(d2, d3, { recursive: true });
      const s3 = s2.copy();
      v = await open(d2, s2);
      await v.put('client', 'p2b', client('C-2b'));
      await v.lock();
      v = await open(d3, s3);
      await v.put('client', 'p3', client('C-3'));
      await v.lock();
      await mergeAsSyncthing(d1, d2, 'AAAAAAA');
      await mergeAsSyncthing(d1, d3, 'BBBBBBB');
      await mergeAsSyncthing(d2, d1, 'CCCCCCC');
      const vs = [await open(d1, s1), await open(d2, s2), await open(d3, s3)];
      try {
        const oneWon = carried(vs[0]!).length === 0;
        await mergeAsSyncthing(d1, d2, 'DDDDDDD');
        await mergeAsSyncthing(d1, d3, 'EEEEEEE');
        await mergeAsSyncthing(d2, d1, 'FFFFFFF');
        for (const x of vs) await x.refresh();
        if (!oneWon) continue;
        for (const x of vs) {
          expect(
            x
              .list('client')
              .map((r) => r.id)
              .sort(),
          ).toEqual(['p1', 'p2a', 'p2b', 'p3', 'shared']);
          // Two and three each carried the frames they share before either saw the other's: the
          // record has two versions, equal, to keep either (FORMAT.md §9, "Carrying over").
          for (const c of x.conflicts()) {
            expect(c.id).toBe('p2a');
            expect(new Set(c.versions.map((ver) => JSON.stringify(ver.value))).size).toBe(1);
          }
        }
        return;
      } finally {
        for (const x of vs) await x.lock();
      }
    }
    throw new Error('Computer one never won the fork in 12 tries.');
  });
  test('a check lists a forked log once, with every forked change number, not once per change and per file', async () => {
    const { d1, d2, s1, s2 } = await copiedToSecond(await tempRoot());
    for (const [d, s, tag] of [
      [d1, s1, 'one'],
      [d2, s2, 'two'],
    ] as const) {
      const v = await open(d, s);
      for (const n of [1, 2, 3]) await v.put('client', `${tag}-${n}`, client(`C-${n}`));
      await v.lock();
    }
    await mergeAsSyncthing(d1, d2);
    // From outside (attune verify): each forked change was said twice (by the reader, per file
    // holding it, and by the merged state), and the claims a third time.
    const outside = await verifyVault(d1, { passphrase: PASS });
    expect(outside.ok).toBe(false);
    const aboutA = outside.problems.filter((p) => p.file.startsWith(`devices/${A}`));
    expect(aboutA).toHaveLength(1);
    const said = aboutA[0]!;
    // Which device (its folder's file, its name), which changes, how many versions, where found.
    expect(said.file).toMatch(
      new RegExp(`^devices/${A}/log-000001\\.sync-conflict-20261204-101010-ABCDEFG\\.bin$`),
    );
    expect(said.problem).toMatch(
      /^Office iMac has two different versions of its changes \d+ to \d+ \(found in log-000001\.sync-conflict-20261204-101010-ABCDEFG\.bin\)/,
    );
    expect(said.problem).toMatch(
      /one computer’s Attune data was copied to another computer and both were used/,
    );
    // The app's Check (a fresh read by an open vault) and the open vault say it once too.
    const v = await open(d1, s1);
    try {
      const checked = (await v.verify()).problems.filter((p) => p.deviceHex === A);
      expect(checked.map((p) => p.type)).toEqual(['fork']);
      expect(checked[0]?.message).toBe(said.problem);
      expect(v.problems().filter((p) => p.deviceHex === A && p.type === 'fork')).toHaveLength(1);
    } finally {
      await v.lock();
    }
  });

  test('a forked log put back to an older copy while the vault is open is still said', async () => {
    const root = await tempRoot();
    const { d1, d2, s1, s2 } = await copiedToSecond(root);
    const pre = join(root, 'before');
    await cp(join(d1, 'devices', A), pre, { recursive: true });
    for (const [d, s, id] of [
      [d1, s1, 'one'],
      [d2, s2, 'two'],
    ] as const) {
      const v = await open(d, s);
      await v.put('client', id, client('C'));
      await v.lock();
    }
    await mergeAsSyncthing(d1, d2);
    // A third computer, of its own, has the vault open and shows the fork.
    const third = await SyncedVault.open(
      d1,
      { passphrase: PASS },
      { device: { hex: B, name: 'Laptop' }, heartbeatMs: 0, localSeen: new SettingsSeen() },
    );
    try {
      expect(third.problems().some((p) => p.type === 'fork' && p.deviceHex === A)).toBe(true);
      for (const f of await readdir(join(d1, 'devices', A)))
        if (f.startsWith('log-')) await rm(join(d1, 'devices', A, f));
      await cp(join(pre, 'log-000001.bin'), join(d1, 'devices', A, 'log-000001.bin'));
      await third.refresh();
      expect(third.problems().some((p) => p.type === 'rollback' && p.deviceHex === A)).toBe(true);
    } finally {
      await third.lock();
    }
  });
});
