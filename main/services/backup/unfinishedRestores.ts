import { lstat, readdir, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Folders a restore prepares the new vault in, beside the vault folder: `vault.restoring-<hex>`. */
const PREPARING = /\.restoring-[0-9a-f]{8}$/;

/** The folder a restore of `vaultDir` prepares its copy in (removed by `removeUnfinishedRestores` if it is cut short). */
export const preparingDir = (vaultDir: string, hex: string): string => `${vaultDir}.restoring-${hex}`;

/**
 * Removes folders an interrupted restore left beside the vault: a full encrypted copy of the
 * records (the backup still holds them), perhaps in a synced parent folder. A restore removes
 * them before it starts; an unlock removes those untouched for `olderThanMs`, since a restore
 * run by another Attune process (the command line) may be preparing one at that moment.
 * `rm` never follows a link named like one (it removes the link).
 */
export async function removeUnfinishedRestores(
  vaultDir: string,
  options: { olderThanMs?: number; now?: number } = {},
): Promise<void> {
  const parent = dirname(vaultDir);
  const names = await readdir(parent).catch(() => [] as string[]);
  for (const name of names) {
    if (!name.startsWith(basename(vaultDir)) || !PREPARING.test(name)) continue;
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
