import { isTempName } from '../atomicWrite';
import { LOCK_FILE } from '../processLock';
import { MAX_SEGMENT } from './logFrame';

/**
 * What each file name in a device folder is (FORMAT.md §2, §11). Sync tools leave names of
 * their own beside the vault's files; a reader must tell a conflict copy of a log segment (more
 * frames of that device, to read) from a partial download (to ignore) and from a file nobody
 * knows (foreign: reported, never read, never deleted).
 *
 * Conservative by design: a name is an artefact only when it is a known vault file name with
 * one tool's suffix added (suffixes may stack: a copy of a copy); anything else is foreign.
 */
export type SyncTool = 'syncthing' | 'dropbox' | 'onedrive' | 'icloud' | 'gdrive' | 'nextcloud';

export type DeviceFileName =
  | { type: 'segment'; segment: number }
  /** A pack of the device's own frames of segments 1..segment (FORMAT.md §6.1). */
  | { type: 'pack'; segment: number }
  | { type: 'keys' }
  | { type: 'seen' }
  | { type: 'presence' }
  | { type: 'lock' }
  | { type: 'temp' }
  /** A conflict copy of file `of` (classify `of` again to know what it is). */
  | { type: 'artefact'; of: string; tool: SyncTool }
  | { type: 'partial' }
  | { type: 'foreign' };

/** `log-000001.bin`: six decimal digits (FORMAT.md §6). */
export const segmentFileName = (segment: number): string => {
  if (!Number.isInteger(segment) || segment < 1 || segment > MAX_SEGMENT) {
    throw new RangeError(`bad segment number ${segment}`);
  }
  return `log-${String(segment).padStart(6, '0')}.bin`;
};

/** `pack-000003.bin`: the pack covering segments 1 to 3 (FORMAT.md §6.1). */
export const packFileName = (segment: number): string => `pack-${segmentFileName(segment).slice(4)}`;

/** A device folder is named by the device id: 32 lowercase hex digits. */
export const isDeviceFolderName = (name: string): boolean => /^[0-9a-f]{32}$/.test(name);

const KNOWN: Record<string, DeviceFileName> = {
  'keys.json': { type: 'keys' },
  'seen.bin': { type: 'seen' },
  'presence.bin': { type: 'presence' },
};
const SEGMENT_NAME = /^log-(\d{6})\.bin$/;
const PACK_NAME = /^pack-(\d{6})\.bin$/;
/** Longer names are no vault file nor any copy of one; bounds the work spent on a hostile name. */
const MAX_NAME = 255;

/**
 * Conflict-copy suffixes, inserted by each tool just before the extension (so `keys.json` gives
 * `keys<suffix>.json`). Each is anchored at the end of the name's stem, and each tool is tried in
 * this order; OneDrive's is the loosest, so it comes last.
 */
