import type { SyncTool } from './syncTools';

/** Who lost a conflict, and when: what the tools put into a conflict copy's name. */
export interface ConflictCopyAuthor {
  /** The computer's name as the tool shows it ("OFFICE-IMAC"). */
  deviceName: string;
  /** Syncthing's short device id: the first 7 characters of the device id (A–Z, 2–7). */
  shortId: string;
  /** When the copy was made, or (Nextcloud) the losing file's mtime. */
  time: Date;
}

/**
 * The tool's name for a conflict copy of `path` ("dir/name.ext"), the copy sitting beside it.
 * `attempt` > 0 gives the next name to try when that one is taken. Times are printed in UTC so a
 * seed replays the same names on any machine; the real tools print local time.
 *
 * - Syncthing: `name.sync-conflict-YYYYMMDD-HHMMSS-XXXXXXX.ext`, XXXXXXX the short id of the
 *   device whose change lost (`conflictName`, lib/model/folder_sendrecv.go).
 * - Dropbox: `name (Computer's conflicted copy YYYY-MM-DD).ext` ("the editor's name, 'conflicted
 *   copy' and the save date are added", help.dropbox.com/syncing-uploads/conflicted-copy).
 * - OneDrive: `name-COMPUTERNAME.ext` (the "keep both" copy carries the computer's name).
 * - iCloud Drive: `name 2.ext`, then `name 3.ext` (Finder's duplicate numbering).
 * - Google Drive: `name (1).ext`, then `name (2).ext`.
 * - Nextcloud: `name (conflicted copy YYYY-MM-DD HHMMSS).ext`, the time being the losing file's
 *   mtime (`Utility::makeConflictFileName`, src/common/utility.cpp; the user name is only added
 *   when the server uploads conflict files).
 * When a dated name is taken the simulator adds ` (n)`; that collision rule is ours, not the tools'.
 */
export function conflictCopyName(
  tool: SyncTool,
  path: string,
  author: ConflictCopyAuthor,
  attempt = 0,
): string {
  const [stem, ext] = splitExtension(path);
  const t = author.time;
  const date = `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
  const clock = `${pad(t.getUTCHours())}${pad(t.getUTCMinutes())}${pad(t.getUTCSeconds())}`;
  const again = attempt > 0 ? ` (${attempt})` : '';
  switch (tool) {
    case 'syncthing':
      return `${stem}.sync-conflict-${date.replaceAll('-', '')}-${clock}-${author.shortId}${again}${ext}`;
    case 'dropbox':
      return `${stem} (${fileSafe(author.deviceName)}'s conflicted copy ${date})${again}${ext}`;
    case 'onedrive':
      return `${stem}-${fileSafe(author.deviceName)}${again}${ext}`;
    case 'icloud':
      return `${stem} ${2 + attempt}${ext}`;
    case 'gdrive':
      return `${stem} (${1 + attempt})${ext}`;
    case 'nextcloud':
      return `${stem} (conflicted copy ${date} ${clock})${again}${ext}`;
  }
}

/**
 * "dir/name.ext" → ["dir/name", ".ext"]: the last dot of the file's own name, unless the name
 * starts with it (".hidden" has no extension), as Nextcloud's makeConflictFileName splits.
 */
function splitExtension(path: string): [string, string] {
  const slash = path.lastIndexOf('/');
  const dot = path.lastIndexOf('.');
  if (dot <= slash + 1) return [path, ''];
  return [path.slice(0, dot), path.slice(dot)];
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** Characters no tool can put in a file name (Nextcloud's sanitizeForFileName list). */
const fileSafe = (name: string): string => name.replace(/[/?<>\\:*|"]/g, '');
