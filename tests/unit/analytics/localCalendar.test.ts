/**
 * Sessions fall on the day the clinician held them, in their own time zone: a New York clinician's
 * 7:30 PM session on March 14 is 00:30 UTC on March 15, and the charts, their tables, the ranges
 * (whose ends the date inputs and presets give in local dates) and the months must all say March 14.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monthNoteRows } from '../../../renderer/src/features/charts/caseloadRows';
import { profileRows, timelineRows } from '../../../renderer/src/features/charts/clientChartRows';
import { profileSummary } from '../../../renderer/src/features/charts/clientSummaries';
import { measureRows, rowsInRange } from '../../../renderer/src/features/charts/measureRows';
import { caseloadMetrics } from '../../../shared/analytics/caseloadMetrics';
import { clientMetrics } from '../../../shared/analytics/clientMetrics';
import { calendarDate } from '../../../shared/analytics/dateRange';
import { goalProgressSeries } from '../../../shared/analytics/goalProgressSeries';
import { caseloadMirror, clientMirror } from '../../../shared/analytics/mirror';
import { emptyAnswers, type Measure } from '../../../shared/measures';
import { note, session } from './fixtures';

const zoneBefore = process.env.TZ;
beforeAll(() => {
  process.env.TZ = 'America/New_York';
});
afterAll(() => {
  if (zoneBefore === undefined) delete process.env.TZ;
  else process.env.TZ = zoneBefore;
});

// Evening sessions in New York, late on the last day of a month: UTC has them the next day.
const sessions = [
  session('s1', '2026-03-01T00:30:00.000Z'), // Feb 28, 7:30 PM EST
  session('s2', '2026-03-15T00:30:00.000Z'), // Mar 14, 8:30 PM EDT
  session('s3', '2026-04-01T01:00:00.000Z'), // Mar 31, 9:00 PM EDT
];
const notes = [
  note('s1', { ratings: [4, 4, 4, 4, 4], participation: ['namedFeelings'] }),
  note('s2', { ratings: [3, 3, 3, 3, 3], participation: ['namedFeelings'] }),
  note('s3', { ratings: [2, 2, 2, 2, 2], participation: ['namedFeelings'] }),
];
const now = '2026-06-01T12:00:00.000Z';

describe('the local calendar', () => {
  it('places an instant on its local date', () => {
    expect(calendarDate('2026-03-15T00:30:00.000Z')).toBe('2026-03-14');
    expect(calendarDate('2026-03-14T20:30:00-04:00')).toBe('2026-03-14');
    // Across the spring clock change (Mar 8, 2026 in New York).
    expect(calendarDate('2026-03-08T04:30:00.000Z')).toBe('2026-03-07');
    expect(calendarDate('2026-03-09T03:30:00.000Z')).toBe('2026-03-08');
  });

  it("dates a client's sessions and filters their range by the day they were held", () => {
    const m = clientMetrics('client-a', sessions, notes, {
      now,
      range: { from: '2026-03-01', to: '2026-03-14' },
    });
    // Feb 28 is outside; Mar 14 (00:30 UTC on the 15th) is inside; Mar 31 is outside.
    expect(m.sessions.map((s) => s.sessionId)).toEqual(['s2']);
    expect(timelineRows(m).map((r) => r.date)).toEqual(['2026-03-14']);
    const all = clientMetrics('client-a', sessions, notes, { now });
    expect(timelineRows(all).map((r) => r.date)).toEqual(['2026-02-28', '2026-03-14', '2026-03-31']);
  });

  it("keeps a review packet's charts on UTC days, as the packet shows its dates, when asked", () => {
    const m = clientMetrics('client-a', sessions, notes, {
      now,
      calendar: 'utc',
      range: { from: '2026-03-01', to: '2026-03-14' },
    });
    expect(m.sessions.map((s) => s.sessionId)).toEqual(['s1']);
    expect(timelineRows(m).map((r) => r.date)).toEqual(['2026-03-01']);
    expect(profileSummary(m.sessions[0], profileRows(m, m.sessions[0]), m.calendar)).toMatch(
      /^Session of Mar 1, 2026/,
    );
    // The clinician's own metrics carry no calendar field: the report's JSON is unchanged.
    expect('calendar' in clientMetrics('client-a', sessions, notes, { now })).toBe(false);
  });

  it('groups the caseload by the months the sessions were held in', () => {
    const m = caseloadMetrics(sessions, notes, { now });
    expect(m.months.map((month) => [month.month, month.sessions])).toEqual([
      ['2026-02', 1],
      ['2026-03', 2],
    ]);
    expect(
      monthNoteRows(sessions, notes, new Map([['client-a', 'C-1']]), '2026-03', {}).map((r) => r.date),
    ).toEqual(['2026-03-14', '2026-03-31']);
    const march = caseloadMetrics(sessions, notes, { now, range: { from: '2026-03-01', to: '2026-03-31' } });
    expect(march.totals.sessions).toBe(2);
  });

  it("keeps the mirror's range and months on the same days", () => {
    const mirror = clientMirror('client-a', sessions, notes, {
      now,
      range: { from: '2026-03-01', to: '2026-03-31' },
    });
    expect(mirror.participation.map((p) => p.sessionId)).toEqual(['s2', 's3']);
    const pooled = caseloadMirror(sessions, notes, { now });
    expect(pooled.participationByMonth.map((m) => [m.month, m.notes])).toEqual([
      ['2026-02', 1],
      ['2026-03', 2],
    ]);
  });

  it('dates goal progress by the day the session was held', () => {
    const withGoal = notes.map((n) => ({ ...n, goalProgress: [{ goalId: 'A', progress: 1, comment: '' }] }));
    const [series] = goalProgressSeries(sessions, withGoal, {
      range: { from: '2026-03-01', to: '2026-03-31' },
    });
    expect(series!.points.map((p) => p.date)).toEqual(['2026-03-14', '2026-03-31']);
  });

  it("dates an outcome measure by the day it was given and keeps it in that day's range", () => {
    const answers = emptyAnswers('outcome');
    for (const id of Object.keys(answers)) answers[id] = 8;
    const given: Measure = {
      id: 'm2',
      clientId: 'client-a',
      sessionId: 's2',
      instrument: 'outcome',
      answers,
      status: 'complete',
      administeredAt: '2026-03-15T00:30:00.000Z',
      enteredBy: 'client',
      updatedAt: '2026-03-15T00:30:00.000Z',
    };
    const rows = measureRows([given], 'outcome', new Map());
    expect(rows.map((r) => r.date)).toEqual(['2026-03-14']);
    // A review packet's measures keep the UTC day its (shifted) dates are shown in.
    expect(measureRows([given], 'outcome', new Map(), 'utc').map((r) => r.date)).toEqual(['2026-03-15']);
    expect(rowsInRange(rows, { from: '2026-03-01', to: '2026-03-14' })).toHaveLength(1);
  });
});
