import { memo } from 'react';
import { type LateEntry, lateEntry } from '../../../shared/domain/lateEntry';
import { formatDate } from '../format/dates';

/** "Late entry, signed 3 Dec 2026": the label of a note signed past the late-entry limit. */
export function lateEntryText(late: LateEntry): string {
  return `Late entry, signed ${formatDate(late.signedAt)}`;
}

/**
 * The "Late entry" label of a signed note, with the date it was signed; nothing when the note was
 * signed in time or is not signed. Worked out here from the session and the signature, never stored.
 */
export const LateEntryBadge = memo(function LateEntryBadge({
  sessionStartsAt,
  signedAt,
  afterHours,
}: {
  sessionStartsAt: string | undefined;
  signedAt: string | null | undefined;
  afterHours: number;
}) {
  const late = sessionStartsAt ? lateEntry(sessionStartsAt, signedAt, afterHours) : null;
  if (!late) return null;
  return (
    <span
      className="badge late-entry"
      title={`Signed ${Math.floor(late.hoursAfterSession)} hours after the session began (the limit is ${afterHours} hours).`}
    >
      {lateEntryText(late)}
    </span>
  );
});
