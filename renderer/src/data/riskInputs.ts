import type { Session } from '../../../shared/domain/sessionSchema';
import type { NoteSummary } from '../../../shared/summaries/noteSummary';
import type { TodaySource } from './summaryIndex';

/**
 * What of the index main's 'risk:elevated' answer is computed from (RiskService's
 * `elevatedRisks`), remembered from the last look so a change elsewhere asks nothing: each note's
 * client, session, status and risk level, and each session's client, start and attendance. An
 * autosave changes none of these unless it sets the risk level; signing changes the status.
 * A note's save time counts only where it decides which assessment is latest (two assessed
 * notes of one client at the same start).
 */
export class RiskInputs {
  #sessions = new Map<string, Session>();
  #notes = new Map<string, NoteSummary>();

  /**
   * Whether anything the answer depends on differs from the last look (true on the first look
   * at a source); remembers this one. Compares records by identity first: a save replaces
   * one record, so a look is a pass of pointer checks.
   */
  changed(source: TodaySource): boolean {
    let changed = false;
    const resaved: NoteSummary[] = [];
    for (const session of source.sessions) {
      const seen = this.#sessions.get(session.id);
      if (seen === session) continue;
      if (
        !seen ||
        seen.clientId !== session.clientId ||
        seen.startsAt !== session.startsAt ||
        seen.attendance !== session.attendance
      )
        changed = true;
      this.#sessions.set(session.id, session);
    }
    for (const note of source.notes) {
      const seen = this.#notes.get(note.id);
      if (seen === note) continue;
      if (
        !seen ||
        seen.clientId !== note.clientId ||
        seen.sessionId !== note.sessionId ||
        seen.status !== note.status ||
        (seen.riskLevel ?? null) !== (note.riskLevel ?? null)
      )
        changed = true;
      else if (note.riskLevel && seen.updatedAt !== note.updatedAt) resaved.push(note);
      this.#notes.set(note.id, note);
    }
    // Every record of the source was set above, so more remembered means some are gone (a fill).
    if (this.#sessions.size !== source.sessions.length || this.#notes.size !== source.notes.length) {
      this.#sessions = new Map(source.sessions.map((s) => [s.id, s]));
      this.#notes = new Map(source.notes.map((n) => [n.id, n]));
      changed = true;
    }
    return changed || resaved.some((note) => this.#tied(note));
  }

  /** Forgets every look (at lock): the next look is a first one. */
  clear(): void {
    this.#sessions.clear();
    this.#notes.clear();
  }

  /** Whether another assessed note of the note's client has a session starting at the same time. */
  #tied(note: NoteSummary): boolean {
    const session = this.#sessions.get(note.sessionId);
    if (!session) return false;
    // Compared as instants, as RiskService does: one start may be written with two offsets.
    const at = Date.parse(session.startsAt);
    for (const other of this.#notes.values()) {
      if (other.id === note.id || !other.riskLevel || other.clientId !== note.clientId) continue;
      const otherSession = this.#sessions.get(other.sessionId);
      if (otherSession && Date.parse(otherSession.startsAt) === at) return true;
    }
    return false;
  }
}
