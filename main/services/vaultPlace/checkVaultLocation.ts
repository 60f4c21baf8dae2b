import { randomBytes } from 'node:crypto';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { AttuneError } from '../../../shared/errors';
import { errorCode, isNotFound, nodeVaultFs, type VaultFs } from '../../vault/vaultFs';
import { syncToolOf } from './syncToolOf';

/** What a chosen vault folder is checked against. */
export interface LocationContext {
  /** The vault folder in use now (for a move), or null at first run. */
  current: string | null;
  /** The backup folder, if one is set: the vault must not live inside it (or it inside the vault). */
  backupFolder: string | null;
  /**
   * The format of the vault that will live there (default 1). Format 2 is made for a synced
   * folder; format 1 in one loses notes once two computers open it, so it is kept out of them.
   */
  format?: 1 | 2;
}

/**
 * Names sync tools give the copies they make when two computers changed the same file
 * (Syncthing, Dropbox, OneDrive, Nextcloud, Google Drive, iCloud). A vault in such a folder, or
 * beside such copies of itself, would be read from a muddle of versions.
 */
const CONFLICT_PATTERNS = [
  /\.sync-conflict-/i,
  /conflicted copy/i,
  /\(case conflict/i,
  /-conflict-\d/i,
  /\(conflict\)/i,
  /_conflict-\d/i,
  /\[conflict\]/i,
];

const isConflictName = (name: string): boolean => CONFLICT_PATTERNS.some((p) => p.test(name));

const refuse = (message: string): AttuneError => new AttuneError('invalid-input', message);

function isWithin(child: string, parent: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

async function statOrNull(fs: VaultFs, path: string) {
  try {
    return await fs.stat(path);
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}

/**
 * Checks a folder the user chose for the vault: an absolute path; an empty folder or one that
 * does not exist yet (in a folder that does); not inside or around the current vault or the
 * backup folder; not in a folder a sync tool has made conflict copies in; for a format-1 vault,
 * not in a folder a sync tool keeps in sync at all; and writable (a test
 * file is written and removed). Resolves to the normalised path, or throws 'invalid-input'
 * saying what to choose instead.
 */
export async function checkVaultLocation(
  chosen: string,
  context: LocationContext,
  fs: VaultFs = nodeVaultFs,
): Promise<string> {
  if (typeof chosen !== 'string' || !isAbsolute(chosen)) {
    throw refuse('Choose a folder with the button; Attune needs its full path.');
  }
  const path = resolve(chosen);
  if (context.current) {
    const current = resolve(context.current);
    if (path === current) throw refuse('The vault is already in this folder. Choose another folder.');
    if (isWithin(path, current))
      throw refuse('A folder inside the vault folder cannot hold the vault. Choose a folder elsewhere.');
    if (isWithin(current, path))
      throw refuse('This folder holds the vault folder itself. Choose an empty folder elsewhere.');
  }
  if (
    context.backupFolder &&
    (isWithin(path, resolve(context.backupFolder)) || isWithin(resolve(context.backupFolder), path))
  ) {
    throw refuse(
      'The vault cannot live in your backup folder: a backup must be kept apart from the vault. Choose another folder.',
    );
  }
  if (path.split(sep).some(isConflictName)) {
    throw refuse(
      'This folder is a conflict copy made by a sync tool. Choose a folder that is not a conflict copy.',
    );
  }

  const stat = await statOrNull(fs, path);
  let probeDir = path;
  if (stat) {
    if (!stat.isDirectory) throw refuse('That is a file, not a folder. Choose an empty folder.');
    const entries = await fs.readdir(path).catch((error: unknown) => {
      throw unreadable(error);
    });
    if (entries.includes('attune-vault.json')) {
      throw refuse('There is already a vault in this folder. Choose an empty folder.');
    }
    if (entries.length > 0)
      throw refuse('This folder is not empty. Choose an empty folder, or make a new one in the dialog.');
  } else {
    const parent = await statOrNull(fs, dirname(path));
    if (!parent?.isDirectory)
      throw refuse('The folder that would hold the vault does not exist. Choose an existing folder.');
    probeDir = dirname(path);
  }
  const siblings = await fs.readdir(dirname(path)).catch(() => [] as string[]);
  const stem = basename(path).toLowerCase();
  if (siblings.some((name) => isConflictName(name) && name.toLowerCase().startsWith(stem))) {
    throw refuse(
      'A sync tool has made conflict copies of this folder beside it. Sort those out first, or choose another folder.',
    );
  }

  const tool = (context.format ?? 1) === 1 ? await syncToolOf(path, fs) : null;
  if (tool) {
    throw refuse(
      `This folder is kept in sync by ${tool}. This vault must not live in a synced folder: once it is opened on two computers, the sync app can silently lose notes. Choose a folder outside ${tool}. To keep a copy there, choose it as your backup folder in Settings → Backups instead.`,
    );
  }

  // Writable: the only sure test is to write.
  const probe = join(probeDir, `.attune-write-test-${randomBytes(4).toString('hex')}`);
  try {
    const fd = await fs.open(probe, 'wx', 0o600);
    try {
      await fs.write(fd, Buffer.from('test'), 0);
      await fs.fsync(fd);
    } finally {
      await fs.close(fd);
    }
  } catch (error) {
    await fs.unlink(probe).catch(() => undefined);
    throw notWritable(error);
  }
  await fs.unlink(probe).catch(() => undefined);
  return path;
}

function unreadable(error: unknown): AttuneError {
  return refuse(
    `Attune cannot read this folder (${errorCode(error) ?? 'unknown error'}). Choose another folder.`,
  );
}

function notWritable(error: unknown): AttuneError {
  const code = errorCode(error);
  if (code === 'ENOSPC' || code === 'EDQUOT')
    return refuse('The disk of this folder is full. Choose a folder on another disk, or free some space.');
  return refuse(
    'Attune cannot write in this folder (it is read-only or not yours). Choose a folder you can write to.',
  );
}
