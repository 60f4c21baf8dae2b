import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { AttuneError } from '../../../../shared/errors';
import { upgradeFailedNotice } from '../../../../main/services/upgrade/upgradeFailedNotice';
import { VaultSession } from '../../../../main/services/VaultSession';
import { FaultyFs, fsError } from '../../../../main/vault/faults';
import { Vault } from '../../../../main/vault/Vault';
import { makeVault, PASS } from '../serviceKit';

const versionOf = async (dir: string) =>
  JSON.parse(await readFile(join(dir, 'attune-vault.json'), 'utf8')).version as number;

describe('a failed upgrade at unlock tells the user (issue 11)', () => {
  it('a full disk during the upgrade: the unlock answers with a notice in plain words, and the vault opens in format 1 with its notes', async () => {
    const made = await makeVault(undefined, 1);
    const seeded = await Vault.open(made.location, { passphrase: PASS });
    for (let i = 0; i < 5; i++) await seeded.put('note', `n${i}`, { i });
    await seeded.lock();

    // The disk fills at the upgrade's third write (the copy of the format-1 folder) and stays full.
    const fs = new FaultyFs();
    fs.arm({ at: 3, mode: 'crash', error: () => fsError('ENOSPC'), only: (op) => op === 'write' });
    const session = new VaultSession(made.location, () => undefined, 1500, { upgradeFs: fs });
    onTestFinished(() => session.lock('quit').then(() => undefined));

    const status = await session.unlock({ passphrase: PASS });
    expect(fs.fired).toBe(true);
    expect(status.state).toBe('unlocked');
    expect(status.format1Copy).toBeUndefined();
    expect(status.upgradeFailed).toMatch(
      /^Attune could not upgrade this vault to the new format: the disk is full\. The vault is unchanged and opens as before; free some space .* Your notes are safe and open as before/s,
    );
    expect(status.upgradeFailed).toMatch(/tries the upgrade again each time you unlock/);
    // It opened as before, every note there, and nothing was left beside it.
    expect(session.vault.format).toBe(1);
    expect(session.vault.list('note')).toHaveLength(5);
    expect(await versionOf(made.location)).toBe(1);
    expect(
      (await readdir(join(made.location, '..'))).filter((n) => n.startsWith('vault') || n.startsWith('.')),
    ).toEqual(['vault']);

    // With room on the disk again, the next unlock upgrades and says nothing of the failure.
    await session.lock('user');
    fs.disarm();
    const next = await session.unlock({ passphrase: PASS });
    expect(next.upgradeFailed).toBeUndefined();
    expect(next.format1Copy).toMatch(/vault \(format 1 copy /);
    expect(session.vault.format).toBe(2);
  });

  it('words any failure as what happened, that the notes are safe, and what happens next', () => {
    const said = upgradeFailedNotice(
      new AttuneError('integrity', 'The copy of the vault made before upgrading did not pass its check.'),
    );
    expect(said).toBe(
      'Attune could not upgrade this vault to the new format: the copy of the vault made before upgrading did not pass its check. Your notes are safe and open as before, in the old format. Attune tries the upgrade again each time you unlock with your passphrase; until it succeeds, use this vault on this computer only (the old format cannot be shared through a synced folder).',
    );
    // Not an AttuneError (a bug, say): still a sentence, with what went wrong.
    expect(upgradeFailedNotice(new Error('boom'))).toMatch(
      /^Attune could not upgrade this vault to the new format: something unexpected went wrong \(boom\)\. Your notes are safe/,
    );
  });
});
