import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HEADER_FILE } from '../../../main/vault/header';
import { Vault } from '../../../main/vault/Vault';
import { expectKind, hashTree, newVault, PASS } from './kit';

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
