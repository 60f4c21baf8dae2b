import { Worker } from 'node:worker_threads';
import { endSoonSource, endThread } from './endThread';
import { type ReadAheadLimits, type RecordsReadAhead, readRecordsAhead } from './readRecordsAhead';
import { recordFileAuthentic } from './recordFileAuthentic';

/** A record file's state in the shared status array (filled by the main thread and the helper). */
export const CHECK = { pending: 0, ok: 1, failed: 2, unreadable: 3 } as const;

/** What both threads work through: files to check, claimed one at a time from `next`. */
export interface CheckJob {
  /**
   * The records folder, and each file's name in it ('' for a file read ahead). Strings are few
   * and short so that handing the job to the thread (a structured clone) is quick.
   */
  recordsDir: string;
  names: string[];
  sizes: Int32Array;
  /** Every file's SHA-256 in hex, concatenated: file i's is hashes[64 i .. 64 i + 64]. */
  hashes: string;
  /** Every file's associated data, concatenated; file i's is ads[adEnds[i - 1] ?? 0 .. adEnds[i]]. */
  ads: Buffer;
  adEnds: Int32Array;
  /**
   * Files already in memory (read ahead): file i's bytes are chunks[chunkOf[i]] from offsets[i],
   * lengths[i] long; chunkOf[i] is -1 for a file still to read.
   */
  chunks: SharedArrayBuffer[];
  chunkOf: Int32Array;
  offsets: Int32Array;
  lengths: Int32Array;
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

/** What the thread reads ahead, if anything: the records folder, within limits. */
export interface ReadAheadRequest {
  recordsDir: string;
  maxBytes?: number;
  maxFiles?: number;
}

const noneRead = (): RecordsReadAhead => ({
  chunks: [],
  names: [],
  chunkOf: new Int32Array(0),
  offsets: new Int32Array(0),
  lengths: new Int32Array(0),
});

/**
 * The helper thread's program: it reads ahead if asked (readRecordsAhead, no key needed), then
 * waits for one job, claims files and judges each with recordFileAuthentic. Both functions are
 * the very ones the main thread has, as text. Files not in memory are read, at most size + 1
 * bytes, into one reused buffer. It gets its own copy of the record key, which it zeroes at once.
 */
const threadProgram = `'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const crypto = require('node:crypto');
const recordFileAuthentic = (${recordFileAuthentic.toString()});
const readRecordsAhead = (${readRecordsAhead.toString()});
${endSoonSource}
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
if (workerData.recordsDir !== null) {
  parentPort.postMessage({ type: 'ahead', ahead: readRecordsAhead(fs, workerData.recordsDir, workerData.limits) });
}
parentPort.once('message', (message) => {
  if (message.type === 'end') return endSoon();
  const { key, job } = message;
  const secret = crypto.createSecretKey(key);
  key.fill(0);
  const ads = Buffer.from(job.ads.buffer, job.ads.byteOffset, job.ads.byteLength);
  const unreadable = [];
  for (;;) {
    // Stopped (the caller gave up, after an error): the files not claimed are left to it.
    if (Atomics.load(workerData.stopChecking, 0) === 1) break;
    const i = Atomics.add(job.next, 0, 1);
    if (i >= job.names.length) break;
    const chunk = job.chunkOf[i];
    let bytes;
    try {
      bytes =
        chunk >= 0
          ? new Uint8Array(job.chunks[chunk], job.offsets[i], job.lengths[i])
          : read(job.recordsDir + '/' + job.names[i], job.sizes[i]);
    } catch (error) {
      unreadable.push({ index: i, missing: !!error && error.code === 'ENOENT', reason: String(error) });
      Atomics.store(job.status, i, ${CHECK.unreadable});
      continue;
    }
    const ad = ads.subarray(i === 0 ? 0 : job.adEnds[i - 1], job.adEnds[i]);
    const hash = job.hashes.slice(64 * i, 64 * i + 64);
    const ok = recordFileAuthentic(crypto, secret, bytes, job.sizes[i], hash, ad);
    Atomics.store(job.status, i, ok ? ${CHECK.ok} : ${CHECK.failed});
  }
  parentPort.postMessage({ type: 'checked', unreadable });
  endSoon();
});
`;

let running = 0;

/** How many check threads exist (tests: none once verify has returned or thrown). */
export function checkThreadsRunning(): number {
  return running;
}

type Reply = { type: 'ahead'; ahead: RecordsReadAhead } | { type: 'checked'; unreadable: UnreadableFile[] };

/**
 * A helper thread that checks record files beside the caller. Starting one costs ~30 ms, so
 * `attune verify` starts it before deriving the passphrase's key, and it reads the record files
 * meanwhile; the job comes once the manifest is known.
 */
export class RecordCheckThread {
  readonly #worker: Worker | null;
  readonly #stopReading = new Int32Array(new SharedArrayBuffer(4));
  /** Set by `stop`: the thread claims no more files (a job's thread does not read `end` messages). */
  readonly #stopChecking = new Int32Array(new SharedArrayBuffer(4));
  readonly #ahead: Promise<RecordsReadAhead>;
  readonly #checked: Promise<UnreadableFile[] | null>;
  #given = false;

