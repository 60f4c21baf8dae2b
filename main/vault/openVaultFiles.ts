import { join } from 'node:path';
import { AttuneError } from '../../shared/errors';
import { removeLeftovers } from './dirs';
import { headerMacValid, readHeader, type VaultHeader } from './header';
import { discardInterruptedRotations } from './interruptedRotation';
import { JOURNAL_FILE } from './journal';
import { JournalWriter } from './journalWriter';
import { type VaultKeys, zeroKeys } from './keys';
import { loadState } from './loadState';
import { ProcessLock } from './processLock';
import type { VaultState } from './state';
import { finishInterruptedSwitch } from './switchVaultFolder';
import { unlockKeys, type VaultSecret } from './unlock';
import { readFailure, writeFailure } from './vaultErrors';
import type { VaultFs } from './vaultFs';

/** Everything an open vault holds. */
export interface VaultParts {
  dir: string;
  fs: VaultFs;
  header: VaultHeader;
  keys: VaultKeys;
  state: VaultState;
  journal: JournalWriter;
  lock: ProcessLock;
}

/**
 * Unlocks and loads an existing vault: unwraps the vault key, checks the header MAC, takes the
 * process lock, removes leftovers of interrupted saves, rebuilds the committed state from the
 * manifest and journal, and cuts off a torn journal tail. On failure nothing is left held.
 */
export async function openVaultFiles(
  fs: VaultFs,
  root: string,
  secret: VaultSecret,
): Promise<{ parts: VaultParts; via: 'passphrase' | 'recovery-key' }> {
  // A crash between the two renames of a folder switch (key rotation, restore) leaves the vault
  // folder missing: finish it first, so the vault is found where it belongs.
  await finishInterruptedSwitch(root, fs).catch((error: unknown) => {
    throw writeFailure(error);
  });
  const header = await readHeader(fs, root);
  const { keys, via } = await unlockKeys(header, secret);
  if (!headerMacValid(keys.headerMac, header)) {
    zeroKeys(keys);
    throw new AttuneError(
      'integrity',
      'The vault header was altered (its authentication code does not match), so it cannot be trusted. Restore the vault from a backup.',
    );
  }
  let lock: ProcessLock;
  try {
    lock = await ProcessLock.acquire(fs, root);
  } catch (error) {
    zeroKeys(keys);
    throw error;
  }
  let journalFd: number | undefined;
  try {
    await removeLeftovers(fs, root).catch((error: unknown) => {
      throw writeFailure(error);
    });
    // A partial re-encrypted copy beside the vault is of no use (the rotation restarts afresh).
    await discardInterruptedRotations(fs, root).catch(() => undefined);
    const { state, journal } = await loadState(fs, root, header, keys);
    journalFd = await fs.open(join(root, JOURNAL_FILE), 'r+').catch((error: unknown) => {
      throw readFailure(error, `journal (${JOURNAL_FILE})`);
    });
    if (journal.tornTail) {
      // A crash in the middle of an append: that change never committed, so cut it off.
      await fs.ftruncate(journalFd, journal.end);
      await fs.fdatasync(journalFd);
    }
    return {
      parts: {
        dir: root,
        fs,
        header,
        keys,
        state,
        journal: new JournalWriter(fs, journalFd, journal.end),
        lock,
      },
      via,
    };
  } catch (error) {
    if (journalFd !== undefined) await fs.close(journalFd).catch(() => undefined);
    zeroKeys(keys);
    await lock.release();
    throw writeFailure(error);
  }
}
