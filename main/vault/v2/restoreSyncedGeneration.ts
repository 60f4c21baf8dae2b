import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { AttuneError } from '../../../shared/errors';
import { fsyncDir } from '../atomicWrite';
import { writeDurably } from '../backup';
import { restoreFailure } from '../backupErrors';
import { sha256Hex } from '../binary';
import { ensureEmptyDir, removeFolder } from '../dirs';
import type { GenerationOnDisk } from '../generationsOnDisk';
import { damaged, firstProblem, wrongBackupPassphrase } from '../restoreProblems';
import { isNotFound, type VaultFs } from '../vaultFs';
import type { VerifyReport } from '../vaultTypes';
import { MARKER_FILE } from './marker';
import { checkSyncedCopy, restoredSeen, unlockSyncedFolder } from './openSyncedGeneration';
import type { LocalSeenStore } from './syncedVaultTypes';
import { zeroV2Keys } from './v2Keys';

/**
 * Restores a format-2 backup generation into `target` (absent or empty): checked in full first
 * (every device's frames decrypted and merged; refused when damaged, naming the next older
 * generation), copied file by file as its sidecar lists them (each file's SHA-256 checked on the
 * way), the marker last, and the copy checked again. The result is the vault as it was when the
 * backup was made, with the same vault id and devices. A computer opening it whose own log there
 * is behind what it remembers writing carries on under a new device id (FORMAT.md §9), so the
 * changes it made after the backup, which may still exist in other copies, are never given the
 * same numbers as new ones.
 */
export async function restoreSyncedGeneration(
  fs: VaultFs,
  g: GenerationOnDisk,
  older: GenerationOnDisk | undefined,
  vaultId: Buffer,
  passphrase: string,
  target: string,
  onProgress: ((done: number, total: number) => void) | undefined,
  thisComputer?: RestoringComputer,
): Promise<{ verify: VerifyReport }> {
  const sidecar = g.sidecar;
  if (!sidecar) throw damaged(g, older, 'its list of files cannot be read');
  if (sidecar.vaultId !== vaultId.toString('hex')) throw damaged(g, older, 'it belongs to another vault');
  let unlocked: Awaited<ReturnType<typeof unlockSyncedFolder>>;
  try {
    unlocked = await unlockSyncedFolder(fs, g.dir, vaultId, { passphrase });
  } catch (error) {
    if (error instanceof AttuneError && error.kind === 'wrong-passphrase') throw wrongBackupPassphrase();
    throw damaged(g, older, error instanceof AttuneError ? error.message.replace(/\.$/, '') : String(error));
  }
  try {
    const before = await checkSyncedCopy(fs, g.dir, vaultId, unlocked);
    if (!before.ok) throw damaged(g, older, firstProblem(before));
    const existed = await fs.stat(target).then(
      () => true,
      (error: unknown) => {
        if (isNotFound(error)) return false;
        throw restoreFailure(error, target);
      },
    );
    await ensureEmptyDir(fs, target);
    try {
      await copyGeneration(fs, g, target, onProgress);
      const after = await checkSyncedCopy(fs, target, vaultId, unlocked);
      if (!after.ok) {
        throw new AttuneError(
          'integrity',
          `The restored copy in ${target} did not pass its check (${firstProblem(after)}), so it was removed. The disk may be failing: try another folder.`,
        );
      }
      if (thisComputer) await settleThisComputer(fs, target, vaultId, unlocked, thisComputer);
      return { verify: after };
    } catch (error) {
      // Take back what was written, leaving an empty folder where one was chosen.
      await removeFolder(fs, target).catch(() => undefined);
      if (existed) await fs.mkdir(target, { mode: 0o700 }).catch(() => undefined);
      if (error instanceof GenerationChanged) throw damaged(g, older, error.message);
      throw restoreFailure(error, target);
    }
  } finally {
    zeroV2Keys(unlocked.keys);
  }
}

/** The computer a format-2 backup is restored on, as it knows itself (FORMAT.md §9). */
export interface RestoringComputer {
  deviceHex: string;
  /** What this computer remembers having seen of this vault, outside the vault folder. */
  localSeen: LocalSeenStore;
  /** Keeps the new device id this computer must carry on under in the restored vault. */
  carryOnAs: (deviceHex: string) => Promise<void>;
}

/**
 * After a restore the user chose, this computer's memory of the vault is the restored state: the
 * changes made after the backup are gone by choice, so they are not reported as lost (which, as
 * claims are never lowered, would be reported at every unlock). If this computer had written
 * changes after the backup, it carries on under a new device id: those changes may still exist
 * in other copies, and a new change under the old id would reuse their numbers (a fork).
 */
async function settleThisComputer(
  fs: VaultFs,
  target: string,
  vaultId: Buffer,
  unlocked: Awaited<ReturnType<typeof unlockSyncedFolder>>,
  computer: RestoringComputer,
): Promise<void> {
  const seen = await restoredSeen(fs, target, vaultId, unlocked, new Date());
  const remembered = await computer.localSeen.load().catch(() => null);
  const wrote = remembered?.heads[computer.deviceHex]?.seq ?? 0;
  if (wrote > (seen.heads[computer.deviceHex]?.seq ?? 0)) {
    await computer.carryOnAs(randomBytes(16).toString('hex'));
  }
  await computer.localSeen.save(seen);
}

class GenerationChanged extends Error {}

/** Copies the files the sidecar lists, each checked against its SHA-256, the marker last. */
async function copyGeneration(
  fs: VaultFs,
  g: GenerationOnDisk,
  target: string,
  onProgress: ((done: number, total: number) => void) | undefined,
): Promise<void> {
  const files = Object.entries(g.sidecar?.files ?? {});
  const folders = new Set<string>();
  let done = 0;
  const copy = async (path: string, hash: string) => {
    // The sidecar comes from the backup drive: never write outside the new vault folder.
    const name = path.split('/')[2];
    if (
      path !== MARKER_FILE &&
      (!/^devices\/[0-9a-f]{32}\/[^/\\]+$/.test(path) || name === '.' || name === '..')
    ) {
      throw new GenerationChanged(`its list of files names ${path}, which is not a vault file`);
    }
    const bytes = await fs.readFile(join(g.dir, path));
    if (sha256Hex(bytes) !== hash) throw new GenerationChanged(`${path} changed after it was written`);
    const dest = join(target, path);
    const folder = dirname(dest);
    if (!folders.has(folder)) {
      await fs.mkdir(folder, { mode: 0o700, recursive: true });
      folders.add(folder);
    }
    await writeDurably(fs, dest, bytes);
    done++;
    onProgress?.(done, files.length);
  };
  for (const [path, hash] of files) if (path !== MARKER_FILE) await copy(path, hash);
  for (const folder of [...folders].sort().reverse()) await fsyncDir(fs, folder);
  await fsyncDir(fs, join(target, 'devices'));
  const marker = g.sidecar?.files[MARKER_FILE];
  if (!marker) throw new GenerationChanged('its marker is not listed');
  await copy(MARKER_FILE, marker);
  await fsyncDir(fs, target);
}
