/** Record files read before the keys were known: every byte of each, in shared memory. */
export interface RecordsReadAhead {
  /** Shared, so both threads of verify judge the same bytes without a copy. */
  chunks: SharedArrayBuffer[];
  /** File i is names[i]: chunks[chunkOf[i]] from offsets[i], lengths[i] bytes (the whole file). */
  names: string[];
  chunkOf: Int32Array;
  offsets: Int32Array;
  lengths: Int32Array;
}

export interface ReadAheadLimits {
  /** Shared flag: once it is not 0, stop at the next file (the check is about to start). */
  stop: Int32Array;
  /** Bytes to hold at most, so a vault of large records cannot exhaust memory. */
  maxBytes: number;
  /** Files to read at most (tests: a check that finds some files read and others not). */
  maxFiles: number;
  /** The size of one shared chunk; a larger file is left to the check. */
  chunkBytes: number;
}

/** The part of node:fs it uses, passed in so the function imports nothing. */
export type ReadAheadFs = Pick<
  typeof import('node:fs'),
  'readdirSync' | 'openSync' | 'readSync' | 'closeSync'
>;

/**
 * Reads the record files of `recordsDir` into shared memory, with no key (`attune verify`'s check
 * thread, while the passphrase's key is derived on another thread and the manifest decrypted on
 * the main one): opening and reading ~20,000 small files is most of verify's work. Only names of
 * the record-file form (32 hex digits, ".rec") are read. A file it cannot read or that does not
 * fit a chunk is left out: the check reads it itself and says why it failed.
 *
 * The check thread runs this function's text (recordCheckThread.ts), so it must stay
 * self-contained, using nothing but its parameters.
 */
export function readRecordsAhead(
  fs: ReadAheadFs,
  recordsDir: string,
  limits: ReadAheadLimits,
): RecordsReadAhead {
  const names: string[] = [];
  const chunks: SharedArrayBuffer[] = [];
  const at: number[] = [];
  let listed: string[] = [];
  try {
    listed = fs.readdirSync(recordsDir);
  } catch {
    // the check lists and reads the folder itself, and reports what fails
  }
  let chunk: Uint8Array<ArrayBufferLike> = new Uint8Array(0);
  let used = 0;
  const newChunk = (): boolean => {
    if ((chunks.length + 1) * limits.chunkBytes > limits.maxBytes) return false;
    const shared = new SharedArrayBuffer(limits.chunkBytes);
    chunks.push(shared);
    chunk = new Uint8Array(shared);
    // Already zero: writing it maps its pages now, on this thread. Else the first touch of each
    // page after the read (here ~12 µs a page, ~120 ms for 40 MB) falls on the check.
    chunk.fill(0);
    used = 0;
    return true;
  };
  // The file's length once read whole into chunk[used..]; null when it does not fit, -1 when unreadable.
  const readWhole = (path: string): number | null => {
    let fd: number;
    try {
      fd = fs.openSync(path, 'r');
    } catch {
      return -1;
    }
    try {
      for (let n = 0; ; ) {
        const room = chunk.length - used - n;
        if (room === 0) return null;
        // Requests of at most 64 KiB: larger ones cost more in the kernel for these small files.
        const got = fs.readSync(fd, chunk, used + n, Math.min(room, 65536), n);
        if (got === 0) return n;
        n += got;
      }
    } catch {
      return -1;
    } finally {
      fs.closeSync(fd);
    }
  };
  for (const name of listed) {
    if (names.length >= limits.maxFiles || Atomics.load(limits.stop, 0) !== 0) break;
    if (!/^[0-9a-f]{32}\.rec$/.test(name)) continue;
    // A nearly full chunk is left behind (records are mostly a few KiB): a file rarely reads twice.
    if (chunk.length - used < Math.min(65536, limits.chunkBytes / 16) && !newChunk()) break;
    let length = readWhole(`${recordsDir}/${name}`);
    if (length === null && used > 0) {
      // Too large for what is left of this chunk: once more in a fresh one.
      if (!newChunk()) break;
      length = readWhole(`${recordsDir}/${name}`);
    }
    if (length === null || length < 0) continue;
    names.push(name);
    at.push(chunks.length - 1, used, length);
    used += length;
  }
  const count = names.length;
  const chunkOf = new Int32Array(count);
  const offsets = new Int32Array(count);
  const lengths = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    chunkOf[i] = at[3 * i]!;
    offsets[i] = at[3 * i + 1]!;
    lengths[i] = at[3 * i + 2]!;
  }
  return { chunks, names, chunkOf, offsets, lengths };
}
