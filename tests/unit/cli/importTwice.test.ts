import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/tempDir';
import { cli, makeVault, recordSnapshot } from './cliTestKit';

/**
 * The same file imported twice (or an export of the vault imported into it): every record is
 * already there. It was refused as "The import file is not valid … (17 problems): clients[0].id: A
 * client with id … is already in the vault; …", calling a good file invalid and naming five of
 * its records (an outside probe).
 */
describe('import of a file whose records are all in the vault already', () => {
  it('says so in one sentence, and changes nothing', async () => {
    const root = await tempDir();
    const doc = await readFile(join(__dirname, '../../../docs/interchange-format.md'), 'utf8');
    const file = join(root, 'example.json');
    await writeFile(file, /```json\n([\s\S]*?)\n```/.exec(doc)![1]!);
    const vault = await makeVault(join(root, 'v'));
    expect((await cli(['import', vault, file])).code).toBe(0);
    const before = await recordSnapshot(vault);

    const again = await cli(['import', vault, file]);
    expect(again).toMatchObject({
      code: 2,
      out: '',
      err:
        'attune: Every record in this file (10) is in the vault already: the file was imported before, or exported from this vault. ' +
        'Import only adds records, so nothing was imported.',
    });
    expect(await recordSnapshot(vault)).toEqual(before);
  });

  it('names each record already there when the file holds others too', async () => {
    const root = await tempDir();
    const doc = await readFile(join(__dirname, '../../../docs/interchange-format.md'), 'utf8');
    const example = JSON.parse(/```json\n([\s\S]*?)\n```/.exec(doc)![1]!);
    const file = join(root, 'example.json');
    await writeFile(file, JSON.stringify({ ...example, templates: [] }));
    const vault = await makeVault(join(root, 'v'));
    expect((await cli(['import', vault, file])).code).toBe(0);
    await writeFile(file, JSON.stringify(example));
    const result = await cli(['import', vault, file]);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(
      /^attune: The import file is not valid, so nothing was imported \(\d+ problems\): clients\[0\]\.id: A client with id “c-014” is already in the vault/,
    );
  });
});
