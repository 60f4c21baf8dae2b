import * as crypto from 'node:crypto';
import { join } from 'node:path';
import type { RecordsReadAhead } from './readRecordsAhead';
import { CHECK, type CheckJob, RecordCheckThread, type UnreadableFile } from './recordCheckThread';
import { RECORDS_DIR, recordAd, recordAdLength, writeRecordAd } from './recordCodec';
import { recordFileAuthentic } from './recordFileAuthentic';
import type { RecordEntry } from './state';
import { isNotFound, nodeVaultFs, type VaultFs } from './vaultFs';

/** How verify's read of the record files went: the records that did not check out. */
export interface RecordFilesChecked {
  /** Records whose bytes (all of them, as on disk) are not the revision the manifest expects. */
  failed: Array<{ entry: RecordEntry; bytes: Buffer }>;
  /** Records whose file could not be read: missing, or why not. */
  unreadable: Array<{ entry: RecordEntry; missing: boolean; reason: string }>;
}

export interface CheckOptions {
  /** Called now and then with how many records have been checked so far. */
  onDone?: (done: number) => void;
  /**
   * From how many record files a helper thread checks files beside this one (0: always; tests).
   * Its thread start costs ~30 ms, about what 600 files take.
   */
  threadFrom?: number;
  /**
   * A helper thread started earlier (it may have read files ahead), used whatever the count of
   * files; `threadFrom` then does not apply.
   */
  thread?: RecordCheckThread;
}

/** Work between two yields to the event loop, so a big vault's check does not freeze the app. */
const SLICE_MS = 8;
const THREAD_FROM = 1000;

/**
 * Reads and checks every record file of `entries` (or its journal blob: bytes still only in the
 * journal are what counts, the file may lag until a checkpoint): its length and SHA-256 against
 * the manifest, and that it authenticates as this revision of this record (recordFileAuthentic).
 * Files not already read (ahead, by `options.thread`) are read synchronously into one reused
 * buffer, in slices of a few milliseconds: for thousands of small files the thread-pool round
 * trips and garbage of async reads cost several times the reads. On the real file system a helper
 * thread claims files from the same list, so two cores share it.
 */
