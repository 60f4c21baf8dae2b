/** `attune verify`: a read-only check that lists what is wrong and writes nothing. */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { manifestDamaged } from '../../../main/vault/manifest';
import { hashTree } from '../vault/kit';
import { tempDir } from '../helpers/tempDir';
import { cli, makeVault } from './cliTestKit';

describe('attune verify', () => {
  it('checks without writing: no audit entries, no checkpoint, the files unchanged', async () => {
    const dir = await makeVault(join(await tempDir(), 'vault'), async (vault) => {
      await vault.put('note', 'n1', { text: 'one' });
    });
    const before = await hashTree(dir);
    const first = await cli(['verify', dir]);
    expect(first).toMatchObject({ code: 0, err: '' });
    expect(first.out).toMatch(/^OK: 1 records, (\d+) audit entries, 0 problems\.$/m);
    expect(await hashTree(dir)).toEqual(before);
    // A second run counts the same audit entries: verifying added none.
    expect((await cli(['verify', dir])).out).toBe(first.out);
  });

  it('lists a damaged manifest as a problem (exit 1) instead of refusing to open', async () => {
    const dir = await makeVault(join(await tempDir(), 'vault'), async (vault) => {
      await vault.put('note', 'n1', { text: 'one' });
    });
    const path = join(dir, 'manifest.bin');
    const bytes = await readFile(path);
    bytes[bytes.length - 1]! ^= 1;
    await writeFile(path, bytes);
    const result = await cli(['verify', dir]);
    expect(result.code).toBe(1);
    expect(result.out.split('\n')).toEqual([
      `PROBLEM manifest.bin: ${manifestDamaged().message}`,
      'PROBLEMS FOUND: 0 records, 0 audit entries, 1 problems.',
    ]);
  });
});
