import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/tempDir';
import { cli, makeVault, recordSnapshot } from './cliTestKit';

/** The documented example (docs/interchange-format.md): a version 3 file with every kind of record. */
async function example(): Promise<Record<string, unknown>> {
  const doc = await readFile(join(__dirname, '../../../docs/interchange-format.md'), 'utf8');
  return JSON.parse(/```json\n([\s\S]*?)\n```/.exec(doc)![1]!);
}

/**
 * A file that says an older version but holds the lists a later version added (edited by hand, or
 * written by another program): migrating it replaced those lists with empty ones, so its treatment
 * plans, diagnoses, safety plans (and, as version 1, measures) were dropped without a word while
 * the import said it succeeded (an outside probe).
 */
describe('import of a file whose version is older than its contents', () => {
  it('is refused, naming each list a file of that version cannot hold, and changes nothing', async () => {
    const root = await tempDir();
    const vault = await makeVault(join(root, 'v'));
    const before = await recordSnapshot(vault);
    const file = join(root, 'mislabelled.json');

    await writeFile(file, JSON.stringify({ ...(await example()), version: 2 }));
    const two = await cli(['import', vault, file]);
    expect(two.code).toBe(2);
    expect(two.out).toBe('');
    expect(two.err).toBe(
      'attune: The import file is not valid, so nothing was imported (3 problems): ' +
        'treatmentPlans: A version 2 file has no treatment plans (they came with version 3), yet this one holds the list; it would be left out. Set “version” to the version the file was written in, or take the list out; ' +
        'diagnoses: A version 2 file has no diagnoses (they came with version 3), yet this one holds the list; it would be left out. Set “version” to the version the file was written in, or take the list out; ' +
        'safetyPlans: A version 2 file has no safety plans (they came with version 3), yet this one holds the list; it would be left out. Set “version” to the version the file was written in, or take the list out.',
    );

    await writeFile(file, JSON.stringify({ ...(await example()), version: 1 }));
    const one = await cli(['import', vault, file]);
    expect(one.code).toBe(2);
    expect(one.err).toMatch(
      /^attune: The import file is not valid, so nothing was imported \(4 problems\): measures: A version 1 file has no measures \(they came with version 2\)/,
    );
    expect(await recordSnapshot(vault)).toEqual(before);
  });

  it('still imports a real older file, which has none of those lists', async () => {
    const root = await tempDir();
    const vault = await makeVault(join(root, 'v'));
    const { treatmentPlans: _p, diagnoses: _d, safetyPlans: _s, ...rest } = await example();
    const file = join(root, 'v2.json');
    await writeFile(file, JSON.stringify({ ...rest, version: 2 }));
    const result = await cli(['import', vault, file]);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(
      /^Imported 1 client, 1 session, 1 note, 1 process note, 1 measure, 1 template; settings: imported\.$/,
    );
  });

  it('imports an older file whose later lists are there but empty: nothing would be lost', async () => {
    const root = await tempDir();
    const vault = await makeVault(join(root, 'v'));
    const file = join(root, 'v2-empty-lists.json');
    await writeFile(
      file,
      JSON.stringify({
        ...(await example()),
        version: 2,
        treatmentPlans: [],
        diagnoses: [],
        safetyPlans: [],
      }),
    );
    const result = await cli(['import', vault, file]);
    expect(result.err).not.toContain('would be left out');
    expect(result.code).toBe(0);
    expect(result.out).toMatch(
      /^Imported 1 client, 1 session, 1 note, 1 process note, 1 measure, 1 template; settings: imported\.$/,
    );
  });
});
