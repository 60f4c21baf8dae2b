import { describe, expect, it, vi } from 'vitest';
import { listBackupGenerations } from '../../../main/vault/backupSet';
import { deriveKek } from '../../../main/vault/kdf';
import { newVault, PASS } from './kit';
import { tempDir } from '../helpers/tempDir';

// Counts key derivations, passing every call through to the real Argon2.
vi.mock('../../../main/vault/kdf', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../main/vault/kdf')>();
  return { ...real, deriveKek: vi.fn(real.deriveKek) };
});

describe('listBackupGenerations', () => {
  it('derives the key once per distinct header, not once per generation', async () => {
    const { vault } = await newVault();
    await vault.put('note', 'n1', { v: 1 });
    const folder = await tempDir();
    const t0 = Date.parse('2026-12-01T10:00:00Z');
    for (let i = 0; i < 5; i++) await vault.backupTo(folder, { now: new Date(t0 + i * 3_600_000) });
    await vault.changePassphrase('another passphrase');
    for (let i = 5; i < 8; i++) await vault.backupTo(folder, { now: new Date(t0 + i * 3_600_000) });
    await vault.lock();

    vi.mocked(deriveKek).mockClear();
    const [set] = await listBackupGenerations(folder, PASS);
    expect(set!.generations).toHaveLength(8);
    expect(set!.generations.filter((g) => g.readable)).toHaveLength(5);
    expect(vi.mocked(deriveKek)).toHaveBeenCalledTimes(2); // two headers: before and after the change
  });
});
