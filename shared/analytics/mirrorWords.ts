/**
 * The mirror in plain words, for the app's summaries and `attune report`: every mean comes with
 * the number of episodes or sessions behind it, small numbers are called small, and nothing is
 * said to cause anything.
 */

import type { OutcomeSource } from './mirror';
import type { EpisodeGroup, EpisodeGroups } from './mirrorEpisodes';
import type { ParticipationHalves } from './participationOverTime';
import type { RatingAgreement } from './ratingAgreement';

/** Below this many values behind a comparison, the words say the numbers are too few to read much into. */
export const FEW = 10;

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** A signed change to one decimal, with a true minus sign: "+7.0", "−2.0", "0.0". */
export function signedChange(n: number): string {
  const text = Math.abs(n).toFixed(1);
  return n > 0 ? `+${text}` : n < 0 ? `−${text}` : text;
}

/** What the outcome line is. */
export function outcomeSourceSentence(source: OutcomeSource | Record<OutcomeSource, number>): string {
  if (typeof source !== 'string') {
    const scale = source['outcome-scale'];
    const feedback = source.feedback;
    if (scale === 0) {
      return 'No outcome scale is entered yet, so each client’s session feedback total (0–40) stands in for the outcome: it says how the client rated the session, not how they are doing.';
    }
    if (feedback === 0) return 'The outcome is each client’s outcome scale total (0–40).';
    return `The outcome is the outcome scale total for ${count(scale, 'client')} and, where none is entered, the session feedback total for ${count(feedback, 'client')} (both 0–40).`;
  }
  return source === 'outcome-scale'
    ? 'The outcome is the client’s outcome scale total (0–40).'
    : 'No outcome scale is entered for this client, so the session feedback total (0–40) stands in for the outcome: it says how the client rated the session, not how they are doing.';
}

/**
 * Each group named by what it counts. The second group holds episodes with any rupture partially
 * resolved or unresolved: "not fully resolved", as the chart's legend says. "Unresolved" alone
 * would read as the rupture timeline's "unresolved", which leaves the partially resolved out.
 */
const groupNames: Record<
  keyof Omit<EpisodeGroups, 'unrated'>,
  { none: string; some: (n: number) => string }
> = {
  resolved: {
    none: 'there was no resolved rupture episode',
    some: (n) => count(n, 'resolved rupture episode'),
  },
  unresolved: {
    none: 'there was no rupture episode that was not fully resolved',
    some: (n) => `${count(n, 'rupture episode')} not fully resolved`,
  },
};

function groupWords(group: EpisodeGroup, name: keyof typeof groupNames, first: boolean): string {
  if (group.episodes === 0) return groupNames[name].none;
  const head = `after ${groupNames[name].some(group.episodes)}`;
  if (group.meanChange === null) return `${head}, none has an outcome before and after to compare`;
  const change = signedChange(group.meanChange);
  return first
    ? `${head} (${group.withChange} with an outcome before and after), the outcome changed by ${change} on average by the next session`
    : `${head} (${group.withChange} with an outcome before and after), by ${change}`;
}

/** Outcome change after resolved and not fully resolved rupture episodes, with the counts and the caveats. */
export function episodeSentence(groups: EpisodeGroups): string {
  const total = groups.resolved.episodes + groups.unresolved.episodes + groups.unrated;
  if (total === 0) return 'No rupture is recorded in this range, so there is nothing to compare.';
  const parts = [
    `${capitalise(groupWords(groups.resolved, 'resolved', true))}; ${groupWords(groups.unresolved, 'unresolved', groups.resolved.meanChange === null)}.`,
  ];
  if (groups.unrated > 0) {
    parts.push(
      `${count(groups.unrated, 'episode')} without a recorded outcome for every rupture ${groups.unrated === 1 ? 'is' : 'are'} left out.`,
    );
  }
  const compared = Math.min(groups.resolved.withChange, groups.unresolved.withChange);
  parts.push(
    compared < FEW
      ? 'These are few episodes: read the difference as a prompt for reflection, not a finding. It is an association, not a cause.'
      : 'It is an association in your own records, not a cause: much else changes between sessions.',
  );
  return parts.join(' ');
}

/** Where your ratings and the client's feedback agree, and the blind spot. */
export function agreementSentence(a: RatingAgreement): string {
  if (a.compared === 0) {
    return 'No session in this range has both your attunement ratings and the client’s complete feedback, so they cannot be compared yet.';
  }
  const c = a.counts;
  const parts = [
    `In ${count(a.compared, 'session')} with both your ratings and complete client feedback, you and the client agreed in ${a.agreed} (both good: ${c['agree-good']}; both below: ${c['agree-concern']}).`,
    c['blind-spot'] === 0
      ? `In none did you rate attunement ${a.highRatingLine} or higher while the client’s feedback fell under the concern line of ${a.concernLine}.`
      : `In ${count(c['blind-spot'], 'session')} you rated attunement ${a.highRatingLine} or higher while the client’s feedback fell under the concern line of ${a.concernLine}: a possible self-rating blind spot, worth a second look.`,
  ];
  if (c['client-higher'] > 0) {
    parts.push(`In ${c['client-higher']} the client rated the session better than your ratings did.`);
  }
  if (a.compared < FEW) parts.push('That is a small number of sessions.');
  return parts.join(' ');
}

/** Participation in the first and second half of the noted sessions. */
export function participationSentence(h: ParticipationHalves): string {
  const noted = h.firstSessions + h.secondSessions;
  if (noted === 0) return 'No session with a note in this range.';
  if (h.secondMean === null || h.firstMean === null || noted < 4) {
    return `${count(noted, 'noted session')}: too few to compare early and later participation.`;
  }
  return `Over ${noted} noted sessions the client did ${h.firstMean.toFixed(1)} of the four participation items per session on average in the first half and ${h.secondMean.toFixed(1)} in the second.${noted < FEW ? ' Few sessions: a direction, not a trend.' : ''}`;
}

/** Participation across the caseload: the first and second half of all noted sessions, by date. */
export function caseloadParticipationSentence(h: ParticipationHalves): string {
  const noted = h.firstSessions + h.secondSessions;
  if (noted === 0) return 'No session with a note in this range.';
  if (h.firstMean === null || h.secondMean === null || noted < 4) {
    return `${count(noted, 'noted session')}: too few to compare earlier and later participation.`;
  }
  return `Across your caseload, clients did ${h.firstMean.toFixed(1)} of the four participation items per noted session on average in the earlier half of the ${noted} noted sessions and ${h.secondMean.toFixed(1)} in the later half (by date, all clients together).${noted < FEW ? ' Few sessions: a direction, not a trend.' : ''}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
