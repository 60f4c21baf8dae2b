import { elevatedRiskLevels, type RiskLevel, riskLevels } from '../../shared/domain/riskSchema';
import type { Session } from '../../shared/domain/sessionSchema';
import type { ElevatedRisk } from '../../shared/ipc/contracts/safetyPlanContract';
import type { NoteSummary } from '../../shared/summaries/noteSummary';
import { noteSummaries } from './noteSummaries';
import { kinds, type RecordStore } from './RecordStore';

/**
 * Each client's latest assessed risk, from the note summaries main keeps anyway (their risk
 * level is summarized as the notes are read at unlock): two passes over summaries, one over
 * sessions, no note parsed.
 */
export class RiskService {
  constructor(private readonly store: RecordStore) {}

  /** Every client whose latest risk assessment is at an elevated level. */
  async elevated(): Promise<ElevatedRisk[]> {
    const [sessions, notes] = await Promise.all([
      this.store.all<Session>(kinds.session),
      noteSummaries(this.store),
    ]);
    return elevatedRisks(sessions, notes);
  }
}

/**
 * Per client, the note with a risk level whose session is latest (a later note's assessment,
 * even "low", replaces an earlier one); those at an elevated level, highest first, then the
 * oldest assessment first. A note whose session is missing (unreadable) is left out.
 */
export function elevatedRisks(
  sessions: ReadonlyMap<string, Session>,
  notes: ReadonlyMap<string, NoteSummary> | readonly NoteSummary[],
): ElevatedRisk[] {
  const each = () => (Array.isArray(notes) ? notes : (notes as ReadonlyMap<string, NoteSummary>).values());
  const latest = new Map<string, { note: NoteSummary; session: Session; level: RiskLevel }>();
  for (const note of each()) {
    const level = note.riskLevel;
    if (!level) continue;
    const session = sessions.get(note.sessionId);
    if (!session) continue;
    const seen = latest.get(note.clientId);
    if (!seen || later(session, note, seen.session, seen.note)) {
      latest.set(note.clientId, { note, session, level });
    }
  }
  const elevated = new Map<string, ElevatedRisk>();
  for (const [clientId, { note, session, level }] of latest) {
    if (!elevatedRiskLevels.has(level)) continue;
    elevated.set(clientId, {
      clientId,
      level,
      sessionDate: session.startsAt,
      sessionId: session.id,
      noteId: note.id,
      followUp: null,
    });
  }
  if (elevated.size === 0) return [];
  // Where each follow-up is written: the first later session without a signed note.
  const noteOfSession = new Map<string, NoteSummary>();
  for (const note of each()) {
    if (elevated.has(note.clientId)) noteOfSession.set(note.sessionId, note);
  }
  // Times parsed once each: the assessment's, and the follow-up found so far, per client.
  const assessedAt = new Map([...elevated].map(([id, r]) => [id, Date.parse(r.sessionDate)]));
  const followUpAt = new Map<string, number>();
  for (const session of sessions.values()) {
    const risk = elevated.get(session.clientId);
    if (!risk) continue;
    const at = Date.parse(session.startsAt);
    if (at <= (assessedAt.get(risk.clientId) ?? 0) || at >= (followUpAt.get(risk.clientId) ?? Infinity))
      continue;
    const note = noteOfSession.get(session.id);
    if (note?.status === 'signed' || (!note && session.attendance === 'cancelled')) continue;
    followUpAt.set(risk.clientId, at);
    risk.followUp = { sessionId: session.id, startsAt: session.startsAt, noteId: note?.id ?? null };
  }
  const rank = (level: RiskLevel) => riskLevels.indexOf(level);
  return [...elevated.values()].sort(
    (a, b) => rank(b.level) - rank(a.level) || Date.parse(a.sessionDate) - Date.parse(b.sessionDate),
  );
}

/** Whether (session, note) comes after (other, otherNote): by session start, then last saved. */
function later(session: Session, note: NoteSummary, other: Session, otherNote: NoteSummary): boolean {
  const bySession = Date.parse(session.startsAt) - Date.parse(other.startsAt);
  return bySession > 0 || (bySession === 0 && note.updatedAt > otherNote.updatedAt);
}
