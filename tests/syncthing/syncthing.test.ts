import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TwoSyncthings, twoSyncthings } from './twoSyncthings';

let st: TwoSyncthings;

beforeAll(async () => {
  st = await twoSyncthings();
  await st.waitInSync();
});

afterAll(async () => {
  await st?.stop();
});

const SYNC_CONFLICT = /^note\.sync-conflict-\d{8}-\d{6}-[A-Z0-9]{7}\.txt$/;

describe('two real Syncthing instances over 127.0.0.1', () => {
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
