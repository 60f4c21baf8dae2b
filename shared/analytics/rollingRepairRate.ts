/** The repair rate over a sliding window of sessions, for the line on the rupture timeline. */
import { emptyOutcomeCounts, repairRate } from './repairRate';
import type { SessionMetrics } from './sessionMetrics';

/** The default window: the last five sessions. */
export const DEFAULT_REPAIR_WINDOW = 5;

/** The rolling repair rate at one session. */
export interface RollingRepairPoint {
  sessionId: string;
  startsAt: string;
  /** Repair rate of the ruptures in this session and the window − 1 before it; null if none has an outcome. */
  value: number | null;
}

/**
 * The repair rate of the ruptures in the last `window` sessions, at each session in order.
 * Near the start the window holds the sessions there are. Runs in one pass with running sums.
 */
export function rollingRepairRate(
  sessions: readonly SessionMetrics[],
  window: number = DEFAULT_REPAIR_WINDOW,
): RollingRepairPoint[] {
  if (!Number.isInteger(window) || window < 1) {
    throw new RangeError(
      `The repair-rate window must be a whole number of sessions, 1 or more, not ${window}.`,
    );
  }
  const sums = emptyOutcomeCounts();
  return sessions.map((s, i) => {
    sums.resolved += s.outcomes.resolved;
    sums.partial += s.outcomes.partial;
    sums.unresolved += s.outcomes.unresolved;
    const leaving = sessions[i - window];
    if (leaving) {
      sums.resolved -= leaving.outcomes.resolved;
      sums.partial -= leaving.outcomes.partial;
      sums.unresolved -= leaving.outcomes.unresolved;
    }
    return { sessionId: s.sessionId, startsAt: s.startsAt, value: repairRate(sums) };
  });
}
