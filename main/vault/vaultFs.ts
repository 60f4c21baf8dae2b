import * as nodeFs from 'node:fs';

/** The few stat facts the vault needs. */
export interface VaultStat {
  size: number;
  isFile: boolean;
  isDirectory: boolean;
  mtimeMs: number;
  /** Inode number: two paths with the same `ino` (and device) are hard links to one file. */
  ino: number;
  dev: number;
  /** True only from `lstat`, for a symbolic link itself (`stat` follows links). */
  isSymbolicLink: boolean;
}

/**
 * Every file-system call the vault makes goes through this facade, so a test can wrap it and
 * fail at any single step (see faults.ts). Paths are absolute. Methods mirror node:fs and throw
 * node's errors (with `code`); translating them to user-facing errors is the caller's job.
 */
export interface VaultFs {
  readFile(path: string): Promise<Buffer>;
  /**
   * Reads a small file synchronously; with `size`, reads at most size + 1 bytes (so a longer file
   * still shows as the wrong length) and skips the fstat, into `scratch` when it is big enough
   * (the result is then a view of it, valid until the next call). Used only for loading many
   * records, where the thread-pool round trips of async reads cost more than the reads.
   */
  readFileSync(path: string, size?: number, scratch?: Buffer): Buffer;
  /** `flags` as in node:fs ('r', 'r+', 'wx', ..., or a number of fs.constants' O_ flags). */
  open(path: string, flags: string | number, mode?: number): Promise<number>;
  /** Writes all of `data` at `position`. */
  write(fd: number, data: Buffer, position: number): Promise<void>;
  read(fd: number, length: number, position: number): Promise<Buffer>;
  fsync(fd: number): Promise<void>;
  fdatasync(fd: number): Promise<void>;
  ftruncate(fd: number, length: number): Promise<void>;
  close(fd: number): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  readdir(path: string): Promise<string[]>;
  mkdir(path: string, options: { mode: number; recursive?: boolean }): Promise<void>;
  rmdir(path: string): Promise<void>;
  stat(path: string): Promise<VaultStat>;
  /**
   * `stat` of the path itself, not of what a symbolic link points to: code that removes or
   * copies whole folders uses it, so a link put in a synced folder never leads outside it.
   */
  lstat(path: string): Promise<VaultStat>;
  /** `stat` of an open file: of what was opened, whatever its path names now. */
  fstat(fd: number): Promise<VaultStat>;
  /** Makes `newPath` a hard link to `existing` (backups share unchanged files between generations). */
  link(existing: string, newPath: string): Promise<void>;
  /**
   * `link`, synchronously: an incremental backup links thousands of files, and the thread-pool
   * round trip of each async call costs more than the link itself (callers yield between slices).
   */
  linkSync(existing: string, newPath: string): void;
}

const statOf = (s: nodeFs.Stats): VaultStat => ({
  size: s.size,
  isFile: s.isFile(),
  isDirectory: s.isDirectory(),
  mtimeMs: s.mtimeMs,
  ino: s.ino,
  dev: s.dev,
  isSymbolicLink: s.isSymbolicLink(),
});

// The callback API is used rather than fs/promises: readFile in particular is about twice as
// fast for small files, and loading 10,000 notes is on the unlock path.
const call = <T>(fn: (cb: (err: NodeJS.ErrnoException | null, value: T) => void) => void): Promise<T> =>
  new Promise((resolve, reject) => fn((err, value) => (err ? reject(err) : resolve(value))));

async function writeAll(fd: number, data: Buffer, position: number): Promise<void> {
  let done = 0;
  while (done < data.length) {
    const written = await call<number>((cb) =>
      nodeFs.write(fd, data, done, data.length - done, position + done, cb),
    );
    if (written === 0) throw Object.assign(new Error('write returned 0 bytes'), { code: 'EIO' });
    done += written;
  }
}

/** The real file system. */
export const nodeVaultFs: VaultFs = {
  readFile: (path) => call<Buffer>((cb) => nodeFs.readFile(path, cb)),
  readFileSync: (path, size, scratch) => {
    if (size === undefined) return nodeFs.readFileSync(path);
    const fd = nodeFs.openSync(path, 'r');
    try {
      const buffer =
        scratch && scratch.length > size ? scratch.subarray(0, size + 1) : Buffer.allocUnsafe(size + 1);
      let n = 0;
      while (n < buffer.length) {
        const got = nodeFs.readSync(fd, buffer, n, buffer.length - n, n);
        if (got === 0) break;
        n += got;
      }
      return buffer.subarray(0, n);
    } finally {
      nodeFs.closeSync(fd);
    }
  },
  open: (path, flags, mode = 0o600) => call<number>((cb) => nodeFs.open(path, flags, mode, cb)),
  write: writeAll,
  read: async (fd, length, position) => {
    const buffer = Buffer.alloc(length);
    const n = await call<number>((cb) => nodeFs.read(fd, buffer, 0, length, position, cb));
    return buffer.subarray(0, n);
  },
  fsync: (fd) => call<void>((cb) => nodeFs.fsync(fd, (err) => cb(err, undefined))),
  fdatasync: (fd) => call<void>((cb) => nodeFs.fdatasync(fd, (err) => cb(err, undefined))),
  ftruncate: (fd, length) => call<void>((cb) => nodeFs.ftruncate(fd, length, (err) => cb(err, undefined))),
  close: (fd) => call<void>((cb) => nodeFs.close(fd, (err) => cb(err, undefined))),
  rename: (from, to) => call<void>((cb) => nodeFs.rename(from, to, (err) => cb(err, undefined))),
  unlink: (path) => call<void>((cb) => nodeFs.unlink(path, (err) => cb(err, undefined))),
  readdir: (path) => call<string[]>((cb) => nodeFs.readdir(path, cb)),
  mkdir: (path, options) => call<void>((cb) => nodeFs.mkdir(path, options, (err) => cb(err, undefined))),
  rmdir: (path) => call<void>((cb) => nodeFs.rmdir(path, (err) => cb(err, undefined))),
  stat: async (path) => statOf(await call<nodeFs.Stats>((cb) => nodeFs.stat(path, cb))),
  lstat: async (path) => statOf(await call<nodeFs.Stats>((cb) => nodeFs.lstat(path, cb))),
  fstat: async (fd) => statOf(await call<nodeFs.Stats>((cb) => nodeFs.fstat(fd, cb))),
  link: (existing, newPath) =>
    call<void>((cb) => nodeFs.link(existing, newPath, (err) => cb(err, undefined))),
  linkSync: (existing, newPath) => nodeFs.linkSync(existing, newPath),
};

/** The node error code of `error`, if it has one. */
export function errorCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = (error as { code: unknown }).code;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}

export const isNotFound = (error: unknown): boolean => errorCode(error) === 'ENOENT';

/**
 * A view of `fs` that refuses every call once `isDead()` is true. A vault whose process
 * "crashed" in a test must not touch its files again, even from work already under way.
 */
export function guardedFs(fs: VaultFs, isDead: () => boolean): VaultFs {
  const guarded = {} as Record<string, unknown>;
  const gone = () => Object.assign(new Error('vault process is gone'), { code: 'ESHUTDOWN' });
  for (const [name, method] of Object.entries(fs) as Array<[string, (...args: unknown[]) => unknown]>) {
    guarded[name] = name.endsWith('Sync')
      ? (...args: unknown[]) => {
          if (isDead()) throw gone();
          return method.apply(fs, args);
        }
      : (...args: unknown[]) => (isDead() ? Promise.reject(gone()) : method.apply(fs, args));
  }
  return guarded as unknown as VaultFs;
}
