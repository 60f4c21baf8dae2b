import { join, sep } from 'node:path';
import { fsyncDir } from './atomicWrite';
import { AUDIT_FILE } from './auditLog';
import { writeDurably } from './backup';
import { type BackupSidecar, SIDECAR_FILE, serializeSidecar } from './backupSidecar';
import { randomHex, sha256Hex } from './binary';
import { inParallel, removeFolder } from './dirs';
import { type GenerationOnDisk, rememberSidecar } from './generationsOnDisk';
import { HEADER_FILE, serializeHeader, type VaultHeader } from './header';
import { JOURNAL_FILE } from './journal';
import type { VaultKeys } from './keys';
import { MANIFEST_FILE } from './manifest';
import { RECORDS_DIR } from './recordCodec';
import type { RecordEntry, VaultState } from './state';
import { readFailure } from './vaultErrors';
import { errorCode, type VaultFs } from './vaultFs';
import type { VerifyReport } from './vaultTypes';
import { verifyCopiedFiles } from './verifyGeneration';
import { verifyContents } from './verifyVault';

/** A vault that has just been checkpointed: every record file is current and the journal empty. */
export interface BackupSource {
  fs: VaultFs;
  dir: string;
  header: VaultHeader;
  keys: VaultKeys;
  state: VaultState;
}

export interface WrittenGeneration {
  name: string;
  createdAt: string;
  copiedFiles: number;
  linkedFiles: number;
  bytesCopied: number;
  verify: VerifyReport;
  /** Whether every file was decrypted ('full'), or only the files copied this time. */
  verified: 'full' | 'changed-files';
  /** Record files in the vault that did not match the manifest's hash (the vault needs a check). */
  damagedInVault: number;
  writeMs: number;
  verifyMs: number;
}

