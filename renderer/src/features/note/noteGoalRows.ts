/** The goal rows of a note's Treatment goals section (GoalsSection): the plan's goals, and each one's last progress. */
import { activeGoals } from '../../../../shared/domain/currentPlan';
import type { GoalProgress } from '../../../../shared/domain/goalProgressSchema';
import { goalTexts } from '../../../../shared/domain/goalTexts';
import type { TreatmentPlan } from '../../../../shared/domain/treatmentPlanSchema';
import type { SessionRow } from '../../data/hooks';

/** What a goal row shows: the goal, in the plan's words, and what the note says about it. */
export interface NoteGoalRow {
  goalId: string;
  text: string;
  targetDate: string | null;
  /** The note's entry, when the goal was addressed this session. */
  entry: GoalProgress | undefined;
  /** The entry's place in `note.goalProgress`, for its validation messages. */
  index: number;
}

/**
 * The rows to show: for a draft, the plan's active goals, then any goal the note addressed that
 * is no longer active (its entry is kept, not dropped); for a signed note, the goals it addressed.
 */
export function noteGoalRows(
  plans: readonly TreatmentPlan[],
  value: readonly GoalProgress[],
  readOnly: boolean,
  signedAt: string | null,
): NoteGoalRow[] {
  const texts = goalTexts(plans, signedAt);
  const entries = new Map(value.map((g, index) => [g.goalId, { entry: g, index }]));
  const row = (goalId: string, text: string | undefined, targetDate: string | null): NoteGoalRow => ({
    goalId,
    text: text ?? 'A goal no longer in any version of the plan',
    targetDate,
    entry: entries.get(goalId)?.entry,
    index: entries.get(goalId)?.index ?? -1,
  });
  if (readOnly) return value.map((g) => row(g.goalId, texts.get(g.goalId), null));
  const active = activeGoals(plans);
  const shown = new Set(active.map((g) => g.id));
  return [
    ...active.map((g) => row(g.id, g.text, g.targetDate)),
    ...value.filter((g) => !shown.has(g.goalId)).map((g) => row(g.goalId, texts.get(g.goalId), null)),
  ];
}

/** A goal's progress the last time an earlier session's note addressed it. */
export interface EarlierProgress {
  /** When that session began (ISO). */
  startsAt: string;
  level: number | null;
}

/**
 * For each goal, its progress in the latest session before `sessionId`'s whose note addressed it,
 * from the summaries the index holds: the therapist rates movement since then. Empty while the
 * session is not in the index. Works whatever order the rows come in.
 */
export function earlierProgress(
  rows: readonly SessionRow[],
  sessionId: string,
): ReadonlyMap<string, EarlierProgress> {
  const latest = new Map<string, EarlierProgress & { at: number }>();
  const current = rows.find((row) => row.session.id === sessionId);
  if (!current) return latest;
  // Times may carry different offsets, so they are compared as instants, not as text.
  const before = Date.parse(current.session.startsAt);
  for (const { session, note } of rows) {
    if (!note?.goalProgress?.length || session.id === sessionId) continue;
    const at = Date.parse(session.startsAt);
    if (at >= before) continue;
    for (const g of note.goalProgress) {
      const seen = latest.get(g.goalId);
      if (!seen || at > seen.at) latest.set(g.goalId, { startsAt: session.startsAt, level: g.progress, at });
    }
  }
  return latest;
}
