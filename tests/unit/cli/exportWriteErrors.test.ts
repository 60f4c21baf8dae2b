import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { cli, makeVault } from './cliTestKit';

/**
 * The error the drive gives the export file `e.json` (a full disk cannot be made in a test without
 * mounting one): every other file, the vault's own included, is written as usual. Its first write
 * fails (a full disk is met part way), or its creation for the refusals that come at once.
 */
const failing = vi.hoisted(() => ({ code: null as string | null, fds: new Set<number>() }));
vi.mock('../../../main/vault/vaultFs', async (original) => {
  const real = await original<typeof import('../../../main/vault/vaultFs')>();
  const refuse = (what: string) =>
    Promise.reject(Object.assign(new Error(`${failing.code}: ${what}`), { code: failing.code }));
  const atWrite = () => failing.code === 'ENOSPC' || failing.code === 'EDQUOT';
  const fs: typeof real.nodeVaultFs = {
    ...real.nodeVaultFs,
    open: async (path, flags, mode) => {
      if (!failing.code || !path.includes('e.json')) return real.nodeVaultFs.open(path, flags, mode);
      if (!atWrite()) return refuse(path);
      const fd = await real.nodeVaultFs.open(path, flags, mode);
      failing.fds.add(fd);
      return fd;
    },
    write: (fd, data, position) =>
      failing.fds.delete(fd) ? refuse(`write ${fd}`) : real.nodeVaultFs.write(fd, data, position),
  };
  return { ...real, nodeVaultFs: fs };
});

describe('attune export --out FILE, when the file cannot be written', () => {
  let root = '';
  let dir = '';
  let out = '';
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'attune-cli-write-errors-'));
    dir = await makeVault(join(root, 'vault'));
    out = join(root, 'e.json');
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  const exportFailing = async (code: string) => {
    failing.code = code;
    try {
      return await cli(['export', dir, '--out', out]);
    } finally {
      failing.code = null;
    }
  };

  it('a full disk (ENOSPC, or a quota: EDQUOT) is said to be one, not a permissions problem', async () => {
    for (const code of ['ENOSPC', 'EDQUOT']) {
      const { code: exit, err } = await exportFailing(code);
      expect(exit).toBe(2);
      expect(err).toBe(
        `attune: The disk is full: ${out} could not be written. Free some space and try again; nothing was written.`,
      );
      // Nothing half written is left, under its name or a temp one.
      expect(await readdir(root)).toEqual(['vault']);
    }
  });

  it('no permission, a read-only disk and a folder gone each have their own words', async () => {
    expect((await exportFailing('EACCES')).err).toMatch(/not allowed to write .*e\.json.*permissions/);
    expect((await exportFailing('EPERM')).err).toMatch(/not allowed to write .*e\.json.*permissions/);
    expect((await exportFailing('EROFS')).err).toMatch(/e\.json is on a disk that is read-only/);
    expect((await exportFailing('ENOENT')).err).toMatch(/folder .* does not exist/);
    for (const code of ['EACCES', 'EROFS', 'ENOENT']) {
      expect((await exportFailing(code)).err).not.toMatch(/disk is full/);
    }
  });
});
