import { mkdir, readdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/tempDir';
import { cli, makeVault, PASSPHRASE } from './cliTestKit';

/** CLI mistakes an outside tester found: each one a usage error in words, never a stack of errno. */
describe('attune bench and bench-sync --dir', () => {
  it('a folder that does not exist is a usage error naming it, before any benchmark runs', async () => {
    const root = await tempDir();
    const missing = join(root, 'no such folder');
    for (const command of ['bench', 'bench-sync']) {
      const result = await cli([command, '--dir', missing, '--notes', '10', '--clients', '1', '--runs', '1']);
      expect(result.code).toBe(2);
      expect(result.err).toBe(
        `attune: --dir ${missing}: there is no such folder. Make it first, or leave --dir out.`,
      );
      expect(result.err).not.toMatch(/unexpected failure|ENOENT|mkdtemp/);
    }
    const memory = await cli(['bench', '--memory-only', '--dir', missing, '--notes', '10', '--clients', '1']);
    expect(memory.code).toBe(2);
    expect(memory.err).toContain('there is no such folder');
  });

  it('a file given as --dir is a usage error too', async () => {
    const root = await tempDir();
    const file = join(root, 'a file');
    await writeFile(file, 'x');
    const result = await cli(['bench', '--dir', file, '--notes', '10', '--clients', '1', '--runs', '1']);
    expect(result.code).toBe(2);
    expect(result.err).toBe(`attune: --dir ${file} is a file, not a folder.`);
  });
});

describe('attune export --out and review-packet --out through a symbolic link', () => {
  it('refuse to write the unencrypted export into the vault folder by way of a link', async () => {
    const root = await tempDir();
    const vault = await makeVault(join(root, 'vault'));
    // A link to the vault folder, used for --out …
    await symlink(vault, join(root, 'link'));
    const viaOut = await cli(['export', vault, '--out', join(root, 'link', 'plain.json')]);
    expect(viaOut.code).toBe(2);
    expect(viaOut.err).toContain('outside the vault folder');
    // … or for the vault itself, with --out naming the real folder.
    const viaVault = await cli(['export', join(root, 'link'), '--out', join(vault, 'plain.json')]);
    expect(viaVault.code).toBe(2);
    expect(viaVault.err).toContain('outside the vault folder');
    expect((await readdir(vault)).filter((n) => n.endsWith('.json') && n !== 'attune-vault.json')).toEqual(
      [],
    );
    // A link elsewhere is fine.
    await mkdir(join(root, 'out'));
    await symlink(join(root, 'out'), join(root, 'outlink'));
    expect((await cli(['export', vault, '--out', join(root, 'outlink', 'ok.json')])).code).toBe(0);
  });

  it('review-packet refuses the same', async () => {
    const root = await tempDir();
    const vault = await makeVault(join(root, 'vault'));
    await symlink(vault, join(root, 'link'));
    const result = await cli(
      ['review-packet', vault, '--client', 'C-001', '--out', join(root, 'link', 'case.attune-review')],
      { ATTUNE_PASSPHRASE: PASSPHRASE, ATTUNE_PACKET_PASSPHRASE: 'a packet passphrase to share' },
    );
    expect(result.code).toBe(2);
    expect(result.err).toContain('outside the vault folder');
  });
});

describe('passphrase files as Windows editors save them', () => {
  const utf16le = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  const utf16be = (text: string) => {
    const le = Buffer.from(text, 'utf16le');
    for (let i = 0; i < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1] as number, le[i] as number];
    return Buffer.concat([Buffer.from([0xfe, 0xff]), le]);
  };

  it('a UTF-8 byte-order mark or UTF-16 text is read as the passphrase typed, not as invisible characters', async () => {
    const root = await tempDir();
    const files = {
      bom: Buffer.from(`\ufeff${PASSPHRASE}\r\n`, 'utf8'),
      le: utf16le(`${PASSPHRASE}\r\n`),
      be: utf16be(`${PASSPHRASE}\n`),
    };
    for (const [name, bytes] of Object.entries(files)) {
      const file = join(root, `${name}.txt`);
      await writeFile(file, bytes);
      // A vault made with the file opens with the passphrase as typed …
      const made = await cli(['init', join(root, `v-${name}`), '--passphrase-file', file], {});
      expect(made.code, made.err).toBe(0);
      expect((await cli(['verify', join(root, `v-${name}`)])).code).toBe(0);
      // … and the file opens a vault made with the typed passphrase.
      const other = await makeVault(join(root, `typed-${name}`));
      expect((await cli(['verify', other, '--passphrase-file', file], {})).code).toBe(0);
    }
  });

  it('a file that is not UTF-8 text is refused in words, not taken as a wrong passphrase', async () => {
    const root = await tempDir();
    const file = join(root, 'latin1.txt');
    await writeFile(file, Buffer.from('caf\xe9 au lait is my passphrase\n', 'latin1'));
    const made = await cli(['init', join(root, 'v'), '--passphrase-file', file], {});
    expect(made.code).toBe(2);
    expect(made.err).toBe(
      `attune: The passphrase file ${file} is not UTF-8 text: save it as UTF-8 (or UTF-16) and try again.`,
    );
    expect(await readdir(root)).toEqual(['latin1.txt']);
  });
});
