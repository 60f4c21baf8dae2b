/** Risk sections and safety plans for demo clients (issue 15). */
import type { RiskAssessment, RiskLevel, SafetyPlan } from '../../../shared/domain/riskSchema';
import type { Random } from './random';

/**
 * How risk runs through a client's course: not assessed; assessed and low throughout; or
 * elevated for a while (early in the course, or lately), with a safety plan written the day it
 * first was. `from`–`to` is the part of the course (0 to 1) where it is elevated.
 */
export type RiskCourse =
  | { kind: 'none' }
  | { kind: 'low' }
  | { kind: 'elevated'; from: number; to: number; level: RiskLevel };

/**
 * The client's risk course: about two clients in five are assessed, mostly low. The 2nd and 5th
 * clients are always elevated, so even a small demo shows the badge, the reminder and a safety
 * plan: one early in the course and settled since, one lately and still elevated.
 */
export function demoRiskCourse(rng: Random, index: number): RiskCourse {
  if (index === 1) return { kind: 'elevated', from: 0.85, to: 1, level: 'moderate' };
  if (index === 4) return { kind: 'elevated', from: 0, to: 0.2, level: 'high' };
  const kind = rng.weighted<'none' | 'low' | 'elevated'>([
    ['none', 61],
    ['low', 35],
    ['elevated', 4],
  ]);
  if (kind !== 'elevated') return { kind };
  const from = rng.chance(0.5) ? 0 : 0.6;
  return { kind, from, to: from + 0.2, level: rng.chance(0.7) ? 'moderate' : 'high' };
}

const lowProtective = [
  'Close to her sister; works part time; looks forward to the allotment.',
  'Children, faith, a steady job; knows who to call.',
  'Good friends at the climbing wall; plans for the summer.',
];

/**
 * The note's risk section at this point of the course, or null when the session did not assess
 * risk: every session while elevated, the first session and now and then otherwise.
 */
export function demoRiskSection(
  rng: Random,
  course: RiskCourse,
  progress: number,
  first: boolean,
): RiskAssessment | null {
  if (course.kind === 'none') return null;
  const elevated = course.kind === 'elevated' && progress >= course.from && progress <= course.to;
  if (elevated && course.kind === 'elevated') {
    const high = course.level === 'high';
    return {
      ideation: high ? 'active-no-plan' : 'passive',
      intent: high ? 'unclear' : 'no',
      plan: 'no',
      means: high ? 'yes' : 'no',
      otherRisks: high ? 'Has cut her arms twice this month; no medical treatment needed.' : '',
      protectiveFactors: 'Her children; agreed to tell her partner how bad it has been.',
      level: course.level,
      actionsTaken: high
        ? 'Safety plan written together; means restriction agreed (partner holds the medication); crisis line given; seen again in 3 days.'
        : 'Safety plan reviewed; crisis line number checked in her phone.',
    };
  }
  // Just after an elevated spell, and otherwise at the first session and about one in four.
  const after = course.kind === 'elevated' && progress > course.to && progress < course.to + 0.15;
  if (!first && !after && !rng.chance(0.25)) return null;
  return {
    ideation: after ? 'passive' : 'none',
    intent: 'no',
    plan: 'no',
    means: 'no',
    otherRisks: '',
    protectiveFactors: rng.pick(lowProtective),
    level: 'low',
    actionsTaken: after ? 'Safety plan kept as it is; to review at the next session.' : '',
  };
}

/** The Stanley–Brown safety plan written with a client the day risk was first elevated. */
export function demoSafetyPlan(id: string, clientId: string, at: string): SafetyPlan {
  return {
    id,
    clientId,
    warningSigns: [
      'Not sleeping for two nights running',
      'Cancelling plans with friends',
      'Thinking “they would be better off without me”',
    ],
    copingStrategies: [
      'Walk the dog round the park',
      'Cold water on the face, slow breathing',
      'Write it down instead of replaying it',
    ],
    distractions: ['Her sister’s kitchen', 'The library café'],
    contacts: [
      { name: 'Partner', reach: 'mobile' },
      { name: 'Sister', reach: 'mobile, any time' },
    ],
    professionals: [{ name: 'GP surgery', reach: 'surgery number, 8am–6pm' }],
    crisisLines: [{ name: 'Samaritans', reach: '116 123' }],
    safeEnvironment: 'Partner keeps the medication and hands out the week’s dose; no stockpile at home.',
    reasonsForLiving: ['Her children', 'Seeing her sister’s baby born in the spring'],
    reviewedOn: at.slice(0, 10),
    createdAt: at,
    updatedAt: at,
  };
}
