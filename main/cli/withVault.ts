import { resolve } from 'node:path';
import type { Vault } from '../vault/Vault';
import type { CliIo } from './CliIo';
import { readPassphrase } from './secrets';

export interface VaultOptions {
  passphraseFile?: string;
}

/** Opens the vault in DIR with the passphrase from the usual sources, runs `work`, and always locks. */
export async function withVault<T>(
  io: CliIo,
  dir: string,
  options: VaultOptions,
  work: (vault: Vault) => Promise<T>,
): Promise<T> {
  const passphrase = await readPassphrase(io, options);
  // Loaded here, not at start, so commands that never open a vault this way start faster.
  const { Vault } = await import('../vault/Vault');
  const vault = await Vault.open(resolve(dir), { passphrase });
  try {
    return await work(vault);
  } finally {
    await vault.lock();
  }
}
