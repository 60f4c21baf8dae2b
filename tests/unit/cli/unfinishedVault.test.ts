import { mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { AttuneError } from '../../../shared/errors';
import { tempDir } from '../helpers/tempDir';
import { cli } from './cliTestKit';

/**
 * `init` and `demo` on a disk that fills up part way (a full disk cannot be made in a test
 * without mounting one): the vault is begun, then a write fails. What is left has no recovery key
 * anyone saw, and it blocked the next try ("already holds files") and read as a vault still
 * arriving from a sync app.
 */
const failing = vi.hoisted(() => ({ create: false, demo: false }));
const FULL =
  'The disk is full, so this change was not saved. Free some space and try again; what was saved before is unchanged.';

vi.mock('../../../main/services/device/openVaultAs', async (original) => {
  const real = await original<typeof import('../../../main/services/device/openVaultAs')>();
  return {
    ...real,
    createSyncedVaultAs: async (...args: Parameters<typeof real.createSyncedVaultAs>) => {
      if (!failing.create) return real.createSyncedVaultAs(...args);
      // What a create cut short by a full disk leaves: a device folder with its key file, no marker.
      const device = join(args[0], 'devices', 'a'.repeat(32));
      await mkdir(device, { recursive: true });
      await writeFile(join(device, 'keys.json'), '{}');
      throw new AttuneError('io', FULL);
    },
  };
});
vi.mock('../../../main/services/demo/writeDemo', async (original) => {
  const real = await original<typeof import('../../../main/services/demo/writeDemo')>();
  return {
    ...real,
    writeDemo: async (...args: Parameters<typeof real.writeDemo>) => {
      if (failing.demo) throw new AttuneError('io', FULL);
      return real.writeDemo(...args);
    },
  };
});

const PASS = { ATTUNE_PASSPHRASE: 'correct horse battery staple' };

async function failingRun(which: 'create' | 'demo', argv: string[]) {
  failing[which] = true;
  try {
    return await cli(argv, PASS);
  } finally {
    failing[which] = false;
  }
}

describe('attune init and demo when the vault cannot be finished', () => {
  it('init removes the folder it made, says so, and a second try then works', async () => {
    const root = await tempDir();
    const dir = join(root, 'new vault');
    const result = await failingRun('create', ['init', dir]);
    expect(result.code).toBe(2);
    expect(result.err).toBe(`attune: ${FULL} No vault was made: the unfinished one in ${dir} was removed.`);
    expect(result.out).toBe('');
    await expect(stat(dir)).rejects.toThrow();
    const again = await cli(['init', dir], PASS);
    expect(again.code, again.err).toBe(0);
    expect(again.out).toContain('Recovery key');
  });

  it('init into an empty folder leaves the folder, empty', async () => {
    const root = await tempDir();
    const dir = join(root, 'empty');
    await mkdir(dir);
    expect((await failingRun('create', ['init', dir])).code).toBe(2);
    expect(await readdir(dir)).toEqual([]);
  });

  it('a folder that already holds files is refused and never touched', async () => {
    const root = await tempDir();
    const dir = join(root, 'full');
    await mkdir(dir);
    await writeFile(join(dir, 'mine.txt'), 'keep me');
    const result = await cli(['init', dir], PASS);
    expect(result.code).toBe(2);
    expect(result.err).not.toContain('No vault was made');
    expect(await readdir(dir)).toEqual(['mine.txt']);
  });

  it('demo removes a vault it could not fill, whose recovery key was never shown', async () => {
    const root = await tempDir();
    const dir = join(root, 'demo');
    const result = await failingRun('demo', ['demo', dir, '--clients', '1', '--sessions', '1']);
    expect(result.code).toBe(2);
    expect(result.out).not.toContain('Recovery key');
    expect(result.err).toContain(`No vault was made: the unfinished one in ${dir} was removed.`);
    await expect(stat(dir)).rejects.toThrow();
  });
});
