import { join, resolve } from 'node:path';
import { AttuneError } from '../../shared/errors';
import { isTempName } from './atomicWrite';
import { AUDIT_FILE, readAuditChain } from './auditLog';
import { type CheckOptions, checkRecordFiles } from './checkRecordFiles';
import { folderFormat } from './folderFormat';
import { HEADER_FILE, headerMacValid, parseHeader, readHeader, type VaultHeader } from './header';
import { JOURNAL_FILE } from './journal';
import { type VaultKeys, zeroKeys } from './keys';
import { loadState } from './loadState';
import { MANIFEST_FILE } from './manifest';
import { ProcessLock } from './processLock';
import { RecordCheckThread } from './recordCheckThread';
import { decryptRecord, RECORDS_DIR } from './recordCodec';
import type { RecordEntry, VaultState } from './state';
import { unlockKeys, type VaultSecret } from './unlock';
import type { LocalSeenStore } from './v2/syncedVaultTypes';
import { verifySyncedFolder } from './v2/verifySyncedFolder';
import { isNotFound, nodeVaultFs, type VaultFs } from './vaultFs';
import type { RecordFault, VerifyProblem, VerifyProgress, VerifyReport } from './vaultTypes';

const recordPath = (file: string): string => `${RECORDS_DIR}/${file}`;
const recordLabel = (r: RecordEntry): string => `The ${r.kind} record ${r.id}`;
const recordRef = (r: RecordEntry, fault: RecordFault) => ({ kind: r.kind, id: r.id, fault });
/** At most this many progress reports per check, so a 10,000-record vault does not flood the caller. */
const PROGRESS_STEPS = 100;

/** Explains why a record file does not hold the revision the manifest expects. */
function diagnose(
  bytes: Buffer,
  entry: RecordEntry,
  keys: VaultKeys,
  vaultId: Buffer,
  others: RecordEntry[],
): { fault: RecordFault; text: string } {
  for (let rev = entry.rev - 1; rev >= Math.max(1, entry.rev - 50); rev--) {
    if (decryptRecord(keys.record, vaultId, { ...entry, rev }, bytes) !== null) {
      return {
        fault: 'older-revision',
        text: `holds an older revision (${rev}) instead of revision ${entry.rev}: an old copy of the file was put back`,
      };
    }
  }
  for (const other of others) {
    if (other !== entry && decryptRecord(keys.record, vaultId, other, bytes) !== null) {
      return {
        fault: 'swapped',
        text: `holds the contents of another record (${other.kind} ${other.id}): files were swapped or copied`,
      };
    }
  }
  if (decryptRecord(keys.record, vaultId, entry, bytes) !== null) {
    return { fault: 'damaged', text: 'does not match the content hash in the manifest' };
  }
  return { fault: 'damaged', text: 'is damaged, cut short or was altered (it fails authentication)' };
}

/**
 * Checks a vault with its keys: header authentication, manifest, journal, every record file
 * (hash and decryption), files the manifest does not know, and the audit chain. Problems are
 * listed, not thrown. `onProgress` hears how many record files have been read, of how many.
 */