// Where hard links are not possible (FAT and exFAT drives, some network shares, another device):
// copy instead.
const LINK_UNSUPPORTED = new Set(['EXDEV', 'EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'EMLINK', 'ENOSYS']);

/**
 * Builds one generation under a `.partial-` name, verifies it, and renames it into place if it
 * verified (the commit point). Record files whose SHA-256 in the previous generation's sidecar
 * equals the manifest's are hard-linked from it; the rest are copied. With `fullVerifyAt` (the
 * time of the last full check this generation's links go back to) only the files copied now are
 * decrypted, see verifyCopiedFiles; without it every file is. On failure the partial folder is
 * removed when possible; a verify failure is returned, other failures thrown.
 */
/**
 * The end of writing a generation, the same for both formats: a checked one is kept under its
 * own name (the commit point: under that name a generation is complete and verified), with its
 * sidecar remembered; one that failed its check is removed. Returns `written` either way.
 */
export async function settleGeneration(
  fs: VaultFs,
  partial: string,
  setDir: string,
  sidecar: BackupSidecar,
  written: WrittenGeneration,
): Promise<WrittenGeneration> {
  if (!written.verify.ok) {
    await removeFolder(fs, partial).catch(() => undefined);
    return written;
  }
  await fs.rename(partial, join(setDir, written.name));
  await fsyncDir(fs, setDir);
  await rememberSidecar(fs, join(setDir, written.name), sidecar);
  return written;
}

export async function writeGeneration(
  src: BackupSource,
  setDir: string,
  name: string,
  now: Date,
  previous: GenerationOnDisk | null,
  fullVerifyAt: string | null,
  onProgress: ((done: number, total: number) => void) | undefined,
): Promise<WrittenGeneration> {
  const { fs, state } = src;
  const partial = join(setDir, `${name}.partial-${randomHex(4)}`);
  const entries = [...state.records.values()];
  const files: Record<string, string> = {};
  const copied = new Set<string>();
  let linkedFiles = 0;
  let bytesCopied = 0;
  let damagedInVault = 0;
  let done = 0;
  const step = Math.max(1, Math.floor(entries.length / 100));
  const progress = () => {
    done++;
    if (onProgress && (done % step === 0 || done === entries.length)) onProgress(done, entries.length);
  };

  const started = performance.now();
  try {
    await fs.mkdir(partial, { mode: 0o700 });
    await fs.mkdir(join(partial, RECORDS_DIR), { mode: 0o700 });
    for (const entry of entries) files[`${RECORDS_DIR}/${entry.file}`] = entry.hash;
    const toCopy = previous ? await linkUnchanged(fs, previous, partial, entries, progress) : entries;
    linkedFiles = entries.length - toCopy.length;
    const readVaultFile = async (file: string) => {
      try {
        return await fs.readFile(join(src.dir, file));
      } catch (error) {
        throw readFailure(error, file);
      }
    };
    const copyRecord = async (entry: RecordEntry) => {
      const bytes = await readVaultFile(`${RECORDS_DIR}/${entry.file}`);
      if (sha256Hex(bytes) !== entry.hash) damagedInVault++;
      await writeDurably(fs, join(partial, RECORDS_DIR, entry.file), bytes);
      copied.add(entry.file);
      bytesCopied += bytes.length;
      progress();
    };
    const copyVaultFile = async (file: string) => {
      let bytes = file === JOURNAL_FILE ? Buffer.alloc(0) : await readVaultFile(file);
      // Only the part of the audit log the manifest vouches for; the rest is an unfinished checkpoint.
      if (file === AUDIT_FILE) bytes = bytes.subarray(0, state.auditBytes);
      await writeDurably(fs, join(partial, file), bytes);
      files[file] = sha256Hex(bytes);
      bytesCopied += bytes.length;
    };
    // All in parallel: the file system joins concurrent fsyncs into fewer journal commits. Order
    // inside the partial folder does not matter; only its rename makes a generation.
    const tasks: Array<() => Promise<void>> = [
      ...[MANIFEST_FILE, AUDIT_FILE, JOURNAL_FILE].map((file) => () => copyVaultFile(file)),
      ...toCopy.map((entry) => () => copyRecord(entry)),
    ];
    await inParallel(tasks, 8, (task) => task());
    await fsyncDir(fs, join(partial, RECORDS_DIR));
    const createdAt = now.toISOString();
    const verified = fullVerifyAt === null ? 'full' : 'changed-files';
    const sidecar: BackupSidecar = {
      vaultId: src.header.vaultId.toString('hex'),
      generation: name,
      createdAt,
      verified,
      fullVerifyAt: fullVerifyAt ?? createdAt,
      files,
    };
    await writeDurably(fs, join(partial, SIDECAR_FILE), serializeSidecar(sidecar));
    // The header last: until it is there, not even the partial folder is a vault.
    await writeDurably(fs, join(partial, HEADER_FILE), serializeHeader(src.header));
    await fsyncDir(fs, partial);

    const writeMs = performance.now() - started;
    const verify =
      verified === 'full'
        ? await verifyContents(fs, partial, src.header, src.keys)
        : await verifyCopiedFiles(fs, partial, src.header, src.keys, { entries, files, copied });
    const verifyMs = performance.now() - started - writeMs;
    const written = {
      name,
      createdAt,
      copiedFiles: copied.size,
      linkedFiles,
      bytesCopied,
      verify,
      verified,
      damagedInVault,
      writeMs,
      verifyMs,
    } as const;
    return await settleGeneration(fs, partial, setDir, sidecar, written);
  } catch (error) {
    // Best effort: whatever is left keeps its .partial- name and is removed by the next backup.
    await removeFolder(fs, partial).catch(() => undefined);
    throw error;
  }
}

/**
 * Hard-links each record file whose hash the previous generation's sidecar lists unchanged; returns
 * the entries still to copy. Links are made synchronously in slices of a few milliseconds,
 * yielding between slices: for thousands of files that is about twice as fast as async calls.
 */
async function linkUnchanged(
  fs: VaultFs,
  previous: GenerationOnDisk,
  partial: string,
  entries: RecordEntry[],
  progress: () => void,
): Promise<RecordEntry[]> {
  const known = previous.sidecar?.files ?? {};
  const toCopy: RecordEntry[] = [];
  let linking = true;
  let tried = 0;
  let sliceStart = performance.now();
  // Plain concatenation: path.join for each of thousands of files costs a third of the links.
  const from = `${join(previous.dir, RECORDS_DIR)}${sep}`;
  const to = `${join(partial, RECORDS_DIR)}${sep}`;
  for (const entry of entries) {
    if (!linking || known[`${RECORDS_DIR}/${entry.file}`] !== entry.hash) {
      toCopy.push(entry);
      continue;
    }
    if (++tried % 256 === 0 && performance.now() - sliceStart > 8) {
      await new Promise((resolve) => setImmediate(resolve));
      sliceStart = performance.now();
    }
    try {
      fs.linkSync(from + entry.file, to + entry.file);
      progress();
    } catch (error) {
      const code = errorCode(error);
      if (code && LINK_UNSUPPORTED.has(code))
        linking = false; // the drive cannot link: copy the rest
      else if (code !== 'ENOENT') throw error; // ENOENT: gone from the previous generation: copy it
      toCopy.push(entry);
    }
  }
  return toCopy;
}
