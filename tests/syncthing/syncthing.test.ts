import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
