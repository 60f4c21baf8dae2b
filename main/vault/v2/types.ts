/**
 * The shapes the format-2 engine's parts share (main/vault/FORMAT.md). Each part lives in its
 * own file; this one only names what crosses between them, so the parts can be built and tested
 * separately.
 */

/** 16 raw bytes, as in every AD; `hex` is its 32-digit name in folders and JSON. */
export interface DeviceRef {
  readonly id: Buffer;
  readonly hex: string;
}

/** `<deviceId hex>:<seq>:<index>` (FORMAT.md §1). */
export type OpId = string;

export const opId = (deviceHex: string, seq: number, index: number): OpId => `${deviceHex}:${seq}:${index}`;

/** An op as stored in a frame's meta (FORMAT.md §5). Put values travel beside the meta. */
export type LogOp =
  | { op: 'put'; kind: string; id: string; parents: OpId[]; size: number }
  | { op: 'delete'; kind: string; id: string; parents: OpId[] }
  | { op: 'device'; name: string };

/** A frame's decoded payload (FORMAT.md §7). `values[i]` is the UTF-8 JSON of the i-th put, in op order. */
export interface FramePayload {
  /** ISO 8601 UTC with milliseconds, the writing device's clock. */
  at: string;
  ops: LogOp[];
  /** Audit entry texts, format 1's entry JSON, chained per device. */
  audit: string[];
  values: Buffer[];
}

/** One authenticated frame of one device's log, as read from a segment. */
export interface LogFrame {
  seq: number;
  /** SHA-256 of the previous frame (32 zero bytes for seq 1). */
  prev: Buffer;
  /** SHA-256 of this whole frame. */
  hash: Buffer;
  /** The unpadded payload bytes (`u32(M) || meta || values`), decrypted. */
  payload: Buffer;
  /** Where it was read: segment file name and byte range. */
  file: string;
  start: number;
  end: number;
}

/** The highest applied frame of a device: what `seen.bin` claims (FORMAT.md §9). */
export interface HeadClaim {
  seq: number;
  /** 64 hex digits. */
  hash: string;
}

/** Something a reader noticed, in words for the user, and where. */
export interface SyncProblem {
  /** `damage`: bytes fail their checks; `fork`: two frames share a seq; `rollback`: frames this
   *  device had seen are gone; `waiting`: another device saw frames that have not arrived here;
   *  `artefact`: a sync tool's conflict copy or partial file; `foreign`: a file Attune does not know;
   *  `repaired`: damage or a loss whose records were restored, acknowledged in the log (FORMAT.md §9.1). */
  type: 'damage' | 'fork' | 'rollback' | 'waiting' | 'artefact' | 'foreign' | 'repaired';
  /** Path relative to the vault folder. */
  file: string;
  deviceHex?: string;
  message: string;
  /** Damaged bytes: the file is not read from this byte on (a damage acknowledgement names it). */
  offset?: number;
  /** A claim not met: the device's frames from `from` to `to` are not in the folder. */
  frames?: { from: number; to: number };
  /**
   * A claim not met because nothing of the device's log is in the folder: its folder
   * `devices/<id>` is not there (deleted, or not synced), or holds no log file. Not set when
   * the log is there but shorter than claimed (an older copy).
   */
  absent?: 'folder' | 'logs';
  /** `repaired`: when the repair that acknowledged it was written (ISO 8601), and on which computer. */
  repairedAt?: string;
  repairedBy?: string;
}

/** Problems that make a copy unusable: all but a conflict copy noted, changes still to arrive, and a loss acknowledged as repaired. */
export const blockingProblems = (problems: SyncProblem[]): SyncProblem[] =>
  problems.filter((p) => p.type !== 'artefact' && p.type !== 'waiting' && p.type !== 'repaired');