const CONFLICT_SUFFIXES: ReadonlyArray<{ tool: SyncTool; suffix: RegExp }> = [
  // Syncthing lib/model/folder_sendrecv.go conflictName: name + time.Now().Format(
  // ".sync-conflict-20060102-150405-") + lastModBy + ext, lastModBy being the device's ShortID,
  // 7 characters of base32 (lib/protocol/deviceid.go ShortID.String), or "" when unknown.
  { tool: 'syncthing', suffix: /\.sync-conflict-\d{8}-\d{6}-(?:[A-Z2-7]{7})?$/ },
  // Nextcloud / ownCloud desktop src/common/utility.cpp makeConflictFileName:
  // " (conflicted copy " + optional user name (parentheses replaced) + " " + "yyyy-MM-dd hhmmss)";
  // conflictFileBaseNameFromPattern also recognises the older "_conflict-yyyyMMdd-hhmmss".
  { tool: 'nextcloud', suffix: / \(conflicted copy (?:[^()/\\]+ )?\d{4}-\d{2}-\d{2} \d{6}\)$/ },
  { tool: 'nextcloud', suffix: /_conflict-\d{8}-\d{6}$/ },
  // Dropbox: " (<computer or person>'s conflicted copy YYYY-MM-DD)", with " (1)" inside the
  // parenthesis when that name is taken (Dropbox help "What's a conflicted copy?"; the names
  // users' clean-up scripts match). Only the English wording: other languages' names are foreign.
  { tool: 'dropbox', suffix: / \([^/\\]+['’]s conflicted copy \d{4}-\d{2}-\d{2}(?: \(\d+\))?\)$/ },
  // Google Drive for desktop: " (1)", " (2)" ...
  { tool: 'gdrive', suffix: / \([1-9]\d{0,3}\)$/ },
  // iCloud Drive: " 2", " 3" ... (the copy numbering starts at 2).
  { tool: 'icloud', suffix: / (?:[2-9]|[1-9]\d{1,3})$/ },
  // OneDrive: "-<computer name>" (Windows: up to 15 letters, digits and hyphens; macOS names may
  // hold spaces; the Linux client abraunegg/onedrive writes "-<hostname>-safeBackup-0001").
  // Matched from the hyphen after a known stem, so "log-000001-000002.bin" is a copy of segment 1.
  { tool: 'onedrive', suffix: /-[^/\\\p{Cc}]{1,64}$/u },
];

/**
 * Partial downloads: the inner name is the file being written.
 * Syncthing lib/fs/tempname.go: ".syncthing." + name + ".tmp" (Unix), "~syncthing~" + name +
 * ".tmp" (Windows), the name replaced by its SHA-256 hex when long. Nextcloud
 * createDownloadTmpFileName (src/libsync/propagatedownload.cpp): "." + name + ".~" + random hex.
 * iCloud Drive: ".<name>.icloud", a placeholder for a file not yet downloaded. "~<name>.tmp":
 * FORMAT.md §11 (other tools). Dropbox stages downloads in ".dropbox.cache" at the root of the
 * Dropbox folder (Dropbox help "What is the Dropbox cache folder?"), so it leaves none here.
 */
const PARTIALS: readonly RegExp[] = [
  /^\.syncthing\.(.+)\.tmp$/,
  /^~syncthing~(.+)\.tmp$/,
  /^\.(.+)\.~[0-9a-f]{1,8}$/,
  /^\.(.+)\.icloud$/,
  /^~(.+)\.tmp$/,
];
const HASHED_SYNCTHING_TEMP = /^(?:\.syncthing\.|~syncthing~)[0-9a-f]{64}\.tmp$/;

const FOREIGN: DeviceFileName = { type: 'foreign' };

/** Classifies one file name found in `devices/<deviceId>/`. */
export const classifyDeviceFile = (name: string): DeviceFileName => classify(name, new Map());

/**
 * Names already classified during one call: a name with many hyphens can be split at each of
 * them, and each part split again, so without it a hostile name would cost exponential time.
 */
type Seen = Map<string, DeviceFileName>;

function classify(name: string, seen: Seen): DeviceFileName {
  const cached = seen.get(name);
  if (cached) return cached;
  const result = classifyOnce(name, seen);
  seen.set(name, result);
  return result;
}

function classifyOnce(name: string, seen: Seen): DeviceFileName {
  if (name.length === 0 || name.length > MAX_NAME) return FOREIGN;
  const known = knownFile(name);
  if (known) return known;
  // `attune.lock*` (the lock and its own temp files) and atomic-write temps are never read (§2).
  if (name.startsWith(LOCK_FILE)) return { type: 'lock' };
  if (isTempName(name)) return { type: 'temp' };
  if (isPartial(name, seen)) return { type: 'partial' };
  return conflictCopy(name, seen) ?? FOREIGN;
}

function knownFile(name: string): DeviceFileName | null {
  const fixed = KNOWN[name];
  if (fixed) return fixed;
  const match = SEGMENT_NAME.exec(name);
  const segment = match ? Number(match[1]) : 0;
  if (segment >= 1) return { type: 'segment', segment };
  const pack = PACK_NAME.exec(name);
  const covers = pack ? Number(pack[1]) : 0;
  return covers >= 1 ? { type: 'pack', segment: covers } : null;
}

/** True for a name that is, or is a conflict copy of, a file the vault writes. */
function isVaultFileOrCopy(name: string, seen: Seen): boolean {
  const type = classify(name, seen).type;
  return type !== 'foreign' && type !== 'partial' && type !== 'lock' && type !== 'temp';
}

function isPartial(name: string, seen: Seen): boolean {
  if (HASHED_SYNCTHING_TEMP.test(name)) return true;
  return PARTIALS.some((pattern) => {
    const inner = pattern.exec(name)?.[1];
    // A partial copy of the lock or of a temp file is as harmless as a vault file's.
    return inner !== undefined && classify(inner, seen).type !== 'foreign';
  });
}

function conflictCopy(name: string, seen: Seen): DeviceFileName | null {
  // Every vault file name has an extension, and every tool keeps it last.
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return null;
  const stem = name.slice(0, dot);
  const ext = name.slice(dot);
  for (const { tool, suffix } of CONFLICT_SUFFIXES) {
    if (tool === 'onedrive') {
      const of = oneDriveOriginal(stem, ext, suffix, seen);
      if (of) return { type: 'artefact', of, tool };
      continue;
    }
    const match = suffix.exec(stem);
    if (!match) continue;
    const of = stem.slice(0, match.index) + ext;
    if (isVaultFileOrCopy(of, seen)) return { type: 'artefact', of, tool };
  }
  return null;
}

/**
 * The computer name may itself hold hyphens ("DESKTOP-1A2B3C4"), so the name is split at the
 * first hyphen that leaves a vault file's own name; failing that, at the last hyphen that leaves
 * a copy of one (a OneDrive suffix added to another tool's copy).
 */
function oneDriveOriginal(stem: string, ext: string, suffix: RegExp, seen: Seen): string | null {
  for (let at = stem.indexOf('-'); at > 0; at = stem.indexOf('-', at + 1)) {
    const of = stem.slice(0, at) + ext;
    if (knownFile(of) && suffix.test(stem.slice(at))) return of;
  }
  for (let at = stem.lastIndexOf('-'); at > 0; at = stem.lastIndexOf('-', at - 1)) {
    const of = stem.slice(0, at) + ext;
    if (suffix.test(stem.slice(at)) && isVaultFileOrCopy(of, seen)) return of;
  }
  return null;
}
