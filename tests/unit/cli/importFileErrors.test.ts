import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/tempDir';
import { cli, makeVault } from './cliTestKit';

/**
 * An import file that cannot be read says why: a mistyped name said only "Cannot read the import
 * file …", and a folder "… is not a file" (an outside probe). All before any passphrase.
 */
describe('import of a file that cannot be read', () => {
  it('says the file does not exist, or is a folder, or may not be read', async () => {
    const root = await tempDir();
    const vault = await makeVault(join(root, 'v'));
    const missing = join(root, 'exprot.json');
    expect(await cli(['import', vault, missing], {})).toMatchObject({
      code: 2,
      err: `attune: There is no import file ${missing}: check its name and folder.`,
    });
    expect(await cli(['import', vault, root], {})).toMatchObject({
      code: 2,
      err: `attune: The import file ${root} is a folder, not a file.`,
    });
    if (process.getuid?.() !== 0) {
      const locked = join(root, 'locked.json');
      await writeFile(locked, '{}');
      await chmod(locked, 0);
      expect((await cli(['import', vault, locked], {})).err).toBe(
        `attune: Attune is not allowed to read the import file ${locked}: check its permissions.`,
      );
    }
  });
});
