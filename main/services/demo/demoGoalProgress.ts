/** Progress on the treatment plan's goals, as a demo note records it (issue 15). */
import type { GoalProgress } from '../../../shared/domain/goalProgressSchema';
import type { Random } from './random';

const comments: Record<number, readonly string[]> = {
  [-1]: ['A hard week; the steps agreed slipped.', 'Back to avoiding it since the row at home.'],
  0: ['Talked about it; nothing tried yet.', 'Same as last time, by the client’s own account.', ''],
  1: ['Tried the step once this week.', 'Some days better than others, and said so.', ''],
  2: ['Managed the step most days without prompting.', 'Noticed the change before I named it.'],
  3: ['Says this no longer gets in the way; agreed to mark it met.'],
};

/**
 * The goals a session worked on (one or two of the plan's active goals, in a little over half of
 * the sessions) with progress that drifts upward over the course, as real notes do: mostly "no
 * change" or "some progress" early, more "marked progress" late, the odd step back.
 */
export function demoGoalProgress(rng: Random, goalIds: readonly string[], progress: number): GoalProgress[] {
  if (goalIds.length === 0 || !rng.chance(0.55)) return [];
  return rng.sample(goalIds, rng.chance(0.7) ? 1 : 2).map((goalId) => {
    const level = rng.weighted<number>([
      [-1, 1],
      [0, 4 - 2 * progress],
      [1, 4],
      [2, 1 + 3 * progress],
      [3, progress > 0.7 ? 0.5 : 0],
    ]);
    return { goalId, progress: level, comment: rng.pick(comments[level]!) };
  });
}
