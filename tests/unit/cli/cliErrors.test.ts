import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/tempDir';
import { cli, makeVault, PASSPHRASE } from './cliTestKit';

describe('attune errors and help', () => {
  it('exits 3 on a wrong passphrase, with one line and nothing exported or imported', async () => {
    const root = await tempDir();
    const vault = await makeVault(join(root, 'v'));
    const wrong = { ATTUNE_PASSPHRASE: `${PASSPHRASE}!` };
    const exported = await cli(['export', vault], wrong);
    expect(exported.code).toBe(3);
    expect(exported.out).toBe('');
    expect(exported.errLines).toHaveLength(1);
    expect(exported.err).toMatch(/^attune: .*passphrase/);

    const file = join(root, 'empty.json');
    expect((await cli(['export', vault, '--out', file])).code).toBe(0);
    expect((await cli(['import', vault, file], wrong)).code).toBe(3);
  });

  it('exits 2 on an unknown command with one line and no stack trace', async () => {
    const result = await cli(['exprot', '/tmp/x']);
    expect(result.code).toBe(2);
    expect(result.errLines).toHaveLength(1);
    expect(result.err).toMatch(/^error: unknown command 'exprot'/);
    expect(result.err).not.toMatch(/\bat .*\.(ts|js):\d+/);
    expect(result.out).toBe('');
  });

  it('names the folder it looked in when it is not a vault (a typed path may be mistyped)', async () => {
    const root = await tempDir();
    const missing = join(root, 'no such vault');
    for (const command of [
      ['verify', missing],
      ['export', missing],
    ]) {
      const result = await cli(command, { ATTUNE_PASSPHRASE: PASSPHRASE });
      expect(result.code).toBe(2);
      expect(result.errLines).toHaveLength(1);
      expect(result.err).toContain(`not an Attune vault`);
      expect(result.err).toContain(`(looked in ${missing})`);
    }
  });

  it('exits 2 when an argument is missing', async () => {
    const result = await cli(['import', '/tmp/only-a-vault']);
    expect(result.code).toBe(2);
    expect(result.err).toContain("missing required argument 'file'");
  });

  it('lists the data commands and the exit codes in --help', async () => {
    const result = await cli(['--help']);
    expect(result.code).toBe(0);
    for (const command of ['export', 'import', 'demo', 'bench', 'init', 'verify'])
      expect(result.out).toContain(command);
    expect(result.out).toContain('Exit codes:');
    for (const code of [
      '0  ok',
      '1  integrity',
      '2  usage',
      '3  wrong passphrase',
      '4  the vault is in use',
    ]) {
      expect(result.out).toContain(code);
    }
    const exportHelp = await cli(['export', '--help']);
    expect(exportHelp.code).toBe(0);
    expect(exportHelp.out).toContain('--include-process-notes');
  });
});
