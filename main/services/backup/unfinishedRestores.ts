import { lstat, readdir, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Folders a restore prepares the new vault in, beside the vault folder: `vault.restoring-<hex>`. */
const PREPARING = /\.restoring-[0-9a-f]{8}$/;

/** The folder a restore of `vaultDir` prepares its copy in (removed by `removeUnfinishedRestores` if it is cut short). */
export const preparingDir = (vaultDir: string, hex: string): string => `${vaultDir}.restoring-${hex}`;

/**
 * Removes folders an interrupted restore left beside the vault: a full encrypted copy of the
 * records (the backup still holds them), perhaps in a synced parent folder. A restore removes
 * them before it starts; an unlock removes those untouched for `olderThanMs`, since another
 * computer sharing the folder around the vault (a synced parent folder) may be preparing one then.
 * Its files are written into the folder's subfolders, so its own time is when it was begun: an
 * hour is far longer than a restore takes.
 * `rm` never follows a link named like one (it removes the link).
 */
export async function removeUnfinishedRestores(
  vaultDir: string,
  options: { olderThanMs?: number; now?: number } = {},
): Promise<void> {
  const parent = dirname(vaultDir);
  const names = await readdir(parent).catch(() => [] as string[]);
  for (const name of names) {
    // This vault's only: `Attune.restoring-…`, never a sibling's such as `Attune-work.restoring-…`.
    if (!name.startsWith(`${basename(vaultDir)}.restoring-`) || !PREPARING.test(name)) continue;
    const path = join(parent, name);
    if (options.olderThanMs !== undefined) {
      const changed = await lstat(path).then(
        (s) => s.mtimeMs,
        () => null,
      );
      if (changed === null || (options.now ?? Date.now()) - changed < options.olderThanMs) continue;
    }
    await rm(path, { recursive: true, force: true });
  }
}
