import { join } from 'node:path';

/** The folder Attune makes inside the chosen backup folder; one subfolder per vault (its id in hex). */
export const BACKUP_ROOT = 'Attune backups';
/** The plaintext file that marks a generation as complete and lists its files' ciphertext hashes. */
export const SIDECAR_FILE = 'attune-backup.json';
export const SIDECAR_FORMAT = 'attune-backup';
export const SIDECAR_VERSION = 1;

/** `<folder>/Attune backups/<vault id>`: the backup set of one vault. */
export const backupSetDir = (folder: string, vaultId: string): string => join(folder, BACKUP_ROOT, vaultId);

export const isVaultIdName = (name: string): boolean => /^[0-9a-f]{32}$/.test(name);

/** A generation being written (`<name>.partial-<hex>`) or being pruned (`<name>.deleting-<hex>`). */
export const isUnfinishedName = (name: string): boolean => /\.(partial|deleting)-[0-9a-f]{8}$/.test(name);

/**
 * What a generation holds, readable without the passphrase: which files, and the SHA-256 of each
 * file's encrypted bytes (which reveal nothing about the contents). The next backup compares
 * these with the vault's manifest to link unchanged record files instead of copying them.
 */
export interface BackupSidecar {
  vaultId: string;
  generation: string;
  createdAt: string;
  /**
   * How the copy was checked after writing: 'full' (every file decrypted) or 'changed-files'
   * (the files copied by this backup decrypted; the hard-linked ones are the previous
   * generation's, checked before).
   */
  verified: 'full' | 'changed-files';
  /** When the last full check was made that this generation's shared files go back to. */
  fullVerifyAt: string;
  /** Path relative to the generation folder (forward slashes) → SHA-256 hex of its bytes. */
  files: Record<string, string>;
  /**
   * Format 2 only: for each log segment copied whole, the vault file it came from as
   * `size:mtimeMs:inode`. A segment whose vault file still has that stamp is linked by the next
   * backup without being read again (segments are only appended to, FORMAT.md §6).
   */
  sources?: Record<string, string>;
}

export function serializeSidecar(sidecar: BackupSidecar): Buffer {
  const json = {
    format: SIDECAR_FORMAT,
    version: SIDECAR_VERSION,
    vaultId: sidecar.vaultId,
    generation: sidecar.generation,
    createdAt: sidecar.createdAt,
    complete: true,
    verified: sidecar.verified,
    fullVerifyAt: sidecar.fullVerifyAt,
    files: sidecar.files,
    ...(sidecar.sources ? { sources: sidecar.sources } : {}),
  };
  return Buffer.from(`${JSON.stringify(json)}\n`, 'utf8');
}

export type SidecarRead = { sidecar: BackupSidecar } | { problem: 'damaged' | 'newer-version' };

const isHash = (v: unknown): v is string => typeof v === 'string' && /^[0-9a-f]{64}$/.test(v);

/** Parses a sidecar; a newer version is told apart from damage, as with the vault header. */
export function parseSidecar(bytes: Buffer): SidecarRead {
  let json: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(bytes.toString('utf8'));
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { problem: 'damaged' };
    json = parsed as Record<string, unknown>;
  } catch {
    return { problem: 'damaged' };
  }
  if (json.format !== SIDECAR_FORMAT) return { problem: 'damaged' };
  if (typeof json.version === 'number' && Number.isInteger(json.version) && json.version > SIDECAR_VERSION) {
    return { problem: 'newer-version' };
  }
  const { vaultId, generation, createdAt, fullVerifyAt, verified, files } = json;
  if (json.version !== SIDECAR_VERSION || json.complete !== true) return { problem: 'damaged' };
  if (verified !== 'full' && verified !== 'changed-files') return { problem: 'damaged' };
  if (typeof fullVerifyAt !== 'string' || Number.isNaN(Date.parse(fullVerifyAt)))
    return { problem: 'damaged' };
  if (typeof vaultId !== 'string' || !isVaultIdName(vaultId) || typeof generation !== 'string') {
    return { problem: 'damaged' };
  }
  if (typeof createdAt !== 'string' || Number.isNaN(Date.parse(createdAt))) return { problem: 'damaged' };
  if (typeof files !== 'object' || files === null || Array.isArray(files)) return { problem: 'damaged' };
  const checked: Record<string, string> = {};
  for (const [name, hash] of Object.entries(files)) {
    if (!isHash(hash)) return { problem: 'damaged' };
    checked[name] = hash;
  }
  const read: BackupSidecar = { vaultId, generation, createdAt, verified, fullVerifyAt, files: checked };
  const { sources } = json;
  if (sources !== undefined) {
    if (typeof sources !== 'object' || sources === null || Array.isArray(sources))
      return { problem: 'damaged' };
    read.sources = {};
    for (const [name, stamp] of Object.entries(sources)) {
      if (typeof stamp !== 'string' || stamp.length > 64) return { problem: 'damaged' };
      read.sources[name] = stamp;
    }
  }
  return { sidecar: read };
}
