import type { KdfParams } from '../kdf';
import type { AuditDetail, AuditType } from '../auditLog';
import type { VaultFs } from '../vaultFs';
import type { AffectedRecord } from './affectedRecords';
import type { SeenState } from './seenFile';
import type { SyncProblem } from './types';

// The plain data types of SyncedVault's public API (re-exported by SyncedVault.ts).

/**
 * Audit types format 2 adds to format 1's list (FORMAT.md §12–14). 'format-upgrade' closes the
 * audit chain carried over from format 1; only the upgrade writes it (appendAudit refuses it).
 */
export type SyncedAuditType = AuditType | 'device-join' | 'conflict-resolved' | 'format-upgrade';

export interface SyncedAuditRequest {
  type: SyncedAuditType;
  detail?: AuditDetail;
}

/** This computer, as the vault knows it: a random id kept in this computer's settings, and a name. */
export interface DeviceIdentity {
  /** 32 hex digits; omitted when this computer has never opened a vault (a new id is drawn). */
  hex?: string;
  name: string;
}

/** Where this computer remembers what it has seen of every log, outside the synced folder. */
export interface LocalSeenStore {
  load(): Promise<SeenState | null>;
  save(state: SeenState): Promise<void>;
}

export interface SyncedVaultOptions {
  fs?: VaultFs;
  device: DeviceIdentity;
  /** Start a new log segment past this size (default 8 MiB). */
  segmentBytes?: number;
  localSeen?: LocalSeenStore;
  /** The clock frames and audit entries are dated by (tests move it). */
  now?: () => Date;
  /** Presence heartbeat period in ms (default 60 s; 0 = no timer, tests call heartbeat()). */
  heartbeatMs?: number;
  /**
   * Pack this device's log at lock once this many frames lie outside its newest pack (and a
   * quarter as many as it holds; FORMAT.md §6.1). Default PACK_MIN_FRAMES (256); 0 never packs.
   */
  packMinFrames?: number;
  /** The passphrase KDF (default Argon2id, kdf.ts): the upgrade hands over the key it derived. */
  derive?: (passphrase: string, salt: Buffer, params: KdfParams) => Promise<Buffer>;
}

export interface ConflictVersion {
  opId: string;
  deviceHex: string;
  deviceName: string;
  at: string;
  deleted: boolean;
  value: unknown;
}

export interface RecordConflict {
  kind: string;
  id: string;
  versions: ConflictVersion[];
}

export interface SyncedVerifyReport {
  ok: boolean;
  records: number;
  conflicts: number;
  auditEntries: number;
  problems: SyncProblem[];
  /** Records the open vault shows whose version the folder no longer holds (the open vault's verify only). */
  affected?: AffectedRecord[];
  /** Per device, the frames the open vault has applied that the folder no longer gives (the open vault's verify only). */
  lost?: LostFrames[];
}

/** Frames `from` to `to` of a device's log: applied by the open vault, not in the folder now. */
export interface LostFrames {
  deviceHex: string;
  from: number;
  to: number;
}