export async function verifyContents(
  fs: VaultFs,
  dir: string,
  header: VaultHeader,
  keys: VaultKeys,
  onProgress?: VerifyProgress,
  options: Pick<CheckOptions, 'threadFrom' | 'thread'> & {
    /** The open vault's records, whose file names (same keys) need not be computed again. */
    knownFiles?: ReadonlyMap<string, { readonly file: string }>;
  } = {},
): Promise<VerifyReport> {
  const problems: VerifyProblem[] = [];
  const report = (records: number, auditEntries: number): VerifyReport => ({
    ok: problems.length === 0,
    records,
    auditEntries,
    problems,
  });

  try {
    const onDisk = parseHeader(await fs.readFile(join(dir, HEADER_FILE)));
    if (!onDisk.vaultId.equals(header.vaultId) || !headerMacValid(keys.headerMac, onDisk)) {
      problems.push({
        file: HEADER_FILE,
        problem: 'The header was altered (its authentication code does not match).',
      });
    }
  } catch (error) {
    problems.push({
      file: HEADER_FILE,
      problem: error instanceof AttuneError ? error.message : String(error),
    });
  }

  let state: VaultState;
  try {
    state = (await loadState(fs, dir, header, keys, options.knownFiles)).state;
  } catch (error) {
    const message = error instanceof AttuneError ? error.message : String(error);
    problems.push({ file: message.includes(JOURNAL_FILE) ? JOURNAL_FILE : MANIFEST_FILE, problem: message });
    return report(0, 0);
  }

  const entries = [...state.records.values()];
  const step = Math.max(1, Math.ceil(entries.length / PROGRESS_STEPS));
  let reported = 0;
  const onDone = (done: number) => {
    if (onProgress && (done >= reported + step || (done === entries.length && reported < done))) {
      reported = done;
      onProgress(done, entries.length);
    }
  };
  onProgress?.(0, entries.length);
  const { failed, unreadable } = await checkRecordFiles(fs, dir, header.vaultId, keys.record, entries, {
    onDone,
    threadFrom: options.threadFrom,
    thread: options.thread,
  });
  for (const { entry, missing, reason } of unreadable) {
    problems.push({
      file: recordPath(entry.file),
      problem: missing
        ? `${recordLabel(entry)} is missing: its file was deleted outside Attune.`
        : `${recordLabel(entry)} could not be read (${reason}).`,
      record: recordRef(entry, missing ? 'missing' : 'unreadable'),
    });
  }
  // Swapped files show up in pairs, so only other failing records are tried as the owners.
  const suspects = failed.slice(0, 100).map((f) => f.entry);
  for (const { entry, bytes } of failed) {
    const { fault, text } = diagnose(bytes, entry, keys, header.vaultId, suspects);
    problems.push({
      file: recordPath(entry.file),
      problem: `${recordLabel(entry)} ${text}.`,
      record: recordRef(entry, fault),
    });
  }

  const known = new Set(entries.map((r) => r.file));
  for (const file of state.pendingDeletes.values()) known.add(file); // removed at the next checkpoint
  try {
    for (const name of await fs.readdir(join(dir, RECORDS_DIR))) {
      if (!known.has(name) && !isTempName(name)) {
        problems.push({
          file: recordPath(name),
          problem:
            'This file is not part of the vault’s manifest: an unknown file, or a deleted record put back.',
        });
      }
    }
  } catch (error) {
    problems.push({ file: RECORDS_DIR, problem: `The records folder could not be read (${String(error)}).` });
  }

  let auditEntries = 0;
  try {
    const bytes = await fs.readFile(join(dir, AUDIT_FILE));
    const audit = readAuditChain(
      keys.audit,
      header.vaultId,
      bytes,
      state.auditBytes,
      state.snapshotAudit,
      state.pendingAudit,
    );
    auditEntries = audit.entries.length;
    for (const problem of audit.problems) {
      problems.push({ file: AUDIT_FILE, problem: `${problem[0]!.toUpperCase()}${problem.slice(1)}.` });
    }
  } catch (error) {
    problems.push({
      file: AUDIT_FILE,
      problem: isNotFound(error)
        ? 'The audit log is missing.'
        : `The audit log could not be read (${String(error)}).`,
    });
  }

  problems.sort((a, b) => a.file.localeCompare(b.file));
  return report(entries.length, auditEntries);
}

/**
 * Verifies a vault folder without opening it for use (the CLI's `attune verify`): unlocks the
 * key, holds the process lock while reading, and never writes. Throws only when it cannot
 * check at all (not a vault, newer version, wrong secret, in use); a damaged header, manifest
 * or journal is reported as a problem. While the passphrase's key is derived (on a thread of its
 * own) and the manifest decrypted, the check thread reads the record files, which needs no key.
 */
export async function verifyVault(
  dir: string,
  secret: VaultSecret,
  options: {
    fs?: VaultFs;
    /**
     * Tests: 'none' checks on this thread alone; 'all' reads every file ahead, `{ maxFiles }` at
     * most that many; by default the thread reads ahead until the check starts.
     */
    readAhead?: 'none' | 'all' | { maxFiles: number };
    /** Format 2: the checking computer's memory of what it has seen (verifySyncedFolder). */
    thisComputer?: { hex: string; localSeen: LocalSeenStore };
  } = {},
): Promise<VerifyReport> {
  const fs = options.fs ?? nodeVaultFs;
  const root = resolve(dir);
  // A folder in format 2 (several computers; main/vault/FORMAT.md) is checked by its own reader:
  // its marker says so, or it has `devices/` (a marker still arriving or damaged: that reader says which).
  if ((await folderFormat(root, fs)) === 2) {
    const report = await verifySyncedFolder(root, secret, {
      fs,
      ...(options.thisComputer ? { thisComputer: options.thisComputer } : {}),
    });
    return {
      ok: report.ok,
      records: report.records,
      auditEntries: report.auditEntries,
      problems: report.problems.map((p) => ({ file: p.file, problem: p.message })),
    };
  }
  let header: VaultHeader;
  try {
    header = await readHeader(fs, root);
  } catch (error) {
    if (error instanceof AttuneError && error.kind === 'integrity') {
      return {
        ok: false,
        records: 0,
        auditEntries: 0,
        problems: [{ file: HEADER_FILE, problem: error.message }],
      };
    }
    throw error;
  }
  // The lock first: files read ahead must be the very files the manifest (read later) describes.
  const lock = await ProcessLock.acquire(fs, root);
  // The thread reads with node:fs itself, so it is not used over a wrapped (test) file system.
  const mode = options.readAhead;
  const thread =
    fs === nodeVaultFs && mode !== 'none'
      ? RecordCheckThread.start({
          recordsDir: join(root, RECORDS_DIR),
          maxFiles: typeof mode === 'object' ? mode.maxFiles : undefined,
        })
      : undefined;
  try {
    const { keys } = await unlockKeys(header, secret);
    try {
      if (mode === 'all') await thread?.readAhead({ wait: true });
      return await verifyContents(fs, root, header, keys, undefined, {
        thread,
        threadFrom: mode === 'none' ? Number.POSITIVE_INFINITY : undefined,
      });
    } finally {
      zeroKeys(keys);
    }
  } finally {
    thread?.stop();
    await lock.release();
  }
}
