/** The rows, names and words of the goal progress chart (GoalProgressChart), from the goal series and the plan. */
import type { GoalSeries } from '../../../../shared/analytics/goalProgressSeries';
import { currentPlan, latestDraft } from '../../../../shared/domain/currentPlan';
import { goalProgressLabel } from '../../../../shared/domain/goalProgressSchema';
import { goalTexts } from '../../../../shared/domain/goalTexts';
import type { TreatmentPlan } from '../../../../shared/domain/treatmentPlanSchema';
import { plural } from './chartFormat';
import { dimensionStyles, type LineStyle } from './chartTheme';
import type { SessionPoint } from './clientChartRows';

/** One line style per goal: the attunement charts' five colour, dash and shape sets, in turn. */
const goalStyles: readonly LineStyle[] = Object.values(dimensionStyles);

/** A goal as the chart names it: its number (legend, table and tooltip agree) and the plan's words. */
export interface ChartGoal {
  goalId: string;
  /** "1. Sleep seven hours on most nights". */
  label: string;
  style: LineStyle;
  series: GoalSeries;
}

/** One session that addressed a goal: the level per goal id (absent when not addressed then). */
export interface GoalRow extends SessionPoint {
  levels: Record<string, number | null>;
}

/** The level in words, as the note and the printed record say it (goalProgressLabel). */
export const levelWords = goalProgressLabel;

/** The text cut to `max` characters with an ellipsis (legend labels; the table gives it whole). */
export function cut(text: string, max = 60): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

/** The plan's goal order: the current plan's (or first draft's) goals first, then older versions'. */
export function goalOrder(plans: readonly TreatmentPlan[]): string[] {
  const lead = currentPlan(plans) ?? latestDraft(plans);
  const rest = [...plans].sort((a, b) => b.version - a.version);
  return [...new Set([lead, ...rest].flatMap((p) => p?.goals.map((g) => g.id) ?? []))];
}

/** The goals in series order, numbered and named in the plan's words, each with its line style. */
export function chartGoals(series: readonly GoalSeries[], plans: readonly TreatmentPlan[]): ChartGoal[] {
  const texts = goalTexts(plans);
  return series.map((s, i) => ({
    goalId: s.goalId,
    label: `${i + 1}. ${texts.get(s.goalId) ?? 'A goal no longer in the plan'}`,
    style: goalStyles[i % goalStyles.length]!,
    series: s,
  }));
}

/** One row per session that addressed any goal, in session order, with each goal's level. */
export function goalRows(series: readonly GoalSeries[]): GoalRow[] {
  const bySession = new Map<string, Omit<GoalRow, 'index'> & { startsAt: string }>();
  for (const s of series) {
    for (const p of s.points) {
      const row = bySession.get(p.sessionId) ?? {
        sessionId: p.sessionId,
        noteId: p.noteId,
        date: p.date,
        startsAt: p.startsAt,
        levels: {},
      };
      row.levels[s.goalId] = p.level;
      bySession.set(p.sessionId, row);
    }
  }
  return [...bySession.values()]
    .sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt))
    .map(({ startsAt: _startsAt, ...row }, index) => ({ ...row, index }));
}

/** "Progress on 2 goals over 5 sessions: 1. Sleep … addressed 4 times, latest Marked progress (first No change); …". */
export function goalsSummary(goals: readonly ChartGoal[], sessions: number, range: string): string {
  if (goals.length === 0) return `No session${range} addressed a treatment goal.`;
  const parts = goals.map((g) => {
    const { points, rated, first, latest } = g.series;
    const times = points.length === 1 ? 'once' : `${points.length} times`;
    if (rated === 0) return `${g.label} addressed ${times}, progress not rated`;
    const from = rated > 1 && first !== latest ? ` (first ${levelWords(first)})` : '';
    return `${g.label} addressed ${times}, latest ${levelWords(latest)}${from}`;
  });
  return `Progress on ${plural(goals.length, 'goal')} over ${plural(sessions, 'session')}${range}: ${parts.join('; ')}.`;
}
