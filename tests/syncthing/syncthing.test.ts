import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SyncedVault } from '../../main/vault/v2/SyncedVault';
import { inetSocketsOf } from './inetSocketsOf';
import { type TwoSyncthings, twoSyncthings } from './twoSyncthings';

let st: TwoSyncthings;

beforeAll(async () => {
  st = await twoSyncthings();
  await st.waitInSync();
});

afterAll(async () => {
  if (!st) return;
  await st.stop();
  // Nothing of either computer outlives the test: no daemon, no home, no folder.
  for (const side of [st.a, st.b]) {
    expect(() => process.kill(side.pid, 0)).toThrow();
    await expect(stat(side.folder)).rejects.toMatchObject({ code: 'ENOENT' });
  }
});

const SYNC_CONFLICT = /^note\.sync-conflict-\d{8}-\d{6}-[A-Z0-9]{7}\.txt$/;

const LOOPBACK =
  /^(127\.\d+\.\d+\.\d+|\[0:0:0:0:0:ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}\]|\[0:0:0:0:0:0:0:1\]):\d+$/;
const UNCONNECTED = /^(0\.0\.0\.0|\[0:0:0:0:0:0:0:0\]):0$/;

describe('two real Syncthing instances over 127.0.0.1', () => {
  it('run with discovery, relays, NAT, usage and crash reports and upgrades off, and hold sockets on 127.0.0.1 only', async () => {
    for (const side of [st.a, st.b]) {
      expect(await side.rest.options()).toMatchObject({
        listenAddresses: [expect.stringMatching(/^tcp:\/\/127\.0\.0\.1:\d+$/)],
        globalAnnounceEnabled: false,
        localAnnounceEnabled: false,
        relaysEnabled: false,
        natEnabled: false,
        urAccepted: -1,
        autoUpgradeIntervalH: 0,
        crashReportingEnabled: false,
        startBrowser: false,
      });
      const sockets = await inetSocketsOf([side.pid]);
      // At least the GUI listener, the sync listener and the connection to the other instance.
      expect(sockets.length).toBeGreaterThanOrEqual(3);
      for (const socket of sockets) {
        expect(socket.local, `${side.name} ${socket.table} ${socket.local} -> ${socket.remote}`).toMatch(
          LOOPBACK,
        );
        expect(socket.remote, `${side.name} ${socket.table} ${socket.local} -> ${socket.remote}`).toMatch(
          new RegExp(`${LOOPBACK.source}|${UNCONNECTED.source}`),
        );
      }
    }
  });

  it('carry a file written on one computer to the other, both ways, and keep temp and lock files local', async () => {
    await mkdir(join(st.a.folder, 'plain'), { recursive: true });
    await writeFile(join(st.a.folder, 'plain', 'from-office.txt'), 'written at the office');
    await writeFile(join(st.b.folder, 'from-laptop.txt'), 'written on the laptop');
    await writeFile(join(st.a.folder, 'plain', 'log.bin.tmp-0a1b2c3d'), 'a save in progress');
    await writeFile(join(st.a.folder, 'attune.lock'), 'pid');
    await st.waitInSync();
    expect(await readFile(join(st.b.folder, 'plain', 'from-office.txt'), 'utf8')).toBe(
      'written at the office',
    );
    expect(await readFile(join(st.a.folder, 'from-laptop.txt'), 'utf8')).toBe('written on the laptop');
    expect(await readdir(join(st.b.folder, 'plain'))).toEqual(['from-office.txt']);
    expect((await readdir(st.b.folder)).filter((n) => n.startsWith('attune.lock'))).toEqual([]);
  });

  it('are not called in sync while apart, and are once they are back together', async () => {
    await st.a.pause();
    await writeFile(join(st.a.folder, 'while-apart.txt'), 'written while apart');
    await expect(st.waitInSync({ timeoutMs: 3_000 })).rejects.toThrow(/not in sync after 3000 ms/);
    await st.a.resume();
    await st.waitInSync();
    expect(await readFile(join(st.b.folder, 'while-apart.txt'), 'utf8')).toBe('written while apart');
  });

  it('turn a file changed on both computers while apart into a conflict copy, the same on both', async () => {
    await writeFile(join(st.a.folder, 'note.txt'), 'first version');
    await st.waitInSync();
    expect(await readFile(join(st.b.folder, 'note.txt'), 'utf8')).toBe('first version');

    await st.a.pause();
    await writeFile(join(st.a.folder, 'note.txt'), 'edited at the office');
    await writeFile(join(st.b.folder, 'note.txt'), 'edited on the laptop');
    await Promise.all([st.a.rest.scan('attune'), st.b.rest.scan('attune')]);
    await st.a.resume();
    await st.waitInSync();

    const seen = [];
    for (const folder of [st.a.folder, st.b.folder]) {
      const copies = (await readdir(folder)).filter((n) => SYNC_CONFLICT.test(n));
      expect(copies).toHaveLength(1);
      const texts = [
        await readFile(join(folder, 'note.txt'), 'utf8'),
        await readFile(join(folder, copies[0]!), 'utf8'),
      ];
      expect([...texts].sort()).toEqual(['edited at the office', 'edited on the laptop']);
      seen.push({ copy: copies[0], texts });
    }
    expect(seen[0]).toEqual(seen[1]);
  });
});

