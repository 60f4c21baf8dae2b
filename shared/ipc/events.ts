import type { BackupStatus } from '../domain/backupHealth';

/** Push events from main to the renderer. Payloads are JSON-safe. */
// 'window-stopped': the window's renderer crashed or stopped responding, so main locked.
export type LockReason = 'user' | 'idle' | 'suspend' | 'screen-lock' | 'quit' | 'window-stopped';

/**
 * Long work in main whose progress the renderer shows; others (key rotation) join this list.
 * 'upgrade': a format-1 vault rewritten in format 2 at unlock (records done of total).
 */
export type ProgressTask = 'verify' | 'rotate-key' | 'backup' | 'restore' | 'upgrade';

export interface Events {
  'vault:locked': { reason: LockReason };
  /**
   * Main is about to lock (suspend, screen lock): the renderer saves its drafts and locks itself;
   * main locks anyway after a short grace period.
   */
  'vault:lockRequested': { reason: LockReason };
  /** How far long work in main has got: `done` of `total` steps (record files, for 'verify'). */
  'vault:progress': { task: ProgressTask; done: number; total: number };
  /** A backup started or ended (on lock, hourly, or asked for): the new status. */
  'backup:status': BackupStatus;
  /**
   * Changes from another computer sharing the vault were merged while it is open: what the
   * renderer holds (its index, an open page) is out of date and is fetched again.
   */
  'records:changed': Record<string, never>;
}

export type EventName = keyof Events;

export const eventNames: readonly EventName[] = [
  'vault:locked',
  'vault:lockRequested',
  'vault:progress',
  'backup:status',
  'records:changed',
];

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && (eventNames as readonly string[]).includes(name);
}
