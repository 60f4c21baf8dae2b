/** Writing exported records into a folder the user chose: never inside the vault, never over a file. */
import { lstat, readdir, stat, unlink } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, sep } from 'node:path';
import { AttuneError } from '../../../shared/errors';
import { aliasFileStem } from '../../../shared/review/reviewFiles';
import { fsyncDir } from '../../vault/atomicWrite';
import { randomHex } from '../../vault/binary';
import { fileWriteFailure } from '../../vault/vaultErrors';
import { errorCode, nodeVaultFs, type VaultFs } from '../../vault/vaultFs';

/** A file-name-safe stem from a client code: "C-01" stays, "A/B" becomes "A-B". */
export const fileStem = (text: string): string => aliasFileStem(text);

/**
 * Checks that `folder` is an existing folder outside the vault folder: an export is not
 * encrypted, and a plaintext copy inside the vault would be synced and backed up with it.
 */
export async function checkExportFolder(folder: string, vaultLocation: string): Promise<void> {
  const rel = relative(vaultLocation, folder);
  const outside = rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel);
  if (!outside) {
    throw new AttuneError(
      'invalid-input',
      'Choose a folder outside the vault folder: an export is not encrypted.',
    );
  }
  const info = await stat(folder).catch(() => null);
  if (!info?.isDirectory()) {
    throw new AttuneError(
      'not-found',
      `The folder ${folder} is not there any more (a drive unplugged?). Choose the folder again.`,
    );
  }
}

/**
 * Free names in `folder` for one export of several files: `<stem>.<ext>` for each extension, or
 * `<stem>-2.<ext>`, `-3`… when any of them is taken, so files written together share a name.
 */
export async function freshNames(
  folder: string,
  stem: string,
  extensions: readonly string[],
): Promise<string[]> {
  for (let n = 1; n < 10_000; n++) {
    const paths = extensions.map((ext) => join(folder, `${stem}${n === 1 ? '' : `-${n}`}${ext}`));
    const taken = await Promise.all(
      paths.map((p) =>
        stat(p).then(
          () => true,
          () => false,
        ),
      ),
    );
    if (!taken.some(Boolean)) return paths;
  }
  throw new AttuneError(
    'io',
    `The folder ${folder} holds too many exports named ${stem}; choose another folder.`,
  );
}

/** How much text is gathered before a write: large enough to be quick, small beside the file. */
const CHUNK_CHARACTERS = 1 << 20;

/**
 * Writes a new file at `path` (readable by the user only) that is never there half written, and
 * never replaces a file that appeared meanwhile: `content` (bytes as they are, or lines each
 * followed by a line break, taken as they come so the whole text is never one string) goes to a
 * temp file beside it, flushed, then takes its name, and the folder is flushed. On any failure
 * nothing is left, and the drive's refusal is said in `fileWriteFailure`'s words (a full disk, no
 * permission, a read-only disk, a folder gone). With `replace` (the user asked for it: `attune
 * export --force`) the temp file is renamed over whatever file is there, in one step. Returns
 * the file's size in bytes.
 */
export async function writeNewFile(
  path: string,
  content: Uint8Array | Iterable<string> | AsyncIterable<string>,
  { fs = nodeVaultFs, replace = false }: { fs?: VaultFs; replace?: boolean } = {},
): Promise<number> {
  await removeStaleTemps(path);
  const temp = `${path}.tmp-${randomHex(4)}`;
  let fd: number | undefined;
  try {
    fd = await fs.open(temp, 'wx', 0o600);
  } catch (error) {
    throw fileWriteFailure(error, path);
  }
  let size = 0;
  let named = false;
  try {
    for await (const bytes of chunksOf(content)) {
      await fs.write(fd, bytes, size);
      size += bytes.length;
    }
    await fs.fsync(fd);
    const closing = fd;
    fd = undefined;
    await fs.close(closing);
    let linked = false;
    if (replace) await fs.rename(temp, path);
    else linked = await takeName(fs, temp, path);
    // Named from here: a failure below must take the file away again, not leave it behind unsaid.
    named = true;
    if (linked) await fs.unlink(temp);
    await fsyncDir(fs, dirname(path));
  } catch (error) {
    if (fd !== undefined) await fs.close(fd).catch(() => undefined);
    await fs.unlink(temp).catch(() => undefined);
    if (named && replace) {
      // The file it replaced is gone already: the new one, whole, is kept rather than leave nothing.
      throw new AttuneError(
        'io',
        `${path} was written, but the drive did not confirm that it is stored (${errorCode(error) ?? 'unknown error'}); open it to check before you rely on it.`,
      );
    }
    // Not flushed into its folder, the file may vanish in a power cut: the user is told it failed,
    // so it goes now rather than be trusted.
    if (named) await fs.unlink(path).catch(() => undefined);
    // A fault in what was being written (a bug) is not the drive's: it goes on as it is.
    if (error instanceof AttuneError || errorCode(error) === undefined) throw error;
    if (errorCode(error) === 'EEXIST' && !named) {
      throw new AttuneError(
        'io',
        `A file named ${path} appeared while saving; nothing was replaced. Export again.`,
      );
    }
    throw fileWriteFailure(error, path);
  }
  return size;
}

