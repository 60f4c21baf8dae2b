import { join } from 'node:path';
import { type BackupSidecar, isUnfinishedName, parseSidecar, SIDECAR_FILE } from './backupSidecar';
import { removeFolder } from './dirs';
import { compareGenerationNames, parseGenerationName } from './generationName';
import { HEADER_FILE } from './header';
import { errorCode, isNotFound, type VaultFs } from './vaultFs';

/** A generation folder with its header and sidecar in place (it may still be damaged inside). */
export interface GenerationOnDisk {
  name: string;
  dir: string;
  at: Date;
  /** Null when the sidecar cannot be used; `problem` says why. */
  sidecar: BackupSidecar | null;
  problem: 'damaged' | 'newer-version' | null;
}

/**
 * The complete generations in a backup set, oldest first. A generation is complete when its
 * folder has its final name and holds both the header and the sidecar; anything else (a
 * `.partial-` or `.deleting-` folder, a generation-named folder missing either file) was left by
 * an interrupted backup: skipped, and removed when `removeIncomplete` (only under the set's lock).
 */
export async function readGenerations(
  fs: VaultFs,
  setDir: string,
  options: { removeIncomplete: boolean },
): Promise<GenerationOnDisk[]> {
  let names: string[];
  try {
    names = await fs.readdir(setDir);
  } catch (error) {
    if (isNotFound(error)) return [];
    throw error;
  }
  const found: GenerationOnDisk[] = [];
  for (const name of names) {
    const dir = join(setDir, name);
    if (isUnfinishedName(name)) {
      // Best effort: a leftover that cannot be removed (or that a background removal is
      // removing right now) must not stop the backup.
      if (options.removeIncomplete) await removeFolder(fs, dir).catch(() => undefined);
      continue;
    }
    const parsed = parseGenerationName(name);
    if (!parsed) continue; // the lock file, or something that is not ours
    let sidecarBytes: Buffer | null = null;
    let readProblem = false;
    try {
      sidecarBytes = await fs.readFile(join(dir, SIDECAR_FILE));
      await fs.stat(join(dir, HEADER_FILE));
    } catch (error) {
      if (errorCode(error) === 'ENOTDIR') continue; // a file that happens to have such a name
      if (!isNotFound(error))
        readProblem = true; // unreadable: list it as damaged, keep it
      else {
        if (options.removeIncomplete) await removeFolder(fs, dir).catch(() => undefined);
        continue;
      }
    }
    const read = sidecarBytes && !readProblem ? parseSidecar(sidecarBytes) : { problem: 'damaged' as const };
    found.push({
      name,
      dir,
      at: parsed.at,
      sidecar: 'sidecar' in read ? read.sidecar : null,
      problem: 'problem' in read ? read.problem : null,
    });
  }
  return found.sort((a, b) => compareGenerationNames(a.name, b.name));
}
