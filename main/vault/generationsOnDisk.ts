import { join } from 'node:path';
import {
  type BackupSidecar,
  isUnfinishedName,
  parseSidecar,
  SIDECAR_FILE,
  type SidecarRead,
} from './backupSidecar';
import { removeFolder } from './dirs';
import { compareGenerationNames, parseGenerationName } from './generationName';
import { HEADER_FILE } from './header';
import { errorCode, isNotFound, type VaultFs } from './vaultFs';

/**
 * The sidecars read last, by path, with the size, time and inode they had: hourly backups read
 * the previous generation's sidecar (megabytes of JSON for a large vault) which this process
 * usually read or wrote an hour before. A few entries are enough.
 */
const parsedSidecars = new Map<string, { stamp: string; read: SidecarRead }>();

function remember(path: string, stamp: string, read: SidecarRead): void {
  parsedSidecars.delete(path);
  parsedSidecars.set(path, { stamp, read });
  for (const oldest of parsedSidecars.keys()) {
    if (parsedSidecars.size <= 8) break;
    parsedSidecars.delete(oldest);
  }
}

/** A generation folder with its header and sidecar in place (it may still be damaged inside). */
export interface GenerationOnDisk {
  name: string;
  dir: string;
  at: Date;
  /** Whether the sidecar was read (see `sidecars` below); when not, `sidecar` and `problem` are null. */
  read: boolean;
  /** Null when the sidecar cannot be used; `problem` says why. */
  sidecar: BackupSidecar | null;
  problem: 'damaged' | 'newer-version' | null;
}

/**
 * The complete generations in a backup set, oldest first. A generation is complete when its
 * folder has its final name and holds both the header and the sidecar; anything else (a
 * `.partial-` or `.deleting-` folder, a generation-named folder missing either file) was left by
 * an interrupted backup: skipped, and removed when `removeIncomplete` (only under the set's lock).
 * Sidecars list every file (megabytes for a large vault), so a backup reads only the newest
 * usable one (`sidecars: 'newest'`); by default all are read (listing).
 */
export async function readGenerations(
  fs: VaultFs,
  setDir: string,
  options: { removeIncomplete: boolean; sidecars?: 'all' | 'newest' },
): Promise<GenerationOnDisk[]> {
  let names: string[];
  try {
    names = await fs.readdir(setDir);
  } catch (error) {
    if (isNotFound(error)) return [];
    throw error;
  }
  const found: GenerationOnDisk[] = [];
  const stamps = new Map<GenerationOnDisk, string>();
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
    const generation: GenerationOnDisk = {
      name,
      dir,
      at: parsed.at,
      read: false,
      sidecar: null,
      problem: null,
    };
    try {
      const sidecar = await fs.stat(join(dir, SIDECAR_FILE));
      stamps.set(generation, `${sidecar.size}:${sidecar.mtimeMs}:${sidecar.ino}`);
      await fs.stat(join(dir, HEADER_FILE));
    } catch (error) {
      if (errorCode(error) === 'ENOTDIR') continue; // a file that happens to have such a name
      if (isNotFound(error)) {
        if (options.removeIncomplete) await removeFolder(fs, dir).catch(() => undefined);
        continue;
      }
      // Unreadable: list it as damaged, keep it.
      Object.assign(generation, { read: true, problem: 'damaged' });
    }
    found.push(generation);
  }
  found.sort((a, b) => compareGenerationNames(a.name, b.name));
  for (const generation of [...found].reverse()) {
    if (generation.read) continue;
    const path = join(generation.dir, SIDECAR_FILE);
    const stamp = stamps.get(generation);
    const cached = parsedSidecars.get(path);
    let read: SidecarRead;
    if (cached && cached.stamp === stamp) read = cached.read;
    else {
      try {
        read = parseSidecar(await fs.readFile(path));
      } catch {
        read = { problem: 'damaged' };
      }
      if (stamp !== undefined) remember(path, stamp, read);
    }
    generation.read = true;
    if ('sidecar' in read) generation.sidecar = read.sidecar;
    else generation.problem = read.problem;
    if (options.sidecars === 'newest' && generation.sidecar) break;
  }
  return found;
}

/** Remembers the sidecar just written into generation folder `dir`, so the next backup need not read it. */
export async function rememberSidecar(fs: VaultFs, dir: string, sidecar: BackupSidecar): Promise<void> {
  const path = join(dir, SIDECAR_FILE);
  try {
    const stat = await fs.stat(path);
    remember(path, `${stat.size}:${stat.mtimeMs}:${stat.ino}`, { sidecar });
  } catch {
    // Not remembered: the next backup reads it.
  }
}