/** A temp file not written to for this long is left from a write that died (a crash, a kill). */
const STALE_TEMP_MS = 10 * 60_000;

/**
 * Removes the temp files an earlier write of `path` left when its process died mid-way: they hold
 * an export's plaintext, which no one would otherwise find. Only names of writeNewFile's own form
 * (`<name>.tmp-` and 8 hex digits), plain files not written to for ten minutes, so a write still
 * under way in another process is left alone. Best effort: what cannot be removed stays.
 */
async function removeStaleTemps(path: string): Promise<void> {
  const folder = dirname(path);
  const prefix = `${basename(path)}.tmp-`;
  const ours = (name: string) => name.startsWith(prefix) && /^[0-9a-f]{8}$/.test(name.slice(prefix.length));
  const names = await readdir(folder).catch(() => [] as string[]);
  for (const name of names.filter(ours)) {
    const info = await lstat(join(folder, name)).catch(() => null);
    if (info?.isFile() && Date.now() - info.mtimeMs > STALE_TEMP_MS) {
      await unlink(join(folder, name)).catch(() => undefined);
    }
  }
}

/** `content` as buffers of about CHUNK_CHARACTERS each. */
async function* chunksOf(
  content: Uint8Array | Iterable<string> | AsyncIterable<string>,
): AsyncGenerator<Buffer, void, undefined> {
  if (content instanceof Uint8Array) {
    yield Buffer.from(content.buffer, content.byteOffset, content.byteLength);
    return;
  }
  let pending: string[] = [];
  let length = 0;
  for await (const line of content) {
    pending.push(line, '\n');
    length += line.length + 1;
    if (length >= CHUNK_CHARACTERS) {
      yield Buffer.from(pending.join(''), 'utf8');
      pending = [];
      length = 0;
    }
  }
  if (length > 0) yield Buffer.from(pending.join(''), 'utf8');
}

/**
 * Gives the written temp file its name without replacing anything there: a hard link fails if the
 * name is taken (true: linked, the temp name is still there to remove). A drive without hard links (FAT, exFAT, some network shares) gets a rename, which
 * would replace, after a look that the name is still free.
 */
async function takeName(fs: VaultFs, temp: string, path: string): Promise<boolean> {
  try {
    await fs.link(temp, path);
  } catch (error) {
    if (errorCode(error) === 'EEXIST') throw error;
    const taken = await fs.lstat(path).then(
      () => true,
      (missing: unknown) => {
        if (errorCode(missing) === 'ENOENT') return false;
        throw missing;
      },
    );
    if (taken) throw Object.assign(new Error(`${path} exists`), { code: 'EEXIST' });
    await fs.rename(temp, path);
    return false;
  }
  return true;
}

/** The PDF bytes from the shell's print, checked to be a PDF. */
export async function printedPdf(print: () => Promise<Uint8Array>, what: string): Promise<Buffer> {
  let printed: Buffer;
  try {
    printed = Buffer.from(await print());
  } catch {
    throw new AttuneError('io', `The ${what} could not be printed to PDF. Try again.`);
  }
  if (printed.subarray(0, 5).toString('latin1') !== '%PDF-') {
    throw new AttuneError('io', 'Printing did not produce a PDF. Try again.');
  }
  return printed;
}
