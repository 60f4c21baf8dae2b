import { execFileSync } from 'node:child_process';
import { lstat, mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateDemo } from '../../../main/services/demo/generateDemo';
import { writeDemo } from '../../../main/services/demo/writeDemo';
import { tempDir } from '../helpers/tempDir';
import { cli, makeVault, PASSPHRASE } from './cliTestKit';

/** A small demo caseload in a test vault; returns the folder and the first client's code. */
async function demoVault(root: string): Promise<{ vault: string; code: string }> {
  const data = generateDemo({ clients: 2, sessionsPerClient: 3, seed: 5 });
  const vault = await makeVault(join(root, 'vault'), (v) => writeDemo(v, data, { batchSize: 50 }));
  return { vault, code: data.clients[0]!.code };
}

/** export --out and review-packet --out never replace a file silently (an outside probe). */
describe('export --out onto a file that is already there', () => {
  it('is refused, the file kept, unless --force is given', async () => {
    const root = await tempDir();
    const { vault } = await demoVault(root);
    const out = join(root, 'export.json');
    await writeFile(out, 'an earlier export, or anything else\n');

    const refused = await cli(['export', vault, '--out', out]);
    expect(refused.code).toBe(2);
    expect(refused.err).toBe(
      `attune: ${out} already exists: choose another name, or add --force to replace it.`,
    );
    expect(await readFile(out, 'utf8')).toBe('an earlier export, or anything else\n');

    const forced = await cli(['export', vault, '--out', out, '--force']);
    expect(forced.code).toBe(0);
    const written = JSON.parse(await readFile(out, 'utf8'));
    expect(written).toMatchObject({ format: 'attune-export' });
    // The summary says what the file holds, in Settings' words (countsText); process notes not asked for are not "0".
    expect(forced.out).toBe(
      `Exported ${written.clients.length} clients, ${written.sessions.length} sessions, ${written.notes.length} notes, ` +
        `${written.templates.length} templates; process notes are left out unless --include-process-notes is given. Written to ${out}.`,
    );
  });

  it('never replaces a folder, a link or a device, even with --force', async () => {
    const root = await tempDir();
    const { vault } = await demoVault(root);
    await mkdir(join(root, 'folder'));
    await writeFile(join(root, 'target.txt'), 'kept');
    await symlink(join(root, 'target.txt'), join(root, 'link.json'));
    // Not /dev/null itself, which the bug replaced: a special file of the test's own.
    execFileSync('mkfifo', [join(root, 'fifo')]);
    for (const [out, what] of [
      [join(root, 'folder'), 'a folder'],
      [join(root, 'link.json'), 'a symbolic link'],
      [join(root, 'fifo'), 'a device or other special file'],
    ] as const) {
      const result = await cli(['export', vault, '--out', out, '--force']);
      expect(result.code).toBe(2);
      expect(result.err).toBe(`attune: ${out} is ${what}, not a file: choose another name.`);
    }
    expect((await lstat(join(root, 'link.json'))).isSymbolicLink()).toBe(true);
    expect((await lstat(join(root, 'fifo'))).isFIFO()).toBe(true);
  });

  it('says so in the help', async () => {
    const help = await cli(['export', '--help']);
    expect(help.out).toMatch(/--force\s+replace the --out file if it already exists/);
  });
});

describe('review-packet --out onto a file that is already there', () => {
  const env = { ATTUNE_PASSPHRASE: PASSPHRASE, ATTUNE_PACKET_PASSPHRASE: 'a packet passphrase to share' };

  it('is refused before any passphrase is asked for, the file kept, unless --force is given', async () => {
    const root = await tempDir();
    const { vault, code } = await demoVault(root);
    const out = join(root, 'case.attune-review');
    await writeFile(out, 'the packet sent last week');

    // No passphrase at all: the refusal comes first.
    const refused = await cli(['review-packet', vault, '--client', code, '--out', out], {});
    expect(refused.code).toBe(2);
    expect(refused.err).toBe(
      `attune: ${out} already exists: choose another name, or add --force to replace it.`,
    );
    expect(await readFile(out, 'utf8')).toBe('the packet sent last week');

    const forced = await cli(['review-packet', vault, '--client', code, '--out', out, '--force'], env);
    expect(forced.err).toContain('separately');
    expect(forced.code).toBe(0);
    expect(await readFile(out, 'utf8')).not.toBe('the packet sent last week');
  }, 60_000);

  it('says so in the help', async () => {
    const help = await cli(['review-packet', '--help']);
    expect(help.out).toMatch(/--force\s+replace the --out file if it already exists/);
  });
});
