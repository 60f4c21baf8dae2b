import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { VaultSession } from '../../../../main/services/VaultSession';
import { Vault } from '../../../../main/vault/Vault';
import { makeVault, PASS } from '../serviceKit';

// Counts the passphrase KDF's runs; each still runs the real Argon2id (a pass-through, not a stand-in).
const runs = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../../../main/vault/argon2Worker', async (original) => {
  const real = await original<typeof import('../../../../main/vault/argon2Worker')>();
  return {
    ...real,
    argon2idInWorker: (...args: Parameters<typeof real.argon2idInWorker>) => {
      runs.count++;
      return real.argon2idInWorker(...args);
    },
  };
});

describe('the upgrade at unlock runs the passphrase KDF once (issue 11)', () => {
  it('upgrading a format-1 vault and opening the result derive the key once; the next unlock once again', async () => {
    const made = await makeVault(undefined, 1);
    const seeded = await Vault.open(made.location, { passphrase: PASS });
    await seeded.put('note', 'n1', { text: 'kept' });
    await seeded.lock();

    const session = new VaultSession(made.location, () => undefined);
    onTestFinished(() => session.lock('quit').then(() => undefined));
    runs.count = 0;
    const status = await session.unlock({ passphrase: PASS });
    expect(status.format1Copy).toBeDefined();
    expect(session.vault.format).toBe(2);
    expect(session.vault.list('note')).toHaveLength(1);
    // Before: opening format 1, the new slot's fresh salt and opening format 2 each ran it (3).
    expect(runs.count).toBe(1);

    await session.lock('user');
    runs.count = 0;
    await session.unlock({ passphrase: PASS });
    expect(runs.count).toBe(1);
  });
});
