import { join } from 'node:path';
import { AttuneError } from '../../shared/errors';
import { fsyncDir } from './atomicWrite';
import { AUDIT_FILE } from './auditLog';
import { writeDurably } from './backup';
import { backupFailure, backupFolderMissing, backupLockWords } from './backupErrors';
import { generationsToKeep } from './backupRetention';
import { BACKUP_ROOT, backupSetDir, SIDECAR_FILE, serializeSidecar } from './backupSidecar';
import { randomHex, sha256Hex } from './binary';
import { inParallel, removeFolder } from './dirs';
import { readGenerations, type GenerationOnDisk } from './generationsOnDisk';
import { generationName } from './generationName';
import { HEADER_FILE, serializeHeader, type VaultHeader } from './header';
import { JOURNAL_FILE } from './journal';
import type { VaultKeys } from './keys';
import { MANIFEST_FILE } from './manifest';
import { ProcessLock } from './processLock';
import { RECORDS_DIR } from './recordCodec';
import type { RecordEntry, VaultState } from './state';
import { readFailure } from './vaultErrors';
import { errorCode, isNotFound, type VaultFs } from './vaultFs';
import type { VerifyReport } from './vaultTypes';
import { verifyContents } from './verifyVault';

export { RETENTION, type Retention, generationsToKeep } from './backupRetention';
export { BACKUP_ROOT, SIDECAR_FILE, backupSetDir } from './backupSidecar';
export { findBackupSets, type GenerationListing, listBackupGenerations } from './listBackups';
export { restoreGeneration } from './restoreGeneration';

export interface BackupResult {
  /** Folder name of the new generation, e.g. '2026-12-02T14-05-09Z'. */
  generation: string;
  createdAt: string;
  /** Record files copied (changed since the previous generation, or no previous one to link to). */
  copiedFiles: number;
  /** Record files hard-linked from the previous generation (unchanged). */
  linkedFiles: number;
  /** Bytes written: copied records plus the manifest and audit log, which every generation holds anew. */
  bytesCopied: number;
  /** The check run on the copy after writing (verifyContents). */
  verify: VerifyReport;
  /** Generations removed by retention. */
  pruned: string[];
}

export interface BackupOptions {
  /** The time the backup is made at (tests use a fake clock). */
  now?: Date;
  /** Record files written or linked so far, of the total; the verify step follows. */
  onProgress?: (done: number, total: number) => void;
}

/** A vault that has just been checkpointed: every record file is current and the journal empty. */
export interface BackupSource {
  fs: VaultFs;
  dir: string;
  header: VaultHeader;
  keys: VaultKeys;
  state: VaultState;
}

/** What writing a generation found, beyond the result: records whose bytes in the vault are damaged. */
export interface GenerationWrite {
  result: BackupResult;
  /** Record files in the vault that did not match the manifest's hash (the vault needs a check). */
  damagedInVault: number;
}

