import { describe, expect, it } from 'vitest';
import { unratedCounts } from '../../../renderer/src/features/charts/caseloadSummaries';
import { profileRows, trendRows } from '../../../renderer/src/features/charts/clientChartRows';
import { profileSummary, trendsSummary } from '../../../renderer/src/features/charts/clientSummaries';
import { clientMetrics } from '../../../shared/analytics';
import { unratedChoice } from '../../../shared/domain/dimensions';
import { clientA, session } from '../analytics/fixtures';

// Client A (see fixtures.ts): a2 leaves cognitive empty ("Could not judge") and marks
// developmental "Did not come up"; a1 and a3 leave developmental empty. a4 has no note.
const sessions = [...clientA.sessions, session('a4', '2025-01-27T10:00:00Z')];
const m = clientMetrics('client-a', sessions, clientA.notes);
const didNotComeUp = unratedChoice('did-not-come-up').label;
const couldNotJudge = unratedChoice('could-not-judge').label;

describe('charts name a dimension without a rating in the note’s own words', () => {
  it('the profile’s summary keeps “Did not come up” and “Could not judge” apart', () => {
    const a2 = m.sessions.find((s) => s.sessionId === 'a2');
    const summary = profileSummary(a2, profileRows(m, a2));
    expect(summary).toContain(`Cognitive “${couldNotJudge}”`);
    expect(summary).toContain(`Developmental “${didNotComeUp}”`);
    expect(summary).toContain('Affective 3 (average 4.0)');
    expect(summary).not.toMatch(/not observed/i);
  });

  it('the trends tooltip and table give each session’s rating, or why it has none', () => {
    const rows = trendRows(m);
    expect(rows.map((r) => [r.sessionId, r.ratingText.cognitive, r.ratingText.developmental])).toEqual([
      ['a1', '3', couldNotJudge],
      ['a2', couldNotJudge, didNotComeUp],
      ['a3', '4', couldNotJudge],
      ['a4', 'No note', 'No note'],
    ]);
    // The line still breaks where there is no rating.
    expect(rows.map((r) => r.cognitive)).toEqual([3, null, 4, null]);
  });

  it('the trends summary says why a dimension was never rated, each reason counted apart', () => {
    expect(trendsSummary(m, '')).toContain(
      `Never rated: Developmental attunement (${didNotComeUp.toLowerCase()} in 1, ${couldNotJudge.toLowerCase()} in 2).`,
    );
    expect(trendsSummary(m, '')).toContain(
      `Cognitive attunement 3.5 (2 rated, rising; ${couldNotJudge.toLowerCase()} in 1)`,
    );
  });

  it('counts the two reasons under the note’s labels', () => {
    expect(unratedCounts(3, 1)).toBe(
      `; ${didNotComeUp.toLowerCase()} in 3, ${couldNotJudge.toLowerCase()} in 1`,
    );
    expect(unratedCounts(0, 0)).toBe('');
  });
});
