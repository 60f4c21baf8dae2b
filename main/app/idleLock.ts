import type { Result } from '../../shared/ipc/result';
import type { Lockable } from './lockTriggers';

/** The part of `powerMonitor` used here. */
export interface IdleClock {
  /** Seconds since the last keyboard or mouse input anywhere on the machine. */
  getSystemIdleTime(): number;
}

/** How often main checks: the backstop locks at most this long after the renderer should have. */
export const IDLE_POLL_MS = 30_000;

/** True when the machine has been idle for the user's auto-lock time (null: unknown, so never). */
export function idleLockDue(idleSeconds: number, autoLockMinutes: number | null): boolean {
  if (autoLockMinutes === null || !Number.isFinite(autoLockMinutes) || autoLockMinutes <= 0) return false;
  return idleSeconds >= autoLockMinutes * 60;
}

/** The auto-lock minutes in a 'settings:get' answer; null when it failed (the vault is locked). */
export function autoLockMinutesOf(result: Result<unknown>): number | null {
  if (!result.ok || typeof result.value !== 'object' || result.value === null) return null;
  const minutes = (result.value as { autoLockMinutes?: unknown }).autoLockMinutes;
  return typeof minutes === 'number' ? minutes : null;
}

export interface IdleLockOptions {
  pollMs?: number;
  report?: (what: string, error: unknown) => void;
}

/**
 * The main process's backstop for auto-lock. The renderer locks after the user's auto-lock time
 * without input in its window; if it cannot (hung, throttled, gone), main still locks once the
 * whole machine has been idle that long. `autoLockMinutes` reads the user's setting, which only
 * an unlocked vault has (null while locked: nothing to lock). Returns a function that stops it.
 */
export function wireIdleLock(
  idle: IdleClock,
  autoLockMinutes: () => Promise<number | null>,
  backend: Pick<Lockable, 'lock'>,
  options: IdleLockOptions = {},
): () => void {
  const report = options.report ?? ((what, error) => console.error(`[attune] ${what} failed:`, error));
  let checking = false;
  const check = async () => {
    if (checking) return; // a slow check (the vault still loading) is not stacked
    checking = true;
    try {
      if (idleLockDue(idle.getSystemIdleTime(), await autoLockMinutes())) await backend.lock('idle');
    } catch (error) {
      report('lock on idle', error);
    } finally {
      checking = false;
    }
  };
  const timer = setInterval(() => void check(), options.pollMs ?? IDLE_POLL_MS);
  timer.unref?.(); // the poll alone never keeps a process running
  return () => clearInterval(timer);
}
