import { basename, dirname, join, resolve } from 'node:path';
import { AttuneError } from '../../../shared/errors';
import { fsyncDir } from '../atomicWrite';
import { randomHex } from '../binary';
import { removeTree } from '../folderTree';
import { ProcessLock } from '../processLock';
import { finishInterruptedSwitch, freeAsideName } from '../switchVaultFolder';
import { isNotFound, nodeVaultFs, type VaultFs } from '../vaultFs';
import { MARKER_FILE, parseMarker, readMarkerFile } from './marker';

/*
 * The folders an upgrade from format 1 makes beside the vault (FORMAT.md §14), all in its
 * parent folder. The hidden ones are work in progress; only the kept copy has a name meant for
 * the user:
 *   .<vault>.format1-copy-<8 hex>      the copy of the format-1 vault, until the upgrade is done
 *   .<vault>.upgrading-<8 hex>         the format-2 vault being written
 *   .<vault>.format1-original-<8 hex>  the format-1 folder switched out (the copy stays instead)
 *   <vault> (format 1 copy YYYY-MM-DD HH-MM)   the verified copy, kept until the user removes it
 */

type Leftover = 'copy' | 'upgrading' | 'original';

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A new work folder of `kind` beside `vaultDir`. */
export function upgradeWorkDir(vaultDir: string, kind: Leftover): string {
  const middle = kind === 'copy' ? 'format1-copy' : kind === 'upgrading' ? 'upgrading' : 'format1-original';
  return join(dirname(vaultDir), `.${basename(vaultDir)}.${middle}-${randomHex(4)}`);
}

/** The work folders of earlier upgrades of `vaultDir` lying beside it, by kind. */
async function leftovers(fs: VaultFs, vaultDir: string): Promise<Record<Leftover, string[]>> {
  const found: Record<Leftover, string[]> = { copy: [], upgrading: [], original: [] };
  const pattern = new RegExp(
    `^\\.${escapeRegExp(basename(vaultDir))}\\.(format1-copy|upgrading|format1-original)-[0-9a-f]{8}$`,
  );
  let names: string[];
  try {
    names = await fs.readdir(dirname(vaultDir));
  } catch (error) {
    if (isNotFound(error)) return found;
    throw error;
  }
  for (const name of names.sort()) {
    const m = pattern.exec(name);
    if (!m) continue;
    // Only folders an upgrade made: a symbolic link of that name (a synced folder can bring one) is left alone.
    const stat = await fs.lstat(join(dirname(vaultDir), name)).catch(() => null);
    if (!stat?.isDirectory) continue;
    const kind: Leftover = m[1] === 'format1-copy' ? 'copy' : m[1] === 'upgrading' ? 'upgrading' : 'original';
    found[kind].push(join(dirname(vaultDir), name));
  }
  return found;
}

async function exists(fs: VaultFs, path: string): Promise<boolean> {
  try {
    await fs.stat(path);
    return true;
  } catch (error) {
    if (isNotFound(error)) return false;
    throw error;
  }
}

/** `vault (format 1 copy 2026-12-03 11-40)`, then ` 2)`, ` 3)`...: a free name a user understands, listed with the other kept-aside folders. */
export const freeCopyName = (fs: VaultFs, vaultDir: string, now: Date): Promise<string> =>
  freeAsideName(fs, vaultDir, 'format 1 copy', now);

/**
 * Once the format-2 vault is in place: the format-1 folder switched out is removed (the verified
 * copy holds the same files), its header first so that a removal cut short never looks like a
 * vault; then the copy gets its name for the user. Should no copy be waiting, a complete switched
 * out folder is kept under that name instead: the format-1 files are never all gone. Partial
 * format-2 folders are removed. Returns the kept copy's path (null if none was waiting).
 */
export async function finishUpgradeFolders(fs: VaultFs, vaultDir: string, now: Date): Promise<string | null> {
  const found = await leftovers(fs, vaultDir);
  let kept: string | null = null;
  let originals = found.original;
  if (found.copy.length === 0) {
    for (const original of originals) {
      if (!(await exists(fs, join(original, MARKER_FILE)))) continue;
      kept = await freeCopyName(fs, vaultDir, now);
      await fs.rename(original, kept);
      originals = originals.filter((o) => o !== original);
      break;
    }
  }
  for (const original of originals) {
    await fs.unlink(join(original, MARKER_FILE)).catch((error: unknown) => {
      if (!isNotFound(error)) throw error;
    });
    await removeTree(fs, original);
  }
  for (const copy of found.copy) {
    kept = await freeCopyName(fs, vaultDir, now);
    await fs.rename(copy, kept);
  }
  for (const dir of found.upgrading) await removeTree(fs, dir);
  if (kept) await fsyncDir(fs, dirname(vaultDir));
  return kept;
}

/**
 * Before an upgrade starts, with the format-1 vault's lock held: what an interrupted one left is
 * thrown away (it is restarted, never resumed; the vault itself was not touched).
 */
export async function discardUpgradeLeftovers(fs: VaultFs, vaultDir: string): Promise<void> {
  const found = await leftovers(fs, vaultDir);
  const all = [...found.copy, ...found.upgrading, ...found.original];
  for (const dir of all) await removeTree(fs, dir);
  if (all.length > 0) await fsyncDir(fs, dirname(vaultDir));
}

export type UpgradeRecovery = 'busy' | 'format-1' | 'format-2' | 'none';

/**
 * Finishes or undoes what an interrupted upgrade left, at any start or unlock: a folder switch
 * cut between its renames is completed or put back first (FORMAT-v1.md §16); then, with a format-2
 * vault in place, the upgrade is finished (the copy named, the old folder removed); with the
 * format-1 vault still in place, the partial work is removed (unless the vault is in use).
 */
export async function recoverInterruptedUpgrade(
  vaultDir: string,
  fs: VaultFs = nodeVaultFs,
  now: Date = new Date(),
): Promise<UpgradeRecovery> {
  const root = resolve(vaultDir);
  if ((await finishInterruptedSwitch(root, fs)) === 'busy') return 'busy';
  let version: 1 | 2;
  try {
    version = parseMarker(await readMarkerFile(fs, root)).version;
  } catch {
    return 'none'; // no vault here, or one damaged: nothing of an upgrade to finish
  }
  if (version === 2) {
    await finishUpgradeFolders(fs, root, now);
    return 'format-2';
  }
  let lock: ProcessLock;
  try {
    lock = await ProcessLock.acquire(fs, root);
  } catch (error) {
    // In use: its owner tidies. Not writable (a full disk): tidying waits for the next time.
    return error instanceof AttuneError && error.kind === 'in-use' ? 'busy' : 'format-1';
  }
  try {
    await discardUpgradeLeftovers(fs, root);
  } finally {
    await lock.release();
  }
  return 'format-1';
}
