/**
 * Rupture episodes and the outcome around them: for each session with a rupture, whether its
 * ruptures were repaired, and how the outcome moved from that session to the very next one. Only
 * neighbouring sessions are paired: an outcome weeks away says nothing of "by the next session",
 * and would count one interval for every episode between two outcomes.
 */
import type { RuptureSummary } from '../summaries/noteSummary';
import { median } from './statistics';

/** One session's outcome value (the outcome scale's total, or the feedback total as a proxy). */
export interface OutcomePoint {
  sessionId: string;
  startsAt: string;
  value: number;
}

/**
 * An episode is resolved when every rupture in it was resolved; unresolved when any was left
 * unresolved or only partly resolved (not fully repaired); unrated while a rupture has no outcome
 * and none is unresolved. Unrated episodes are listed but counted in neither group.
 */
export type EpisodeStatus = 'resolved' | 'unresolved' | 'unrated';

/** A session with at least one rupture, and the outcome before and after it. */
export interface RuptureEpisode {
  sessionId: string;
  startsAt: string;
  noteId: string;
  ruptures: number;
  status: EpisodeStatus;
  /** The outcome at the episode's session, or at the session just before it; null if neither has one. */
  outcomeAt: number | null;
  /** The outcome at the next session; null if it has none (or there is no next session yet). */
  outcomeNext: number | null;
  /** outcomeNext − outcomeAt; null unless both are known. */
  change: number | null;
}

/** The episodes of one status and the outcome change after them. */
export interface EpisodeGroup {
  /** Episodes of this status. */
  episodes: number;
  /** Those with an outcome before and after: the base of the mean and median. */
  withChange: number;
  meanChange: number | null;
  medianChange: number | null;
}

/** The two groups the mirror compares. */
export interface EpisodeGroups {
  resolved: EpisodeGroup;
  unresolved: EpisodeGroup;
  /** Episodes whose ruptures lack an outcome, in neither group. */
  unrated: number;
}

/** The status of a session's ruptures taken together (see {@link EpisodeStatus}). */
export function episodeStatus(ruptures: readonly Pick<RuptureSummary, 'outcome'>[]): EpisodeStatus {
  if (ruptures.some((r) => r.outcome === 'unresolved' || r.outcome === 'partial')) return 'unresolved';
  return ruptures.length > 0 && ruptures.every((r) => r.outcome === 'resolved') ? 'resolved' : 'unrated';
}

/** One session in time order: its rupture outcomes (if it has a note) and its outcome value. */
export interface EpisodeInput {
  sessionId: string;
  startsAt: string;
  noteId: string | null;
  ruptures: readonly Pick<RuptureSummary, 'outcome'>[];
  outcome: number | null;
}

/** The rupture episodes of one client's sessions, given in time order. */
export function ruptureEpisodes(sessions: readonly EpisodeInput[]): RuptureEpisode[] {
  const episodes: RuptureEpisode[] = [];
  sessions.forEach((s, i) => {
    if (s.noteId === null || s.ruptures.length === 0) return;
    const outcomeAt = s.outcome ?? sessions[i - 1]?.outcome ?? null;
    const outcomeNext = sessions[i + 1]?.outcome ?? null;
    episodes.push({
      sessionId: s.sessionId,
      startsAt: s.startsAt,
      noteId: s.noteId,
      ruptures: s.ruptures.length,
      status: episodeStatus(s.ruptures),
      outcomeAt,
      outcomeNext,
      change: outcomeAt === null || outcomeNext === null ? null : round1(outcomeNext - outcomeAt),
    });
  });
  return episodes;
}

/** Episodes grouped by status, with the mean and median outcome change of each group. */
export function episodeGroups(episodes: Iterable<RuptureEpisode>): EpisodeGroups {
  const changes: Record<'resolved' | 'unresolved', number[]> = { resolved: [], unresolved: [] };
  const counts = { resolved: 0, unresolved: 0, unrated: 0 };
  for (const e of episodes) {
    counts[e.status] += 1;
    if (e.status !== 'unrated' && e.change !== null) changes[e.status].push(e.change);
  }
  const group = (status: 'resolved' | 'unresolved'): EpisodeGroup => {
    const values = changes[status];
    const sum = values.reduce((a, b) => a + b, 0);
    return {
      episodes: counts[status],
      withChange: values.length,
      meanChange: values.length === 0 ? null : round1(sum / values.length),
      medianChange: values.length === 0 ? null : round1(median(values)!),
    };
  };
  return { resolved: group('resolved'), unresolved: group('unresolved'), unrated: counts.unrated };
}

/** Rounded to one decimal, as totals are entered: keeps 0.1 + 0.2 from reading 0.30000000000000004. */
export function round1(n: number): number {
  return Math.round(n * 10) / 10;
}