  private constructor(request: ReadAheadRequest | null) {
    let worker: Worker | null = null;
    let ahead: (read: RecordsReadAhead) => void = () => undefined;
    let checked: (result: UnreadableFile[] | null) => void = () => undefined;
    this.#ahead = new Promise((resolve) => {
      ahead = resolve;
    });
    this.#checked = new Promise((resolve) => {
      checked = resolve;
    });
    // A thread that fails has read nothing (as far as the caller knows) and checked nothing.
    const failed = () => {
      ahead(noneRead());
      checked(null);
    };
    if (!request) ahead(noneRead());
    try {
      const limits: ReadAheadLimits = {
        stop: this.#stopReading,
        maxBytes: request?.maxBytes ?? 64 * 1024 * 1024,
        maxFiles: request?.maxFiles ?? Number.MAX_SAFE_INTEGER,
        chunkBytes: 4 * 1024 * 1024,
      };
      worker = new Worker(threadProgram, {
        eval: true,
        workerData: { recordsDir: request?.recordsDir ?? null, limits, stopChecking: this.#stopChecking },
      });
      running++;
      worker.once('exit', () => running--);
      worker.on('message', (reply: Reply) => {
        if (reply.type === 'ahead') ahead(reply.ahead);
        else checked(reply.unreadable);
      });
      worker.once('error', failed);
      worker.once('exit', failed); // after the replies, a no-op
      // Until it has a job, it keeps no process alive (a wrong passphrase ends the CLI at once).
      worker.unref();
    } catch {
      failed();
    }
    this.#worker = worker;
  }

  /** Starts the thread, which reads ahead if asked, then waits for `check` (or `stop`). */
  static start(readAhead: ReadAheadRequest | null = null): RecordCheckThread {
    return new RecordCheckThread(readAhead);
  }

  /**
   * What the thread has read ahead. Unless `wait`, it is told to stop reading first (at the next
   * file): reading on would delay the check, which reads the rest on both threads.
   */
  readAhead(options: { wait?: boolean } = {}): Promise<RecordsReadAhead> {
    if (!options.wait) Atomics.store(this.#stopReading, 0, 1);
    // Awaited, the thread must keep the process alive until it answers: an unref'd thread was
    // all a CLI run had left to wait for, and Node ended it with exit code 0 mid-verify.
    const worker = this.#worker;
    worker?.ref();
    return this.#ahead.finally(() => {
      if (!this.#given) worker?.unref();
    });
  }

  /**
   * Has the thread claim and check files of `job`. Resolves with the files it could not read once
   * it has run out of files to claim, or with null if the thread failed (files it claimed but did
   * not finish are left `pending` for the caller to check). One job per thread.
   */
  check(job: CheckJob, recordKey: Buffer): Promise<UnreadableFile[] | null> {
    if (this.#given) throw new Error('a record check thread takes one job');
    this.#given = true;
    if (!this.#worker) return this.#checked;
    // A copy owning its own memory, moved (not cloned) to the thread, which zeroes it.
    const key = Uint8Array.from(recordKey);
    try {
      this.#worker.ref();
      this.#worker.postMessage({ key, job }, [key.buffer]);
    } catch {
      key.fill(0);
      this.stop();
    }
    return this.#checked;
  }

  /**
   * Ends the thread: unused (the secret was wrong, or there was nothing to check), or given up on
   * (it claims no more files and ends once the one in hand is judged).
   */
  stop(): void {
    Atomics.store(this.#stopReading, 0, 1);
    Atomics.store(this.#stopChecking, 0, 1);
    if (this.#worker) void endThread(this.#worker);
  }
}

/** Starts a helper thread and has it check files of `job` beside the caller (see `check`). */
export function startCheckThread(job: CheckJob, recordKey: Buffer): Promise<UnreadableFile[] | null> {
  return RecordCheckThread.start().check(job, recordKey);
}
