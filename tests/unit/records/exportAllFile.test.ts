import { readdir, readFile, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_IMPORT_BYTES } from '../../../main/services/exchange/exportFileSchema';
import { exportSizeWarning } from '../../../main/services/records/exportSizeWarning';
import { writeNewFile } from '../../../main/services/records/recordFiles';
import { nodeVaultFs, type VaultFs } from '../../../main/vault/vaultFs';
import { tempDir } from '../helpers/tempDir';
import { clientWithNote, expectKind, openServices } from '../services/serviceKit';

/**
 * The app's "Export all records" wrote its file with one JSON.stringify, which fails past V8's
 * longest string, and said nothing of a file too large to import (an outside probe; the large
 * files themselves are written in largeExportAll.test, in the long suite). These are the fast
 * checks: the bytes, the warning's threshold, and the write that never leaves half a file.
 */
describe('export all records', () => {
  it('writes exactly what JSON.stringify would, readable by the user only, and no warning for a small file', async () => {
    const { services } = await openServices();
    const { session } = await clientWithNote(services);
    await services.measures.save({
      sessionId: session.id,
      instrument: 'gad7',
      answers: { q1: 2, q2: 2, q3: 1, q4: 1, q5: 0, q6: 1, q7: 0 },
    });
    const folder = await tempDir('attune-records-');
    const result = await services.records.exportAll(folder, false);
    const text = await readFile(result.path, 'utf8');
    expect(text).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`);
    expect(JSON.parse(text).measures).toHaveLength(1);
    expect(result.warning).toBeNull();
    expect((await stat(result.path)).mode & 0o777).toBe(0o600);
    // Nothing else in the folder: no temp file left behind.
    expect(await readdir(folder)).toEqual(['attune-export-2025-03-14.json']);
  });

  it('warns of a file one byte over what import takes, and says what to do instead', () => {
    expect(exportSizeWarning(MAX_IMPORT_BYTES)).toBeNull();
    expect(exportSizeWarning(MAX_IMPORT_BYTES + 1)).toBe(
      'This file is 200.1 MB, more than Attune imports (200 MB), so it cannot be imported as it stands. ' +
        'To move the whole vault to another computer, use a backup instead: Back up now in Settings → Backups, ' +
        'then Restore from a backup… on the other computer.',
    );
  });
});

describe('writeNewFile', () => {
  it('writes the lines it is given as they come, each followed by a line break, and says how many bytes', async () => {
    const path = join(await tempDir('attune-records-'), 'out.json');
    function* lines() {
      yield '{';
      yield `  "text": ${JSON.stringify('é'.repeat(700_000))}`;
      yield '}';
    }
    const size = await writeNewFile(path, lines());
    const text = await readFile(path, 'utf8');
    expect(text).toBe(`{\n  "text": "${'é'.repeat(700_000)}"\n}\n`);
    expect(size).toBe(Buffer.byteLength(text));
  });

  it('leaves no file at all when the writing fails part way', async () => {
    const folder = await tempDir('attune-records-');
    function* failing() {
      yield 'x'.repeat(3_000_000);
      throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
    }
    expect(await expectKind(writeNewFile(join(folder, 'out.json'), failing()), 'io')).toBe(
      `The disk is full: ${join(folder, 'out.json')} could not be written. Free some space and try again; nothing was written.`,
    );
    expect(await readdir(folder)).toEqual([]);
  });

  it('never replaces a file that appears while it writes', async () => {
    const folder = await tempDir('attune-records-');
    const path = join(folder, 'out.json');
    async function* racing() {
      yield 'ours';
      await writeFile(path, 'theirs');
      yield 'more of ours';
    }
    expect(await expectKind(writeNewFile(path, racing()), 'io')).toBe(
      `A file named ${path} appeared while saving; nothing was replaced. Export again.`,
    );
    expect(await readFile(path, 'utf8')).toBe('theirs');
    expect(await readdir(folder)).toEqual(['out.json']);
  });

  it('on a drive without hard links (FAT, exFAT) is renamed into place, and still never over a file', async () => {
    const folder = await tempDir('attune-records-');
    const noLinks: VaultFs = {
      ...nodeVaultFs,
      link: async () => {
        throw Object.assign(new Error('operation not permitted'), { code: 'EPERM' });
      },
    };
    expect(await writeNewFile(join(folder, 'a.json'), ['{}'], { fs: noLinks })).toBe(3);
    expect(await readFile(join(folder, 'a.json'), 'utf8')).toBe('{}\n');
    await writeFile(join(folder, 'b.json'), 'theirs');
    expect(await expectKind(writeNewFile(join(folder, 'b.json'), ['{}'], { fs: noLinks }), 'io')).toMatch(
      /appeared while saving; nothing was replaced/,
    );
    expect(await readFile(join(folder, 'b.json'), 'utf8')).toBe('theirs');
    expect((await readdir(folder)).sort()).toEqual(['a.json', 'b.json']);
  });

  it('with replace (attune export --force) takes the place of the file there, in one step', async () => {
    const folder = await tempDir('attune-records-');
    const path = join(folder, 'out.json');
    await writeFile(path, 'the older export');
    expect(await writeNewFile(path, ['{}'], { replace: true })).toBe(3);
    expect(await readFile(path, 'utf8')).toBe('{}\n');
    expect(await readdir(folder)).toEqual(['out.json']);
  });

  it('removes the temp files a write that died left (plaintext no one would find), not one still being written', async () => {
    const folder = await tempDir('attune-records-');
    const path = join(folder, 'out.json');
    const old = new Date(Date.now() - 11 * 60_000);
    for (const name of ['out.json.tmp-0a1b2c3d', 'out.json.tmp-notours1', 'other.json.tmp-0a1b2c3d']) {
      await writeFile(join(folder, name), 'an export cut short');
      await utimes(join(folder, name), old, old);
    }
    await writeFile(join(folder, 'out.json.tmp-99887766'), 'being written elsewhere');
    await writeNewFile(path, ['{}']);
    expect((await readdir(folder)).sort()).toEqual([
      'other.json.tmp-0a1b2c3d',
      'out.json',
      'out.json.tmp-99887766',
      'out.json.tmp-notours1',
    ]);
  });

  it('with replace, a folder that will not be flushed keeps the new file (the one it replaced is gone) and says so', async () => {
    const folder = await tempDir('attune-records-');
    const path = join(folder, 'out.json');
    await writeFile(path, 'the older export');
    const noFolderSync: VaultFs = {
      ...nodeVaultFs,
      open: async (file, flags, mode) => {
        if (file === folder) throw Object.assign(new Error('invalid argument'), { code: 'EINVAL' });
        return nodeVaultFs.open(file, flags, mode);
      },
    };
    expect(await expectKind(writeNewFile(path, ['{}'], { fs: noFolderSync, replace: true }), 'io')).toBe(
      `${path} was written, but the drive did not confirm that it is stored (EINVAL); open it to check before you rely on it.`,
    );
    expect(await readFile(path, 'utf8')).toBe('{}\n');
    expect(await readdir(folder)).toEqual(['out.json']);
  });

  it('flushes the file before it takes its name, and the folder after', async () => {
    const path = join(await tempDir('attune-records-'), 'out.json');
    const steps: string[] = [];
    const fs: VaultFs = {
      ...nodeVaultFs,
      fsync: async (fd) => {
        steps.push('fsync');
        await nodeVaultFs.fsync(fd);
      },
      link: async (from, to) => {
        steps.push(to === path ? 'name' : 'link elsewhere');
        await nodeVaultFs.link(from, to);
      },
      rename: async (from, to) => {
        steps.push(to === path ? 'name' : 'rename elsewhere');
        await nodeVaultFs.rename(from, to);
      },
    };
    await writeNewFile(path, ['{}'], { fs });
    expect(steps).toEqual(['fsync', 'name', 'fsync']);
  });

  it('a failure once the file has its name (the temp name not removed) takes the file away again: never a whole export left behind while the user is told it failed', async () => {
    const folder = await tempDir('attune-records-');
    const path = join(folder, 'out.json');
    const fs: VaultFs = {
      ...nodeVaultFs,
      unlink: async (file) => {
        if (file !== path && file.includes('.tmp-') && !failedOnce) {
          failedOnce = true;
          throw Object.assign(new Error('input/output error'), { code: 'EIO' });
        }
        await nodeVaultFs.unlink(file);
      },
    };
    let failedOnce = false;
    expect(await expectKind(writeNewFile(path, ['{}'], { fs }), 'io')).toMatch(/^Cannot write .*out\.json/);
    expect(failedOnce).toBe(true);
    expect(await readdir(folder)).toEqual([]);
  });
});
