import { readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exitCodes } from '../../../main/cli/exitCodes';
import { tempDir } from '../helpers/tempDir';
import { cli } from './cliTestKit';

/**
 * Every command that reads a vault ends with the same code for the same state of its folder
 * (README "The attune command line", `attune --help`): a vault (its marker is there) missing or
 * damaging a file it needs is an integrity problem, 1; a folder without a marker is not a vault
 * (yet), invalid input, 2. Before, with every keys.json gone, verify ended with 1 and export with 2.
 */
async function vaultWithout(remove: 'keys' | 'damaged keys' | 'marker') {
  const root = await tempDir('attune-cli-missing-');
  const dir = join(root, 'vault');
  expect((await cli(['init', dir])).code).toBe(0);
  const [hex] = await readdir(join(dir, 'devices'));
  const keys = join(dir, 'devices', hex!, 'keys.json');
  if (remove === 'keys') await rm(keys);
  if (remove === 'damaged keys') await writeFile(keys, '{"format": "attune-keys"');
  if (remove === 'marker') await rm(join(dir, 'attune-vault.json'));
  await writeFile(join(root, 'new'), 'a second long passphrase\n');
  return { root, dir };
}

const commands = (root: string, dir: string): string[][] => [
  ['verify', dir],
  ['export', dir],
  ['report', dir],
  ['backup', dir, join(root, 'backups')],
  ['passwd', dir, '--new-passphrase-file', join(root, 'new')],
];

describe('a vault folder missing a file it needs', () => {
  it.each([
    ['every keys.json gone', 'keys', exitCodes.integrity, /key files/],
    ['its only keys.json damaged', 'damaged keys', exitCodes.integrity, /key file/],
    ['its marker gone', 'marker', exitCodes.usage, /attune-vault\.json is missing/],
  ] as const)('%s: every command ends with the same exit code', async (_what, remove, code, says) => {
    const { root, dir } = await vaultWithout(remove);
    for (const argv of commands(root, dir)) {
      const result = await cli(argv);
      expect({ argv: argv[0], code: result.code }).toEqual({ argv: argv[0], code });
      expect(result.err).toMatch(says);
    }
  });
});