// Where hard links are not possible (FAT and exFAT drives, some network shares, another device):
// copy instead.
const LINK_UNSUPPORTED = new Set(['EXDEV', 'EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'EMLINK', 'ENOSYS']);

async function mkdirIfMissing(fs: VaultFs, dir: string): Promise<void> {
  try {
    await fs.mkdir(dir, { mode: 0o700 });
  } catch (error) {
    if (errorCode(error) !== 'EEXIST') throw error;
  }
}

/**
 * Writes a new backup generation of `src` under `<folder>/Attune backups/<vault id>/` (FORMAT.md,
 * "Backups"), verifies it with the vault's keys, and prunes old generations by retention. Holds
 * the backup set's lock throughout. The vault is only read. On failure nothing that looks like a
 * generation is left: the copy is built under a `.partial-` name and renamed into place only
 * once verified. A failed verify is returned (result.verify.ok false), not thrown, so the caller
 * can record it.
 */
export async function writeBackupGeneration(
  src: BackupSource,
  folder: string,
  options: BackupOptions = {},
): Promise<GenerationWrite> {
  const { fs } = src;
  const now = options.now ?? new Date();
  const vaultId = src.header.vaultId.toString('hex');
  const setDir = backupSetDir(folder, vaultId);
  try {
    // Never create the chosen folder itself: when a drive is unplugged its mount point is gone,
    // and creating it would quietly put the backup on the internal disk.
    const stat = await fs.stat(folder);
    if (!stat.isDirectory) {
      throw new AttuneError(
        'invalid-input',
        `The backup folder (${folder}) is a file, not a folder. Choose a folder.`,
      );
    }
  } catch (error) {
    if (isNotFound(error) || errorCode(error) === 'ENOTDIR') throw backupFolderMissing(folder);
    throw backupFailure(error, folder);
  }
  try {
    await mkdirIfMissing(fs, join(folder, BACKUP_ROOT));
    await mkdirIfMissing(fs, setDir);
  } catch (error) {
    throw backupFailure(error, folder);
  }
  const lock = await ProcessLock.acquire(fs, setDir, backupLockWords(setDir, folder));
  try {
    let existing: GenerationOnDisk[];
    try {
      existing = await readGenerations(fs, setDir, { removeIncomplete: true });
    } catch (error) {
      throw backupFailure(error, folder);
    }
    const names = new Set(existing.map((g) => g.name));
    let name = generationName(now);
    for (let n = 2; names.has(name); n++) name = generationName(now, n);

    const previous = existing.findLast((g) => g.sidecar !== null && g.sidecar.vaultId === vaultId) ?? null;
    let written = await writeGeneration(src, setDir, name, now, previous, options.onProgress);
    if (!written.result.verify.ok && written.result.linkedFiles > 0) {
      // A file shared with the previous generation may have rotted on the backup drive since it
      // was verified: copy everything afresh rather than carry the damage forward.
      written = await writeGeneration(src, setDir, name, now, null, options.onProgress);
    }
    if (!written.result.verify.ok) return written;

    const pruned = await prune(
      fs,
      setDir,
      [...existing.filter((g) => g.sidecar).map((g) => g.name), name],
      now,
    );
    return { ...written, result: { ...written.result, pruned } };
  } catch (error) {
    throw backupFailure(error, folder);
  } finally {
    await lock.release();
  }
}

/** Builds one generation under a `.partial-` name, verifies it, and renames it into place if sound. */
async function writeGeneration(
  src: BackupSource,
  setDir: string,
  name: string,
  now: Date,
  previous: GenerationOnDisk | null,
  onProgress: BackupOptions['onProgress'],
): Promise<GenerationWrite> {
  const { fs, state } = src;
  const partial = join(setDir, `${name}.partial-${randomHex(4)}`);
  const entries = [...state.records.values()];
  const files: Record<string, string> = {};
  let copiedFiles = 0;
  let linkedFiles = 0;
  let bytesCopied = 0;
  let damagedInVault = 0;
  let linking = previous !== null;
  let done = 0;
  const step = Math.max(1, Math.floor(entries.length / 100));

  const copyRecord = async (entry: RecordEntry, target: string) => {
    let bytes: Buffer;
    try {
      bytes = await fs.readFile(join(src.dir, RECORDS_DIR, entry.file));
    } catch (error) {
      throw readFailure(error, 'record file');
    }
    if (sha256Hex(bytes) !== entry.hash) damagedInVault++;
    await writeDurably(fs, target, bytes);
    copiedFiles++;
    bytesCopied += bytes.length;
  };
  const linkRecord = async (entry: RecordEntry, target: string): Promise<boolean> => {
    if (!linking || previous?.sidecar?.files[`${RECORDS_DIR}/${entry.file}`] !== entry.hash) return false;
    try {
      await fs.link(join(previous.dir, RECORDS_DIR, entry.file), target);
      linkedFiles++;
      return true;
    } catch (error) {
      const code = errorCode(error);
      if (code && LINK_UNSUPPORTED.has(code)) {
        linking = false; // the drive cannot link: stop asking for the rest of this backup
        return false;
      }
      if (code === 'ENOENT') return false; // removed from the previous generation meanwhile
      throw error;
    }
  };

  try {
    await fs.mkdir(partial, { mode: 0o700 });
    await fs.mkdir(join(partial, RECORDS_DIR), { mode: 0o700 });
    await inParallel(entries, 8, async (entry) => {
      const target = join(partial, RECORDS_DIR, entry.file);
      if (!(await linkRecord(entry, target))) await copyRecord(entry, target);
      files[`${RECORDS_DIR}/${entry.file}`] = entry.hash;
      done++;
      if (onProgress && (done % step === 0 || done === entries.length)) onProgress(done, entries.length);
    });
    await fsyncDir(fs, join(partial, RECORDS_DIR));

    const readVaultFile = async (file: string) => {
      try {
        return await fs.readFile(join(src.dir, file));
      } catch (error) {
        throw readFailure(error, file);
      }
    };
    const manifest = await readVaultFile(MANIFEST_FILE);
    // Only the part of the audit log the manifest vouches for; the rest is an unfinished checkpoint.
    const audit = (await readVaultFile(AUDIT_FILE)).subarray(0, state.auditBytes);
    const journal = Buffer.alloc(0);
    for (const [file, bytes] of [
      [MANIFEST_FILE, manifest],
      [AUDIT_FILE, audit],
      [JOURNAL_FILE, journal],
    ] as const) {
      await writeDurably(fs, join(partial, file), bytes);
      files[file] = sha256Hex(bytes);
      bytesCopied += bytes.length;
    }
    const createdAt = now.toISOString();
    const sidecar = serializeSidecar({
      vaultId: src.header.vaultId.toString('hex'),
      generation: name,
      createdAt,
      verified: 'full',
      files,
    });
    await writeDurably(fs, join(partial, SIDECAR_FILE), sidecar);
    // The header last: until it is there, not even the partial folder is a vault.
    await writeDurably(fs, join(partial, HEADER_FILE), serializeHeader(src.header));
    await fsyncDir(fs, partial);

    const verify = await verifyContents(fs, partial, src.header, src.keys);
    const result: BackupResult = {
      generation: name,
      createdAt,
      copiedFiles,
      linkedFiles,
      bytesCopied,
      verify,
      pruned: [],
    };
    if (!verify.ok) {
      await removeFolder(fs, partial).catch(() => undefined);
      return { result, damagedInVault };
    }
    // The commit point: under its own name, the generation is complete and verified.
    await fs.rename(partial, join(setDir, name));
    await fsyncDir(fs, setDir);
    return { result, damagedInVault };
  } catch (error) {
    // Best effort: whatever is left keeps its .partial- name and is removed by the next backup.
    await removeFolder(fs, partial).catch(() => undefined);
    throw error;
  }
}

/**
 * Removes the generations retention does not keep. Each is first renamed to a `.deleting-` name
 * (the point of deletion), so a removal cut short never leaves a half-empty generation that looks
 * complete. A failure stops pruning without failing the backup: the next one tries again.
 */
async function prune(fs: VaultFs, setDir: string, complete: string[], now: Date): Promise<string[]> {
  const keep = generationsToKeep(complete, now);
  const pruned: string[] = [];
  for (const name of complete) {
    if (keep.has(name)) continue;
    const aside = join(setDir, `${name}.deleting-${randomHex(4)}`);
    try {
      await fs.rename(join(setDir, name), aside);
    } catch {
      break;
    }
    pruned.push(name);
    await removeFolder(fs, aside).catch(() => undefined);
  }
  if (pruned.length > 0) await fsyncDir(fs, setDir).catch(() => undefined);
  return pruned;
}