export async function checkRecordFiles(
  fs: VaultFs,
  dir: string,
  vaultId: Buffer,
  recordKey: Buffer,
  entries: readonly RecordEntry[],
  options: CheckOptions = {},
): Promise<RecordFilesChecked> {
  const checked: RecordFilesChecked = { failed: [], unreadable: [] };
  // One KeyObject spares importing the raw key for each record; it lives only for this call.
  const key = crypto.createSecretKey(recordKey);
  const blobs = entries.filter((e) => e.blob !== undefined);
  const files = entries.filter((e) => e.blob === undefined);
  const job = checkJobFor(dir, vaultId, files, await options.thread?.readAhead());
  // The helper reads with node:fs itself, so it is not used over a wrapped (test) file system.
  const thread =
    options.thread ??
    (fs === nodeVaultFs && files.length >= (options.threadFrom ?? THREAD_FROM)
      ? RecordCheckThread.start()
      : null);
  const helper = thread?.check(job, recordKey) ?? Promise.resolve(null);

  const failed: RecordEntry[] = [];
  for (const entry of blobs) {
    const bytes = entry.blob!;
    if (!recordFileAuthentic(crypto, key, bytes, entry.size, entry.hash, recordAd(vaultId, entry))) {
      failed.push(entry);
    }
  }
  const unreadable = new Map<number, UnreadableFile>();
  let scratch = Buffer.allocUnsafe(64 * 1024);
  const checkFile = (i: number): void => {
    const entry = files[i]!;
    const chunk = job.chunkOf[i]!;
    let bytes: Uint8Array;
    try {
      if (chunk >= 0) {
        bytes = new Uint8Array(job.chunks[chunk]!, job.offsets[i], job.lengths[i]);
      } else {
        if (scratch.length <= entry.size) scratch = Buffer.allocUnsafe(entry.size * 2);
        // At most size + 1 bytes: a longer file still shows as the wrong length.
        bytes = fs.readFileSync(`${job.recordsDir}/${entry.file}`, entry.size, scratch);
      }
    } catch (error) {
      unreadable.set(i, { index: i, missing: isNotFound(error), reason: String(error) });
      Atomics.store(job.status, i, CHECK.unreadable);
      return;
    }
    const ad = job.ads.subarray(i === 0 ? 0 : job.adEnds[i - 1], job.adEnds[i]);
    const ok = recordFileAuthentic(crypto, key, bytes, entry.size, entry.hash, ad);
    Atomics.store(job.status, i, ok ? CHECK.ok : CHECK.failed);
  };
  let sliceStart = performance.now();
  for (let i = Atomics.add(job.next, 0, 1); i < files.length; i = Atomics.add(job.next, 0, 1)) {
    if (performance.now() - sliceStart > SLICE_MS) {
      options.onDone?.(blobs.length + Math.min(i, files.length));
      await new Promise((resolve) => setImmediate(resolve));
      sliceStart = performance.now();
    }
    checkFile(i);
  }
  for (const file of (await helper) ?? []) unreadable.set(file.index, file);
  for (let i = 0; i < files.length; i++) {
    const status = Atomics.load(job.status, i);
    // Claimed by a helper that stopped before finishing it (or before reporting it): check it here.
    if (status === CHECK.pending || (status === CHECK.unreadable && !unreadable.has(i))) checkFile(i);
    if (Atomics.load(job.status, i) === CHECK.failed) failed.push(files[i]!);
  }
  for (const { index, missing, reason } of unreadable.values()) {
    checked.unreadable.push({ entry: files[index]!, missing, reason });
  }
  options.onDone?.(entries.length);

  for (const entry of failed) {
    // Diagnosis needs the whole file (an older revision may be longer), and the bytes read were
    // a view of the scratch buffer, which later reads overwrote.
    try {
      checked.failed.push({
        entry,
        bytes: entry.blob ?? (await fs.readFile(join(dir, RECORDS_DIR, entry.file))),
      });
    } catch (error) {
      checked.unreadable.push({ entry, missing: isNotFound(error), reason: String(error) });
    }
  }
  return checked;
}

/** The files to check, in the shared form both threads read; `ahead`: those already in memory. */
export function checkJobFor(
  dir: string,
  vaultId: Buffer,
  files: readonly RecordEntry[],
  ahead?: RecordsReadAhead,
): CheckJob {
  const recordsDir = join(dir, RECORDS_DIR);
  const adEnds = new Int32Array(files.length);
  let end = 0;
  for (const [i, entry] of files.entries()) {
    end += recordAdLength(vaultId, entry);
    adEnds[i] = end;
  }
  // One buffer of its own (not a slice of Node's shared pool), since the whole of it goes to the thread.
  const ads = Buffer.alloc(end);
  for (const [i, entry] of files.entries()) writeRecordAd(ads, i === 0 ? 0 : adEnds[i - 1]!, vaultId, entry);
  const chunkOf = new Int32Array(files.length).fill(-1);
  const offsets = new Int32Array(files.length);
  const lengths = new Int32Array(files.length);
  if (ahead && ahead.names.length > 0) {
    const readAt = new Map(ahead.names.map((name, i) => [name, i]));
    for (const [i, entry] of files.entries()) {
      const at = readAt.get(entry.file);
      if (at === undefined) continue;
      chunkOf[i] = ahead.chunkOf[at]!;
      offsets[i] = ahead.offsets[at]!;
      lengths[i] = ahead.lengths[at]!;
    }
  }
  return {
    recordsDir,
    names: files.map((e, i) => (chunkOf[i]! >= 0 ? '' : e.file)),
    sizes: Int32Array.from(files, (e) => e.size),
    // 64 hex digits each (manifest and journal check that); one of another length would shift the
    // others', so it is cut or padded to one that matches no digest.
    hashes: files.map((e) => (e.hash.length === 64 ? e.hash : e.hash.padEnd(64, '-').slice(0, 64))).join(''),
    ads,
    adEnds,
    chunks: ahead?.chunks ?? [],
    chunkOf,
    offsets,
    lengths,
    next: new Int32Array(new SharedArrayBuffer(4)),
    status: new Int8Array(new SharedArrayBuffer(Math.max(1, files.length))),
  };
}
