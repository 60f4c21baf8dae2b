import { describe, expect, it } from 'vitest';
import { caseloadMetrics } from '../../../shared/analytics';
import { monthRows } from '../../../renderer/src/features/charts/caseloadRows';
import { monthsSummary } from '../../../renderer/src/features/charts/caseloadSummaries';
import { isolatedPoint } from '../../../renderer/src/features/charts/DimensionLines';
import { note, session } from '../analytics/fixtures';

// January and April rated, February and March without a session: the months chart must not draw
// a line from January to April as if the months between had been rated.
const sessions = [session('s1', '2025-01-10T10:00:00Z'), session('s2', '2025-04-10T10:00:00Z')];
const notes = [note('s1', { ratings: [4, 4, 4, 4, 4] }), note('s2', { ratings: [2, 2, 2, 2, 2] })];

describe('months chart: months without ratings', () => {
  const rows = monthRows(caseloadMetrics(sessions, notes).months);

  it('has a row for each empty month, with no rating (a gap in the line)', () => {
    expect(rows.map((r) => [r.month, r.affective])).toEqual([
      ['2025-01', 4],
      ['2025-02', null],
      ['2025-03', null],
      ['2025-04', 2],
    ]);
  });

  it('marks a rated month between gaps as a lone point, to be drawn as a dot', () => {
    expect(rows.map((_, i) => isolatedPoint(rows, 'affective', i))).toEqual([true, false, false, true]);
    const joined = [{ affective: 3 }, { affective: 4 }, { affective: null }];
    expect(joined.map((_, i) => isolatedPoint(joined, 'affective', i))).toEqual([false, false, false]);
  });

  it('says in its summary how many months are gaps', () => {
    const summary = monthsSummary(caseloadMetrics(sessions, notes), rows);
    expect(summary).toContain('from Jan 2025 to Apr 2025 (4 months)');
    expect(summary).toContain('2 months without ratings are gaps in the lines.');
  });
});
