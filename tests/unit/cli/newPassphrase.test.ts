/**
 * Every command that sets a vault passphrase (init, passwd, recover, demo) applies the app's rule
 * (shared/domain/passphraseRule): a passphrase the app refuses is refused here too, exit 2.
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../../main/cli/CliIo';
import { runCli } from '../../../main/cli/runCli';
import { DeviceConfigStore } from '../../../main/services/device/DeviceConfigStore';
import { openVaultAs } from '../../../main/services/device/openVaultAs';
import { ThisDevice } from '../../../main/services/device/ThisDevice';
import { Vault } from '../../../main/vault/Vault';
import { MIN_PASSPHRASE_LENGTH, passphraseProblem } from '../../../shared/domain/passphraseRule';
import { tempDir } from '../helpers/tempDir';
import { CLI_DATA_DIR, cli, PASSPHRASE, TEST_KDF } from './cliTestKit';

const tooShort = `attune: ${passphraseProblem('x')}`;
/** Nine characters however they are typed: 18 UTF-16 units, or e + combining accent. */
const nineEmoji = '🙂'.repeat(9);
const nineDecomposed = `${'e\u0301'.repeat(5)}abcd`;
const exactlyTen = `${'é'.repeat(5).normalize('NFD')}abcde`;

async function secretFile(dir: string, name: string, line: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, `${line}\n`);
  return path;
}

/** A vault with the test KDF; returns its folder and recovery key. */
async function vaultWithKey(root: string): Promise<{ dir: string; keyFile: string }> {
  const dir = join(root, 'vault');
  const { vault, recoveryKey } = await Vault.create(dir, PASSPHRASE, { kdf: TEST_KDF });
  await vault.lock();
  return { dir, keyFile: await secretFile(root, 'recovery.txt', recoveryKey) };
}

async function opensWith(dir: string, passphrase: string): Promise<boolean> {
  try {
    // Either format: init makes format 2, the other tests' vaults are format 1.
    const device = new ThisDevice(new DeviceConfigStore(CLI_DATA_DIR));
    await (await openVaultAs(dir, { passphrase }, device)).lock();
    return true;
  } catch {
    return false;
  }
}

describe('new passphrases on the command line', () => {
  it('the rule counts code points after NFC, and these test passphrases sit either side of it', () => {
    expect(MIN_PASSPHRASE_LENGTH).toBe(10);
    expect(passphraseProblem(nineEmoji)).toMatch(/at least 10 characters/);
    expect(passphraseProblem(nineDecomposed)).toMatch(/at least 10 characters/);
    expect(exactlyTen.length).toBe(15);
    expect(passphraseProblem(exactlyTen)).toBeNull();
  });

  it('init refuses a short passphrase from the environment or a file, exit 2, and creates nothing', async () => {
    const root = await tempDir();
    const dir = join(root, 'vault');
    for (const env of ['x', 'short', nineEmoji, nineDecomposed]) {
      expect(await cli(['init', dir], { ATTUNE_PASSPHRASE: env })).toMatchObject({
        code: 2,
        err: tooShort,
        out: '',
      });
    }
    const file = await secretFile(root, 'pass.txt', 'abc');
    expect(await cli(['init', dir, '--passphrase-file', file])).toMatchObject({ code: 2, err: tooShort });
    expect(existsSync(dir)).toBe(false);
  });

  it('init accepts 10 characters (counted after NFC) and the vault opens with them', async () => {
    const dir = join(await tempDir(), 'vault');
    const result = await cli(['init', dir], { ATTUNE_PASSPHRASE: exactlyTen });
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(await opensWith(dir, exactlyTen)).toBe(true);
  });

  it('init asks once, not twice, when the first prompt is too short', async () => {
    const dir = join(await tempDir(), 'vault');
    const prompts: string[] = [];
    const err: string[] = [];
    const io: CliIo = {
      out: () => undefined,
      err: (text) => err.push(text),
      env: {},
      promptSecret: async (prompt) => {
        prompts.push(prompt);
        return 'tiny';
      },
    };
    expect(await runCli(['init', dir], io)).toBe(2);
    expect(prompts).toEqual(['New passphrase: ']);
    expect(err).toEqual([tooShort]);
  });

  it('passwd refuses a short new passphrase, exit 2, and the old one still opens the vault', async () => {
    const root = await tempDir();
    const { dir } = await vaultWithKey(root);
    const file = await secretFile(root, 'new.txt', nineEmoji);
    expect(await cli(['passwd', dir, '--new-passphrase-file', file])).toMatchObject({
      code: 2,
      err: tooShort,
    });
    expect(
      await cli(['passwd', dir], { ATTUNE_PASSPHRASE: PASSPHRASE, ATTUNE_NEW_PASSPHRASE: 'short' }),
    ).toMatchObject({ code: 2, err: tooShort });
    expect(await opensWith(dir, PASSPHRASE)).toBe(true);

    const ok = await cli([
      'passwd',
      dir,
      '--new-passphrase-file',
      await secretFile(root, 'ten.txt', exactlyTen),
    ]);
    expect(ok).toMatchObject({ code: 0, err: '' });
    expect(await opensWith(dir, exactlyTen)).toBe(true);
  });

  it('recover refuses a short new passphrase, exit 2, and the old one still opens the vault', async () => {
    const root = await tempDir();
    const { dir, keyFile } = await vaultWithKey(root);
    const short = await secretFile(root, 'new.txt', nineDecomposed);
    expect(
      await cli(['recover', dir, '--recovery-key-file', keyFile, '--new-passphrase-file', short], {}),
    ).toMatchObject({ code: 2, err: tooShort });
    expect(
      await cli(['recover', dir, '--recovery-key-file', keyFile], { ATTUNE_NEW_PASSPHRASE: 'x' }),
    ).toMatchObject({ code: 2, err: tooShort });
    expect(await opensWith(dir, PASSPHRASE)).toBe(true);

    const ten = await secretFile(root, 'ten.txt', exactlyTen);
    const ok = await cli(['recover', dir, '--recovery-key-file', keyFile, '--new-passphrase-file', ten], {});
    expect(ok).toMatchObject({ code: 0, err: '' });
    expect(await opensWith(dir, exactlyTen)).toBe(true);
    // A new recovery key is printed; the one just used no longer opens the vault, the new one does.
    expect(ok.out).toContain('NEW recovery key');
    const renewed = /^ {2}(\S.*)$/m.exec(ok.out)?.[1] ?? '';
    expect(renewed).not.toBe('');
    const oldKey = (await readFile(keyFile, 'utf8')).trim();
    expect(renewed).not.toBe(oldKey);
    await expect(Vault.open(dir, { recoveryKey: oldKey })).rejects.toThrow();
    const reopened = await Vault.open(dir, { recoveryKey: renewed });
    await reopened.lock();
  });

  it('demo refuses a short passphrase, exit 2, and creates nothing', async () => {
    const dir = join(await tempDir(), 'demo');
    const result = await cli(['demo', dir, '--clients', '1', '--sessions', '1'], {
      ATTUNE_PASSPHRASE: 'demo',
    });
    expect(result).toMatchObject({ code: 2, err: tooShort, out: '' });
    expect(existsSync(dir)).toBe(false);
  });
});
