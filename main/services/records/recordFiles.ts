/** Writing exported records into a folder the user chose: never inside the vault, never over a file. */
import { open, rm, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import { AttuneError } from '../../../shared/errors';
import { aliasFileStem } from '../../../shared/review/reviewFiles';

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

/**
 * Writes `bytes` to a new file at `path` (readable by the user only), flushed to disk. Fails
 * rather than replace a file that appeared meanwhile; a partly written file is removed.
 */
export async function writeNewFile(path: string, bytes: Uint8Array): Promise<void> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, 'wx', 0o600);
  } catch (error) {
    const exists = (error as NodeJS.ErrnoException).code === 'EEXIST';
    throw new AttuneError(
      'io',
      exists
        ? `A file named ${path} appeared while saving; nothing was replaced. Export again.`
        : `Cannot write ${path}; check that the folder is writable and the drive has room.`,
    );
  }
  try {
    await handle.writeFile(bytes);
    await handle.sync();
    await handle.close();
  } catch {
    await handle.close().catch(() => undefined);
    await rm(path, { force: true });
    throw new AttuneError('io', `Cannot write ${path}; check that the drive has room, then export again.`);
  }
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
