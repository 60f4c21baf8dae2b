import { join } from 'node:path';
import { isNotFound, type VaultFs } from '../vaultFs';
import { DEVICES_DIR } from './readAllLogs';
import { classifyDeviceFile } from './syncNames';

/** Why nothing of a device's log is in the vault folder (SyncProblem.absent). */
export type AbsentLog = 'folder' | 'logs';

/**
 * Whether the folder `devices/<hex>` is missing ('folder') or holds no log file, segment, pack
 * or conflict copy of one ('logs'); undefined when some log file is there, or when something
 * other than a folder is under its name (reported as such by the reader, never followed).
 */
export async function absentLog(fs: VaultFs, dir: string, hex: string): Promise<AbsentLog | undefined> {
  const folder = join(dir, DEVICES_DIR, hex);
  try {
    const stat = await fs.lstat(folder);
    if (!stat.isDirectory || stat.isSymbolicLink) return undefined;
    const names = await fs.readdir(folder);
    return names.some(isLogFile) ? undefined : 'logs';
  } catch (error) {
    if (isNotFound(error)) return 'folder';
    throw error;
  }
}

function isLogFile(name: string): boolean {
  let kind = classifyDeviceFile(name);
  while (kind.type === 'artefact') kind = classifyDeviceFile(kind.of);
  return kind.type === 'segment' || kind.type === 'pack';
}

const changes = (n: number): string => (n === 1 ? '1 change' : `${n} changes`);

/**
 * What is gone, in words: "the folder of that computer’s changes (devices/<id>) is not in this
 * vault folder", or its log files are not. `folder`: "the folder of that computer’s changes".
 */
function whatIsGone(absent: AbsentLog, folder: string, file: string): string {
  return absent === 'folder'
    ? `${folder} (${file}) is not in this vault folder`
    : `${folder} (${file}) is in this vault folder, but none of its change log files (log-….bin) is`;
}

/** What may have caused it: deleted, or a sync app that has not brought it or leaves it out. */
function causes(absent: AbsentLog, waiting: boolean): string {
  const [it, was] = absent === 'folder' ? ['it', 'was'] : ['they', 'were'];
  const them = absent === 'folder' ? 'it' : 'them';
  const notSynced = `your sync app has not synced ${them} yet or leaves ${them} out (an ignore rule or a selective sync setting)`;
  const deleted = `${it} ${was} deleted (by hand or by a sync app)`;
  // Seen from another computer's claim, not arriving yet is the likelier; from this one's own, deletion.
  return waiting ? `${notSynced}, or ${deleted}` : `${deleted}, or ${notSynced}`;
}

/** Where to look for it: the sync app's deleted files, trash or version history. */
const lookFor = (absent: AbsentLog, file: string): string =>
  `look for ${absent === 'folder' ? `the folder ${file}` : `the files of ${file}`} in your sync app’s deleted files, trash or version history and put ${absent === 'folder' ? 'it' : 'them'} back`;

/**
 * Changes this computer had received from another computer (`who`), missing because nothing of
 * that computer's log is in the folder: said as such, not as an older copy put back. `open`:
 * the vault is open and still shows them.
 */
export function absentOtherLog(args: {
  absent: AbsentLog;
  who: string;
  file: string;
  lost: number;
  open?: boolean;
}): string {
  const { absent, who, file, lost } = args;
  const one = lost === 1;
  const shown = args.open
    ? ` ${one ? 'It is' : 'They are'} still shown here while the vault stays open.`
    : '';
  return `${changes(lost)} saved on ${who} that this computer had already received ${one ? 'is' : 'are'} missing: ${whatIsGone(absent, 'the folder of that computer’s changes', file)}. ${capital(causes(absent, false))}.${shown} To get ${one ? 'it' : 'them'} back, ${lookFor(absent, file)}; or open Attune on ${who} with the sync app running, so it sends its files again; or restore the vault from a backup.`;
}

/** The same for this computer's own log (`who` is "this computer (Office iMac)"). */
export function absentOwnLog(args: { absent: AbsentLog; who: string; file: string; lost: number }): string {
  const { absent, who, file, lost } = args;
  const one = lost === 1;
  return `${changes(lost)} saved on ${who} ${one ? 'is' : 'are'} missing: ${whatIsGone(absent, 'the folder of this computer’s changes', file)}. ${capital(causes(absent, false))}; or this computer opened a copy of the vault in another folder (an old copy kept beside it, say), and ${one ? 'it was' : 'they were'} saved in that copy. To get ${one ? 'it' : 'them'} back, ${lookFor(absent, file)}; if there is such a copy, copy the files in its ${file} folder into this vault folder’s ${file} folder (make it if it is not there); or restore the vault from a backup (Settings → Backups → Restore, which does not leave this warning behind).`;
}

/** Changes another computer has received from `who`, whose log is not in this folder at all. */
export function absentWaitingLog(args: {
  absent: AbsentLog;
  who: string;
  file: string;
  due: number;
}): string {
  const { absent, who, file, due } = args;
  const one = due === 1;
  // "Waiting for N changes from X: " first, as for changes still arriving (asBackupProblem reads it).
  return `Waiting for ${changes(due)} from ${who}: a computer using this vault has already received ${one ? 'it' : 'them'}, but ${whatIsGone(absent, `the folder that holds ${one ? 'it' : 'them'}`, file)}. ${capital(causes(absent, true))}. Keep your sync app running; if ${one ? 'it does' : 'they do'} not arrive, ${lookFor(absent, file)}, or open Attune on ${who} so the sync app sends its files again.`;
}

const capital = (text: string): string => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
