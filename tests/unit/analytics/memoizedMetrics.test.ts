import { describe, expect, it } from 'vitest';
import { caseloadMetrics } from '../../../shared/analytics/caseloadMetrics';
import { rememberedCaseloadMetrics, rememberLast } from '../../../shared/analytics/memoizedMetrics';
import type { NoteSummary } from '../../../shared/summaries/noteSummary';
import { note, session } from './fixtures';

describe('metrics remembered over the same summaries', () => {
  it('computes once for the same collections and equal options, again when either changes', () => {
    let runs = 0;
    const count = rememberLast(
      (items: readonly number[], options: { range?: { from?: string; to?: string } }) => {
        runs += 1;
        return { total: items.length, options };
      },
    );
    const items = [1, 2, 3];
    const first = count(items, { range: { from: '2025-01-01', to: '2025-02-01' } });
    expect(count(items, { range: { to: '2025-02-01', from: '2025-01-01' } })).toBe(first);
    expect(runs).toBe(1);
    count(items, { range: { from: '2025-01-02', to: '2025-02-01' } });
    expect(runs).toBe(2);
    count([...items], { range: { from: '2025-01-01', to: '2025-02-01' } }); // equal content, new array
    expect(runs).toBe(3);
  });

  it('keeps the last few results, not one per call ever made', () => {
    let runs = 0;
    const double = rememberLast((n: number) => {
      runs += 1;
      return n * 2;
    }, 2);
    double(1);
    double(2);
    double(1); // still remembered
    expect(runs).toBe(2);
    double(3); // pushes out 2, the least recently used
    double(2);
    expect(runs).toBe(4);
  });

  it('gives what caseloadMetrics gives', () => {
    const sessions = [
      session('s1', '2025-03-14T09:00:00Z', 'c1'),
      session('s2', '2025-04-14T09:00:00Z', 'c2'),
    ];
    const notes: NoteSummary[] = [note('s1'), note('s2')];
    const remembered = rememberedCaseloadMetrics(sessions, notes, { range: { from: '2025-04-01' } });
    expect(remembered).toEqual(caseloadMetrics(sessions, notes, { range: { from: '2025-04-01' } }));
    expect(rememberedCaseloadMetrics(sessions, notes, { range: { from: '2025-04-01' } })).toBe(remembered);
  });
});
