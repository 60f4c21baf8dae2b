import { constants } from 'node:fs';
import { AttuneError } from '../../shared/errors';
import { errorCode, isNotFound, type VaultFs, type VaultStat } from './vaultFs';

/** Larger than any key slots, seen.bin or presence.bin can be (they are kilobytes). */
export const SMALL_FILE_MAX_BYTES = 16 * 1024 * 1024;

/**
 * Read only, refusing a symbolic link as the file itself (O_NOFOLLOW: ELOOP) and not waiting for
 * a writer when the name is a pipe (O_NONBLOCK; no effect on a plain file). Windows defines
 * neither: there the opened file is still checked (fstat), and opening a folder fails there.
 */
const READ_NO_FOLLOW = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);
/** What the open of a link (ELOOP; EMLINK on FreeBSD) or of a folder (EISDIR on Windows) fails with. */
const NOT_PLAIN_CODES = new Set(['ELOOP', 'EMLINK', 'EISDIR']);

/** A vault file's name holds something else than a plain file: it was not read. */
export class NotPlainFileError extends AttuneError {
  constructor() {
    super('integrity', 'it is not a plain file (a folder, link or pipe put under its name)');
  }
}

/**
 * Opens `path` for reading only if it is a plain file itself, and returns the open file with the
 * stat of what was opened. The check is of the opened file, not of the path: a link swapped in
 * between a check by path and the read could otherwise lead the read outside the vault. Throws
 * NotPlainFileError for anything else (the file is closed again); node's error when it is gone.
 */
export async function openPlainFile(fs: VaultFs, path: string): Promise<{ fd: number; stat: VaultStat }> {
  let fd: number;
  try {
    fd = await fs.open(path, READ_NO_FOLLOW);
  } catch (error) {
    const code = errorCode(error);
    if (code && NOT_PLAIN_CODES.has(code)) throw new NotPlainFileError();
    throw error;
  }
  try {
    const stat = await fs.fstat(fd);
    if (!stat.isFile) throw new NotPlainFileError();
    return { fd, stat };
  } catch (error) {
    await fs.close(fd).catch(() => undefined);
    throw error;
  }
}

/**
 * Reads a plain file whole (see openPlainFile), to its end even if it grew since it was opened;
 * with `maxBytes`, refuses one larger than that before reading it. `stat` is the opened file's,
 * taken before the read (a change during the read shows as a new time at the next look).
 */
export async function readPlainFile(
  fs: VaultFs,
  path: string,
  maxBytes?: number,
): Promise<{ bytes: Buffer; stat: VaultStat }> {
  const { fd, stat } = await openPlainFile(fs, path);
  try {
    if (maxBytes !== undefined && stat.size > maxBytes) {
      throw new AttuneError('integrity', `it holds ${stat.size} bytes, far more than such a file can`);
    }
    const chunks: Buffer[] = [];
    let position = 0;
    for (;;) {
      const want = Math.max(stat.size - position, 64 * 1024);
      const got = await fs.read(fd, want, position);
      if (got.length > 0) chunks.push(got);
      position += got.length;
      if (maxBytes !== undefined && position > maxBytes) {
        throw new AttuneError(
          'integrity',
          `it holds more than ${maxBytes} bytes, far more than such a file can`,
        );
      }
      // A plain file reads short only at its end.
      if (got.length < want) break;
    }
    return { bytes: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks), stat };
  } finally {
    await fs.close(fd).catch(() => undefined);
  }
}

/**
 * Reads one of a vault folder's small files (key slots, seen.bin, presence.bin) whole: null when
 * there is none. Anything else under its name (a folder, link or pipe put there by hand or by a
 * tool, or a file larger than such a file can be) is refused with the reason, never read: reading
 * a pipe waits forever, a link may lead outside the vault and a huge file fills memory.
 */
export async function readSmallFile(fs: VaultFs, path: string): Promise<Buffer | null> {
  try {
    return (await readPlainFile(fs, path, SMALL_FILE_MAX_BYTES)).bytes;
  } catch (error) {
    if (isNotFound(error)) return null; // none, or gone since the listing
    throw error;
  }
}

/**
 * Whether `path` is a plain file itself (not a link to one, a folder or a pipe): only those are
 * read as a vault's logs. True when it has gone since it was listed (the read then finds it gone).
 * A first sort of a listing only: what is read is checked again when opened (openPlainFile).
 */
export async function isPlainFile(fs: VaultFs, path: string): Promise<boolean> {
  try {
    const stat = await fs.lstat(path);
    return stat.isFile && !stat.isSymbolicLink;
  } catch (error) {
    if (isNotFound(error)) return true;
    throw error;
  }
}
