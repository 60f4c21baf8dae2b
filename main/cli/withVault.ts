import { resolve } from 'node:path';
import type { OpenVault } from '../vault/OpenVault';
import type { VaultSecret } from '../vault/unlock';
import type { CliIo } from './CliIo';
import { cliDataDir } from './cliDataDir';
import { readPassphrase } from './secrets';

export interface VaultOptions {
  passphraseFile?: string;
}

/**
 * Opens the vault in `dir`, in either format; a format-2 vault as this computer (its id from the
 * app's settings, see cliDataDir), which the app may not have open at the same time.
 */
export async function openCliVault(io: CliIo, dir: string, secret: VaultSecret): Promise<OpenVault> {
  // Loaded here, not at start, so commands that never open a vault this way start faster.
  const [{ openVaultAs }, { ThisDevice }, { DeviceConfigStore }] = await Promise.all([
    import('../services/device/openVaultAs'),
    import('../services/device/ThisDevice'),
    import('../services/device/DeviceConfigStore'),
  ]);
  return openVaultAs(resolve(dir), secret, new ThisDevice(new DeviceConfigStore(cliDataDir(io.env))));
}

/**
 * Creates a vault in `dir` in the app's format (format 2, FORMAT.md) as this computer, the
 * same one the app is (see cliDataDir), so the app opening it carries on as that computer.
 */
export async function createCliVault(
  io: CliIo,
  dir: string,
  passphrase: string,
): Promise<{ vault: OpenVault; recoveryKey: string }> {
  const [{ createSyncedVaultAs }, { ThisDevice }, { DeviceConfigStore }] = await Promise.all([
    import('../services/device/openVaultAs'),
    import('../services/device/ThisDevice'),
    import('../services/device/DeviceConfigStore'),
  ]);
  return createSyncedVaultAs(
    resolve(dir),
    passphrase,
    new ThisDevice(new DeviceConfigStore(cliDataDir(io.env))),
  );
}

/** Opens the vault in DIR with the passphrase from the usual sources, runs `work`, and always locks. */
export async function withVault<T>(
  io: CliIo,
  dir: string,
  options: VaultOptions,
  work: (vault: OpenVault) => Promise<T>,
): Promise<T> {
  const passphrase = await readPassphrase(io, options);
  const vault = await openCliVault(io, dir, { passphrase });
  try {
    return await work(vault);
  } finally {
    await vault.lock();
  }
}
