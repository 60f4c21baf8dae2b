/**
 * What the sync simulator passes around: a file's state as sent, the versions of the tool's index,
 * what the tool remembers per device, and the transfers waiting to be delivered.
 */

/** A file as a device sent it; `bytes` null is a deletion. */
export interface FileState {
  bytes: Buffer | null;
  hash: string | null;
  /** Simulated time of the change: what conflict decisions and names use, so a seed replays. */
  mtime: number;
  /** The file's real mtime on the sending device, written back with the file as the tools do. */
  diskMtime: number;
}

/** One version of a path as the tool's index knows it. */
export interface Version extends FileState {
  seq: number;
  device: number;
}

export interface DeviceState {
  index: number;
  folder: string;
  name: string;
  shortId: string;
  online: boolean;
  /** Per path, the index version the local file derives from (and that file's hash then). */
  base: Map<string, { seq: number; hash: string | null }>;
  /** Per path, the hash the tool last saw or wrote locally; no entry = no file. */
  seen: Map<string, string>;
  staging?: string;
}

export interface Upload {
  kind: 'upload';
  device: number;
  path: string;
  parentSeq: number;
  state: FileState;
  readyAt: number;
}

export interface Download {
  kind: 'download';
  device: number;
  path: string;
  /** The version current when the transfer was queued: it may be stale by the time it lands. */
  version: Version;
  readyAt: number;
  partial: boolean;
}

export type Transfer = Upload | Download;
