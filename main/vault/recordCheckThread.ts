import { Worker } from 'node:worker_threads';

/** A record file's state in the shared status array (filled by the main thread and the helper). */
export const CHECK = { pending: 0, ok: 1, failed: 2, unreadable: 3 } as const;

/** What both threads work through: files to check, claimed one at a time from `next`. */
export interface CheckJob {
  paths: string[];
  sizes: Int32Array;
  hashes: string[];
  /** Every file's associated data, concatenated; file i's is ads[adEnds[i - 1] ?? 0 .. adEnds[i]]. */
  ads: Buffer;
  adEnds: Int32Array;
  /** Shared: the next index to claim. */
  next: Int32Array;
  /** Shared: one CHECK value per file. */
  status: Int8Array;
}

export interface UnreadableFile {
  index: number;
  missing: boolean;
  reason: string;
}

/**
 * The helper thread's program. It checks what FORMAT.md §6 says a record file is (the same test as
 * checkRecordFiles on the main thread: length and SHA-256 as the manifest says, "ATRC" 0x01, then
 * AES-256-GCM that authenticates under the associated data), reading at most size + 1 bytes into
 * one reused buffer. It receives its own copy of the record key, which it zeroes at once.
 */
const threadProgram = `'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const crypto = require('node:crypto');
const { key, job } = workerData;
const secret = crypto.createSecretKey(key);
key.fill(0);
const prefix = Buffer.from([0x41, 0x54, 0x52, 0x43, 0x01]);
const ads = Buffer.from(job.ads.buffer, job.ads.byteOffset, job.ads.byteLength);
let scratch = Buffer.allocUnsafe(64 * 1024);
function read(path, size) {
  if (scratch.length <= size) scratch = Buffer.allocUnsafe(size * 2);
  const fd = fs.openSync(path, 'r');
  try {
    let n = 0;
    while (n < size + 1) {
      const got = fs.readSync(fd, scratch, n, size + 1 - n, n);
      if (got === 0) break;
      n += got;
    }
    return scratch.subarray(0, n);
  } finally {
    fs.closeSync(fd);
  }
}
function authentic(i, bytes) {
  if (bytes.length !== job.sizes[i] || bytes.length < prefix.length + 28) return false;
  if (crypto.createHash('sha256').update(bytes).digest('hex') !== job.hashes[i]) return false;
  if (!bytes.subarray(0, prefix.length).equals(prefix)) return false;
  const decipher = crypto.createDecipheriv('aes-256-gcm', secret, bytes.subarray(5, 17));
  decipher.setAAD(ads.subarray(i === 0 ? 0 : job.adEnds[i - 1], job.adEnds[i]));
  decipher.setAuthTag(bytes.subarray(bytes.length - 16));
  const plain = decipher.update(bytes.subarray(17, bytes.length - 16));
  try {
    decipher.final();
    return true;
  } catch {
    return false;
  } finally {
    plain.fill(0);
  }
}
const unreadable = [];
for (;;) {
  const i = Atomics.add(job.next, 0, 1);
  if (i >= job.paths.length) break;
  let bytes;
  try {
    bytes = read(job.paths[i], job.sizes[i]);
  } catch (error) {
    unreadable.push({ index: i, missing: !!error && error.code === 'ENOENT', reason: String(error) });
    Atomics.store(job.status, i, ${CHECK.unreadable});
    continue;
  }
  Atomics.store(job.status, i, authentic(i, bytes) ? ${CHECK.ok} : ${CHECK.failed});
}
parentPort.postMessage({ unreadable });
`;

/**
 * Starts a helper thread that claims and checks files of `job` beside the caller. Resolves with
 * the files it could not read once it has run out of files to claim, or with null if the thread
 * failed (files it claimed but did not finish are left `pending` for the caller to check).
 */
export function startCheckThread(job: CheckJob, recordKey: Buffer): Promise<UnreadableFile[] | null> {
  return new Promise((resolve) => {
    let worker: Worker;
    // A copy owning its own memory, moved (not cloned) to the thread, which zeroes it.
    const key = Uint8Array.from(recordKey);
    try {
      worker = new Worker(threadProgram, {
        eval: true,
        workerData: { key, job },
        transferList: [key.buffer],
      });
    } catch {
      key.fill(0);
      resolve(null);
      return;
    }
    worker.once('message', (reply: { unreadable: UnreadableFile[] }) => resolve(reply.unreadable));
    worker.once('error', () => resolve(null));
    worker.once('exit', () => resolve(null)); // after a reply, a no-op
  });
}
