/** The folder-sync tools the simulator imitates. */
export type SyncTool = 'syncthing' | 'dropbox' | 'onedrive' | 'icloud' | 'gdrive' | 'nextcloud';

export const SYNC_TOOLS: readonly SyncTool[] = [
  'syncthing',
  'dropbox',
  'onedrive',
  'icloud',
  'gdrive',
  'nextcloud',
];

/** How unreliable the simulated tool is; a rate of 0 turns that fault off. */
export interface SyncFaults {
  /** Chance that a transfer whose delay has passed is delivered in a given step. */
  deliverRate: number;
  /** A transfer waits 1 + [0, maxDelay] steps before it can be delivered. */
  maxDelay: number;
  /** Chance that a transfer waits up to `longDelay` more steps: a file arriving long after. */
  longDelayRate: number;
  longDelay: number;
  /** Chance that a file arrives truncated to a random prefix first, completed at a later step. */
  partialRate: number;
  /** Chance per step that the tool replaces a file with an older version of it ("newer wins"). */
  staleOverwriteRate: number;
}

/**
 * Stale overwrites by tool. Syncthing compares version vectors, so an older copy never replaces a
 * newer one without a conflict: 0. The others decide by modification time (and the server's
 * view), so a device that comes back after a long time with wrong or preserved old mtimes can
 * push an older file over a newer one; reports of this are common for OneDrive and iCloud.
 * The rates are far above real life on purpose: a step is one sync round, and a rare fault must
 * show up in a short scenario.
 */
const STALE_OVERWRITE_RATE: Record<SyncTool, number> = {
  syncthing: 0,
  dropbox: 0.02,
  onedrive: 0.05,
  icloud: 0.05,
  gdrive: 0.03,
  nextcloud: 0.03,
};

export function defaultFaults(tool: SyncTool): SyncFaults {
  return {
    deliverRate: 0.6,
    maxDelay: 3,
    longDelayRate: 0.05,
    longDelay: 30,
    partialRate: 0.1,
    staleOverwriteRate: STALE_OVERWRITE_RATE[tool],
  };
}

/** A change as the tool sees it when two devices changed one path concurrently. */
export interface ConcurrentChange {
  /** Modification time of the changed file (ms since epoch). */
  mtime: number;
  shortId: string;
}

/**
 * Whether the change arriving now keeps the file's name (the one already there becomes the
 * conflict copy). Syncthing: the newer mtime wins, ties go to the larger device id
 * (`FileInfo.WinsConflict`, lib/protocol/bep_fileinfo.go; it breaks ties on the version
 * vector, here on the short id). The server-based tools keep what the
 * server has and turn the late arrival into the copy (Dropbox: "the last version saved will always
 * appear as the conflicted copy", help.dropbox.com/syncing-uploads/conflicted-copy; the Nextcloud
 * client renames its local file to the conflicted copy and downloads the server's).
 */
export function incomingWins(tool: SyncTool, incoming: ConcurrentChange, current: ConcurrentChange): boolean {
  if (tool !== 'syncthing') return false;
  if (incoming.mtime !== current.mtime) return incoming.mtime > current.mtime;
  return incoming.shortId > current.shortId;
}

/**
 * Paths no tool copies. The vault's own temp writes (`<name>.tmp-<8 hex>`, see
 * main/vault/atomicWrite.ts) and its lock (`attune.lock`, and anything starting so) belong to one
 * computer: the user is told to add them to the tool's ignore list (Syncthing `.stignore`,
 * Nextcloud "ignored files", Dropbox "ignored files" attribute), and the simulator assumes they
 * did. Syncthing's own temp files (`.syncthing.<name>.tmp`, lib/fs/tempname.go) are never scanned
 * either.
 */
export function isIgnoredBySync(relativePath: string): boolean {
  const name = relativePath.slice(relativePath.lastIndexOf('/') + 1);
  return (
    /\.tmp-[0-9a-f]{8}$/.test(name) ||
    name.startsWith('attune.lock') ||
    (name.startsWith('.syncthing.') && name.endsWith('.tmp'))
  );
}
