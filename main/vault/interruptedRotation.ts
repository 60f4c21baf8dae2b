import { basename, dirname, join } from 'node:path';
import { fsyncDir } from './atomicWrite';
import { removeTree } from './folderTree';
import { isNotFound, type VaultFs } from './vaultFs';

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The folder a rotation builds the re-encrypted vault in: `<vault>.rotating-<8 hex>`, beside it. */
export const rotatingDirName = (vaultDir: string, hex: string): string =>
  join(dirname(vaultDir), `${basename(vaultDir)}.rotating-${hex}`);

/**
 * Removes what interrupted key rotations left beside `vaultDir`. The vault is never touched
 * before a rotation's switch, so a `.rotating-` folder is only a partial copy: it is thrown away
 * and the next rotation starts afresh (FORMAT-v1.md, "Key rotation"). The caller must hold the
 * vault's process lock (so no rotation is running) and must have run finishInterruptedSwitch
 * (so no switch still needs the folder). A switch's intent file cut off before its atomic
 * rename (`.<vault>.attune-switch.json.tmp-<8 hex>`) goes too: no rename had started then.
 */
export async function discardInterruptedRotations(fs: VaultFs, vaultDir: string): Promise<number> {
  const parent = dirname(vaultDir);
  const base = escapeRegExp(basename(vaultDir));
  const pattern = new RegExp(`^(?:${base}\\.rotating-|\\.${base}\\.attune-switch\\.json\\.tmp-)[0-9a-f]{8}$`);
  let names: string[];
  try {
    names = await fs.readdir(parent);
  } catch (error) {
    if (isNotFound(error)) return 0;
    throw error;
  }
  let removed = 0;
  for (const name of names) {
    if (!pattern.test(name)) continue;
    // A folder, or the one intent file; removeTree removes a symbolic link itself, never its target.
    await removeTree(fs, join(parent, name));
    removed++;
  }
  if (removed > 0) await fsyncDir(fs, parent);
  return removed;
}
