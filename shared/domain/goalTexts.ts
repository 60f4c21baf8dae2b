/**
 * The words of a client's plan goals, looked up over every plan version (issue 15). A note keeps
 * only a goal's id (ids carry over between versions), so what it addressed is read back from
 * the plans: as the plan read when the note was signed, even if a later version reworded,
 * revised or dropped the goal.
 */
import type { TreatmentPlan } from './treatmentPlanSchema';

/**
 * Each goal's text by id. With `asOf` (an ISO date-time, such as a note's signature), the text
 * of the newest version signed by then; otherwise, or for a goal no such version holds, the
 * newest signed version's, then the newest draft's. Every goal of every version is in the map.
 */
export function goalTexts(
  plans: readonly Pick<TreatmentPlan, 'version' | 'status' | 'signed' | 'goals'>[],
  asOf?: string | null,
): Map<string, string> {
  const newestFirst = [...plans].sort((a, b) => b.version - a.version);
  const signed = newestFirst.filter((p) => p.status === 'signed');
  // ISO date-times from toISOString() order as strings.
  const signedBy = asOf ? signed.filter((p) => p.signed && p.signed.at <= asOf) : [];
  const texts = new Map<string, string>();
  for (const plan of [...signedBy, ...signed, ...newestFirst]) {
    for (const goal of plan.goals) if (!texts.has(goal.id)) texts.set(goal.id, goal.text);
  }
  return texts;
}
