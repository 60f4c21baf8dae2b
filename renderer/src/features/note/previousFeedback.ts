/** The previous session's feedback, for the feedback section's drop flag. */
import type { SessionFeedback } from '../../../../shared/domain/feedback';
import { feedbackTotal } from '../../../../shared/domain/feedback';
import { type SessionRow, useSessionRows } from '../../data/hooks';

/**
 * The feedback of the latest session before `sessionId`'s whose note holds complete feedback;
 * null if there is none (or the session is not in the index yet).
 */
export function previousFeedbackOf(rows: readonly SessionRow[], sessionId: string): SessionFeedback | null {
  const current = rows.find((row) => row.session.id === sessionId);
  if (!current) return null;
  const before = Date.parse(current.session.startsAt);
  let found: { feedback: SessionFeedback; at: number } | null = null;
  for (const row of rows) {
    const feedback = row.note?.feedback;
    if (!feedback || row.session.id === sessionId || feedbackTotal(feedback) === null) continue;
    const at = Date.parse(row.session.startsAt);
    if (at < before && (!found || at > found.at)) found = { feedback, at };
  }
  return found?.feedback ?? null;
}

/** The previous session's complete feedback, from the index. */
export function usePreviousFeedback(clientId: string, sessionId: string): SessionFeedback | null {
  const rows = useSessionRows(clientId);
  return rows ? previousFeedbackOf(rows, sessionId) : null;
}
