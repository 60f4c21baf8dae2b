import { basename, dirname, join, resolve } from 'node:path';
import { AttuneError } from '../../shared/errors';
import { fsyncDir, isTempName } from './atomicWrite';
import { randomHex } from './binary';
import { copyTree, removeTree, writeNewFile } from './folderTree';
import { HEADER_FILE, headerMacValid, readHeader } from './header';
import { zeroKeys } from './keys';
import { placeStagedCopy } from './placeStagedCopy';
import { LOCK_FILE, ProcessLock } from './processLock';
import { unlockKeys } from './unlock';
import { readMarkerFile } from './v2/marker';
import { writeFailure } from './vaultErrors';
import { nodeVaultFs, type VaultFs } from './vaultFs';
import { verifyContents } from './verifyVault';

export interface MoveOptions {
  fs?: VaultFs;
  now?: Date;
  /** Called after each file copied. */
  onFile?: () => void;
}

/** Files of a vault folder that are not copied: the lock and leftovers of interrupted writes. */
const notCopied = (name: string): boolean =>
  name === LOCK_FILE || name === HEADER_FILE || isTempName(name) || /\.stale-[0-9a-f]{8}$/.test(name);

/**
 * Moves a locked vault from `from` to `to` (absent, or an empty folder): every file is copied
 * into a hidden folder beside `to` (each file and folder fsynced, the header last), the copy is
 * verified with the vault's keys, and renamed to `to`. Then `commit` runs — the caller records
 * the new place there (this computer's settings): that is the move's commit point. Only then is
 * the old folder renamed to `<old> (moved YYYY-MM-DD HH-MM)` and kept, so a stale copy is never
 * opened by mistake. The vault's process lock is held from before the copy until the end, so
 * nothing is written to the old folder meanwhile. A crash before `commit` finishes leaves the
 * vault at the old place; after it, at the new one.
 */
export async function moveVaultFolder(
  from: string,
  to: string,
  passphrase: string,
  commit: () => Promise<void>,
  options: MoveOptions = {},
): Promise<{ keptAside: string }> {
  const fs = options.fs ?? nodeVaultFs;
  const source = resolve(from);
  const target = resolve(to);
  const header = await readHeader(fs, source);
  const { keys } = await unlockKeys(header, { passphrase });
  let lock: ProcessLock | null = null;
  const staging = join(dirname(target), `.${basename(target)}.attune-moving-${randomHex(4)}`);
  let staged = false;
  try {
    if (!headerMacValid(keys.headerMac, header)) {
      throw new AttuneError(
        'integrity',
        'The vault header was altered, so the vault was not moved. Run a vault check and restore the vault from a backup.',
      );
    }
    lock = await ProcessLock.acquire(fs, source);
    await removeStaleStaging(fs, target);
    staged = true;
    const headerBytes = await readMarkerFile(fs, source);
    try {
      await copyTree(fs, source, staging, notCopied, options.onFile);
      // The header last: until it is there, the copy is not a vault.
      await writeNewFile(fs, join(staging, HEADER_FILE), headerBytes);
      await fsyncDir(fs, staging);
    } catch (error) {
      throw writeFailure(error);
    }
    const report = await verifyContents(fs, staging, header, keys);
    if (!report.ok) {
      throw new AttuneError(
        'integrity',
        `The copy in the new folder did not pass its check (${report.problems[0]?.problem}), so the vault was not moved. It is unchanged at its old place.`,
      );
    }
    return await placeStagedCopy(fs, {
      staging,
      target,
      source,
      now: options.now ?? new Date(),
      commit,
      onPlaced: () => {
        staged = false;
      },
      afterAside: (keptAside) => fs.unlink(join(keptAside, LOCK_FILE)).catch(() => undefined),
    });
  } finally {
    zeroKeys(keys);
    if (staged) await removeTree(fs, staging).catch(() => undefined);
    await lock?.release();
  }
}

/** Hidden copies an interrupted move to the same folder left beside it: never part of a vault. */
async function removeStaleStaging(fs: VaultFs, target: string): Promise<void> {
  const prefix = `.${basename(target)}.attune-moving-`;
  const names = await fs.readdir(dirname(target)).catch(() => [] as string[]);
  for (const name of names) {
    if (name.startsWith(prefix) && /^[0-9a-f]{8}$/.test(name.slice(prefix.length))) {
      await removeTree(fs, join(dirname(target), name)).catch(() => undefined);
    }
  }
}