// The cheapest KDF the format allows: this test is about the files crossing, not key stretching.
const kdf = { memoryKiB: 8192, iterations: 1, parallelism: 1 };
const PASS = 'correct horse battery staple';
const OFFICE = { hex: 'a'.repeat(32), name: 'Office iMac' };
const LAPTOP = { hex: 'b'.repeat(32), name: 'Laptop' };

const open: SyncedVault[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((v) => v.lock()));
});

/** Every file under `dir`, as paths relative to it. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(dir.length + 1));
}

/** The office creates a vault in its copy of the shared folder; Syncthing carries it; the laptop joins. */
async function vaultOnBoth(
  name: string,
): Promise<{ a: SyncedVault; b: SyncedVault; dirA: string; dirB: string }> {
  const dirA = join(st.a.folder, name);
  const dirB = join(st.b.folder, name);
  const { vault: a } = await SyncedVault.create(dirA, PASS, { kdf, device: OFFICE, heartbeatMs: 0 });
  open.push(a);
  await st.waitInSync();
  const b = await SyncedVault.open(dirB, { passphrase: PASS }, { device: LAPTOP, heartbeatMs: 0 });
  open.push(b);
  await st.waitInSync();
  await a.refresh();
  return { a, b, dirA, dirB };
}

const byKey = (x: { kind: string; id: string }, y: { kind: string; id: string }): number =>
  `${x.kind}/${x.id}`.localeCompare(`${y.kind}/${y.id}`);

describe('one format-2 vault in the folder the two Syncthings share', () => {
  it('converges: records saved on both computers show on both, and verify passes on each copy', async () => {
    const { a, b, dirA, dirB } = await vaultOnBoth('Attune Vault');
    const clientA = await a.put('client', undefined, { code: 'C-OFFICE' });
    const noteA = await a.put('note', undefined, { clientId: clientA.id, text: 'Session at the office' });
    const clientB = await b.put('client', undefined, { code: 'C-LAPTOP' });
    const noteB = await b.put('note', undefined, {
      clientId: clientB.id,
      text: 'Session written on the laptop',
    });
    await st.waitInSync();
    await a.refresh();
    await b.refresh();

    expect([...a.list()].sort(byKey)).toEqual([...b.list()].sort(byKey));
    expect(a.list()).toHaveLength(4);
    for (const v of [a, b]) {
      expect(await v.get('client', clientA.id)).toEqual({ code: 'C-OFFICE' });
      expect(await v.get('note', noteA.id)).toEqual({ clientId: clientA.id, text: 'Session at the office' });
      expect(await v.get('client', clientB.id)).toEqual({ code: 'C-LAPTOP' });
      expect(await v.get('note', noteB.id)).toEqual({
        clientId: clientB.id,
        text: 'Session written on the laptop',
      });
      expect(v.conflicts()).toEqual([]);
      expect(v.problems()).toEqual([]);
      const report = await v.verify();
      expect(report.problems).toEqual([]);
      expect(report).toMatchObject({ ok: true, conflicts: 0 });
    }
    expect(a.readAudit().map((e) => (e.entry as { type: string }).type)).toContain('device-join');
    // Each computer wrote only its own files, so Syncthing never had two versions of one file;
    // and a computer's lock file stayed on that computer.
    const filesA = await filesUnder(dirA);
    const filesB = await filesUnder(dirB);
    for (const files of [filesA, filesB]) expect(files.filter((f) => /sync-conflict/.test(f))).toEqual([]);
    expect(filesA).toContain(join('devices', OFFICE.hex, 'attune.lock'));
    expect(filesB).not.toContain(join('devices', OFFICE.hex, 'attune.lock'));
  });

  it('a draft edited on both computers while apart is one conflict with both versions on both; resolved on the laptop, it is settled on both', async () => {
    const { a, b, dirA, dirB } = await vaultOnBoth('Shared Vault');
    const note = await a.put('note', undefined, { text: 'draft' });
    await st.waitInSync();
    await b.refresh();
    expect(await b.get('note', note.id)).toEqual({ text: 'draft' });

    await st.a.pause();
    await a.put('note', note.id, { text: 'edited at the office' });
    await b.put('note', note.id, { text: 'edited on the laptop' });
    await st.a.resume();
    await st.waitInSync();
    await a.refresh();
    await b.refresh();

    for (const v of [a, b]) {
      const conflicts = v.conflicts();
      expect(conflicts.map((c) => c.id)).toEqual([note.id]);
      const versions = conflicts[0]!.versions;
      expect(versions.map((x) => x.value)).toHaveLength(2);
      expect(versions.map((x) => x.value)).toEqual(
        expect.arrayContaining([{ text: 'edited at the office' }, { text: 'edited on the laptop' }]),
      );
      expect(versions.map((x) => x.deviceName).sort()).toEqual(['Laptop', 'Office iMac']);
    }
    expect(await a.get('note', note.id)).toEqual(await b.get('note', note.id));

    await b.resolveConflict('note', note.id, { text: 'merged by hand' });
    await st.waitInSync();
    await a.refresh();
    for (const v of [a, b]) {
      expect(v.conflicts()).toEqual([]);
      expect(await v.get('note', note.id)).toEqual({ text: 'merged by hand' });
      expect(await v.verify()).toMatchObject({ ok: true, conflicts: 0 });
    }
    expect(a.readAudit().some((e) => (e.entry as { type: string }).type === 'conflict-resolved')).toBe(true);
    for (const dir of [dirA, dirB])
      expect((await filesUnder(dir)).filter((f) => /sync-conflict/.test(f))).toEqual([]);
  });
});
