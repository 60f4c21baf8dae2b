import { cp, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FaultyFs, simulateCrash } from '../../../main/vault/faults';
import { HEADER_FILE } from '../../../main/vault/header';
import { Vault } from '../../../main/vault/Vault';
import { AttuneError } from '../../../shared/errors';
import { tempDir } from '../helpers/tempDir';
import { expectKind, hashTree, newVault, PASS } from './kit';

/** True when `secret` opens `dir` (the vault is dropped again without writing). */
async function opensWith(dir: string, secret: { passphrase: string } | { recoveryKey: string }) {
  try {
    simulateCrash(await Vault.open(dir, secret));
    return true;
  } catch (error) {
    expect((error as AttuneError).kind).toBe('wrong-passphrase');
    return false;
  }
}

describe('Vault.renewRecoveryKey', () => {
  it('gives a new key that opens the vault; the old key stops opening it; records are not rewritten', async () => {
    const { dir, vault, recoveryKey: oldKey } = await newVault();
    await vault.put('note', 'n1', { text: 'kept' });
    await vault.lock();
    const open = await Vault.open(dir, { passphrase: PASS });
    const records = await hashTree(join(dir, 'records'));
    const newKey = await open.renewRecoveryKey();
    expect(newKey).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){13}[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(newKey).not.toBe(oldKey);
    await open.lock();
    expect(await hashTree(join(dir, 'records'))).toEqual(records);

    expect(await expectKind(Vault.open(dir, { recoveryKey: oldKey }), 'wrong-passphrase')).toMatch(
      /recovery key is typed correctly but does not open this vault/,
    );
    const byKey = await Vault.open(dir, { recoveryKey: newKey.toLowerCase().replace(/-/g, ' ') });
    expect(await byKey.get('note', 'n1')).toEqual({ text: 'kept' });
    const types = (await byKey.readAudit()).map((e) => e.type);
    expect(types).toContain('recovery-key-renewal');
    expect(types.at(-1)).toBe('recovery');
    await byKey.lock();
    // The passphrase is untouched.
    const byPass = await Vault.open(dir, { passphrase: PASS });
    await byPass.lock();
  });

  it('changes only the recovery slot (and the MAC and checksum) of the header', async () => {
    const { dir, vault } = await newVault();
    const before = JSON.parse(await readFile(join(dir, HEADER_FILE), 'utf8'));
    await vault.renewRecoveryKey();
    const after = JSON.parse(await readFile(join(dir, HEADER_FILE), 'utf8'));
    await vault.lock();
    expect(after.keys.passphrase).toEqual(before.keys.passphrase);
    expect(after.kdf).toEqual(before.kdf);
    expect(after.vaultId).toBe(before.vaultId);
    expect(after.keys.recovery.wrapped).not.toBe(before.keys.recovery.wrapped);
    expect(after.mac).not.toBe(before.mac);
  });

  it('refuses when the vault is locked', async () => {
    const { vault } = await newVault();
    await vault.lock();
    await expectKind(vault.renewRecoveryKey(), 'locked');
  });
});

describe('Vault.renewRecoveryKey and a failure at every file-system step', () => {
  for (const mode of ['crash', 'once'] as const) {
    it(`leaves exactly one working recovery key, the one the user was given [${mode}]`, async () => {
      const { dir: base, vault, recoveryKey: oldKey } = await newVault();
      await vault.put('note', 'n1', { v: 1 });
      await vault.lock();
      let step = 1;
      for (; step < 100; step++) {
        const dir = join(await tempDir(), 'copy');
        await cp(base, dir, { recursive: true });
        const fs = new FaultyFs();
        const v = await Vault.open(dir, { recoveryKey: oldKey }, { fs });
        fs.arm({ at: step, mode });
        let given: string | null = null;
        try {
          given = await v.renewRecoveryKey();
        } catch (error) {
          expect(error).toBeInstanceOf(AttuneError); // never a raw fs error
        }
        const reached = fs.fired;
        simulateCrash(v);
        // Whatever happened, the passphrase opens, and the key that works is one the user has:
        // the new one once it was handed over, the old one otherwise.
        expect(await opensWith(dir, { passphrase: PASS })).toBe(true);
        if (given === null) {
          expect(await opensWith(dir, { recoveryKey: oldKey }), `step ${step}`).toBe(true);
        } else {
          expect(await opensWith(dir, { recoveryKey: given }), `step ${step}`).toBe(true);
          expect(await opensWith(dir, { recoveryKey: oldKey }), `step ${step}`).toBe(false);
        }
        if (!reached) break;
      }
      expect(step).toBeGreaterThan(3);
    });
  }
});
