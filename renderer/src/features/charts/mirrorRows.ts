/** Chart and table rows for the mirror, from a client's mirror (shared/analytics/mirror). */
import type { ClientMirror } from '../../../../shared/analytics/mirror';
import type { EpisodeStatus, RuptureEpisode } from '../../../../shared/analytics/mirrorEpisodes';
import { signedChange } from '../../../../shared/analytics/mirrorWords';
import type { ParticipationPoint } from '../../../../shared/analytics/participationOverTime';
import type { AgreementReading } from '../../../../shared/analytics/ratingAgreement';
import { sessionDate } from './chartFormat';
import type { SessionPoint } from './clientChartRows';

/** Where the episode marks sit: a band above the 0–40 outcome scale, so they never hide a point. */
export const EPISODE_BAND = 44;

/** A session on the outcome chart: its outcome, and its rupture episode if it had one. */
export interface OutcomeRow extends SessionPoint {
  outcome: number | null;
  episode: RuptureEpisode | null;
}

/** Sessions with an outcome or a rupture episode, in time order. */
export function outcomeRows(m: ClientMirror): OutcomeRow[] {
  const bySession = new Map<
    string,
    { startsAt: string; noteId: string | null; outcome: number | null; episode: RuptureEpisode | null }
  >();
  for (const o of m.outcomes)
    bySession.set(o.sessionId, { startsAt: o.startsAt, noteId: null, outcome: o.value, episode: null });
  for (const e of m.episodes) {
    const seen = bySession.get(e.sessionId);
    bySession.set(e.sessionId, {
      startsAt: e.startsAt,
      noteId: e.noteId,
      outcome: seen?.outcome ?? null,
      episode: e,
    });
  }
  const noteOf = new Map(m.participation.map((p) => [p.sessionId, p.noteId]));
  // The analytics order sessions by instant, then id: the same here, so rows follow the session list.
  return [...bySession.entries()]
    .sort(([a, x], [b, y]) => Date.parse(x.startsAt) - Date.parse(y.startsAt) || (a < b ? -1 : a > b ? 1 : 0))
    .map(([sessionId, r], index) => ({
      index,
      sessionId,
      noteId: r.noteId ?? noteOf.get(sessionId) ?? null,
      date: sessionDate(r.startsAt),
      outcome: r.outcome,
      episode: r.episode,
    }));
}

export interface AgreementRow extends SessionPoint {
  meanRating: number;
  feedbackTotal: number;
  reading: AgreementReading;
}

export function agreementRows(m: ClientMirror): AgreementRow[] {
  return m.agreementPoints.map((p, index) => ({
    index,
    sessionId: p.sessionId,
    noteId: p.noteId,
    date: sessionDate(p.startsAt),
    meanRating: p.meanRating,
    feedbackTotal: p.feedbackTotal,
    reading: p.reading,
  }));
}

export interface ParticipationRow extends SessionPoint {
  count: number;
  items: ParticipationPoint['items'];
}

export function participationRows(m: ClientMirror): ParticipationRow[] {
  return m.participation.map((p, index) => ({
    index,
    sessionId: p.sessionId,
    noteId: p.noteId,
    date: sessionDate(p.startsAt),
    count: p.count,
    items: p.items,
  }));
}

/** A change in the table: signed, one decimal, or a dash. */
export function changeText(change: number | null): string {
  return change === null ? '—' : signedChange(change);
}

/** How an episode's ruptures ended, in words for the table. */
export const episodeStatusWords: Record<EpisodeStatus, string> = {
  resolved: 'All resolved',
  unresolved: 'Not fully resolved',
  unrated: 'Outcome not recorded',
};
