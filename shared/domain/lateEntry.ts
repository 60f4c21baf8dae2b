/**
 * Late entries and overdue notes (issue 15): worked out from the session's start, the signature's
 * time and the user's limits, never stored, so a signed note is never rewritten to carry a label
 * and a changed limit relabels every note at once.
 */

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

/**
 * Hours after the session's start past which a signed note is a late entry. CMS expects notes
 * "at the time of service or shortly thereafter", which auditors commonly read as 24 to 48 hours
 * (some payers expect 24): a note signed later than that is what a record reviewer calls a
 * delayed or late entry. The therapist can set 1 to 720 hours (30 days: past that, the Medicare
 * Program Integrity Manual tells reviewers to give an entry less weight).
 */
export const DEFAULT_LATE_ENTRY_AFTER_HOURS = 48;
export const MAX_LATE_ENTRY_AFTER_HOURS = 720;

/**
 * Days after the session's start past which a note still unsigned (a draft, or none yet) is
 * overdue on Today. Two days matches the late-entry default: a note overdue on Today becomes a
 * late entry if it is signed now. At most 14, the days Today looks back over for notes to finish
 * (`UNSIGNED_WINDOW_DAYS`), so every overdue note is one Today can list.
 */
export const DEFAULT_DRAFT_REMINDER_DAYS = 2;
export const MAX_DRAFT_REMINDER_DAYS = 14;

/** A signed note's late-entry facts: when it was signed, and how long after the session began. */
export interface LateEntry {
  signedAt: string;
  hoursAfterSession: number;
}

/**
 * The note's late-entry facts when it was signed more than `afterHours` after its session began
 * (exactly `afterHours` is on time), else null. Instants are compared, so time zones and daylight
 * saving changes between the two make no difference: 48 hours is 48 elapsed hours.
 */
export function lateEntry(
  sessionStartsAt: string,
  signedAt: string | null | undefined,
  afterHours: number,
): LateEntry | null {
  if (!signedAt) return null;
  const start = Date.parse(sessionStartsAt);
  const signed = Date.parse(signedAt);
  if (Number.isNaN(start) || Number.isNaN(signed)) return null;
  const elapsed = signed - start;
  return elapsed > afterHours * HOUR ? { signedAt, hoursAfterSession: elapsed / HOUR } : null;
}

/**
 * Whether a note signed at `now` would be a late entry: what the sign dialog says before the
 * therapist signs.
 */
export function wouldBeLateEntry(sessionStartsAt: string, now: Date, afterHours: number): boolean {
  return lateEntry(sessionStartsAt, now.toISOString(), afterHours) !== null;
}

/**
 * Whether a session's note, still unsigned at `now`, is overdue: its session began more than
 * `reminderDays` days ago. A session still to come is never overdue.
 */
export function noteOverdue(sessionStartsAt: string, now: Date, reminderDays: number): boolean {
  const start = Date.parse(sessionStartsAt);
  return !Number.isNaN(start) && now.getTime() - start > reminderDays * DAY;
}
