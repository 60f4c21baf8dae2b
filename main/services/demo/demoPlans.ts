import { createHash } from 'node:crypto';
import type { Client } from '../../../shared/domain/clientSchema';
import type { Session } from '../../../shared/domain/sessionSchema';
import { type TreatmentPlan, treatmentPlanSchema } from '../../../shared/domain/treatmentPlanSchema';
import { planContentHashOf } from '../TreatmentPlanService';

const DAY = 86_400_000;
/** Plans are reviewed every quarter. */
const REVIEW_DAYS = 90;

const interventions = [
  'Weekly individual sessions, 50 minutes',
  'Cognitive restructuring of the thoughts that keep the problem going',
  'Behavioural activation: one planned activity a day',
  'Graded exposure, agreed step by step',
  'Emotion-focused work on the relationship in the room',
];

/**
 * Treatment plans for demo clients (deterministic: a function of the clients and sessions): each
 * client's concerns as problems and goals as goals, with a measurable objective each; version 1
 * signed after the second session, and for a course longer than a review cycle, version 2 signed
 * at the first review (the first goal met), except for about one client in four whose review was
 * missed. A current client past the plan's review date shows under Today's "Plan reviews due", as
 * in a real caseload.
 */
export function demoPlans(
  clients: readonly Client[],
  sessions: readonly Session[],
  clinicianName: string,
): TreatmentPlan[] {
  const byClient = new Map<string, Session[]>();
  for (const s of sessions) byClient.set(s.clientId, [...(byClient.get(s.clientId) ?? []), s]);
  const plans: TreatmentPlan[] = [];
  for (const client of clients) {
    const course = (byClient.get(client.id) ?? []).sort((a, b) => (a.startsAt < b.startsAt ? -1 : 1));
    const second = course[1];
    if (!second || client.goals.length === 0) continue;
    const signedAt = new Date(Date.parse(second.startsAt) + DAY).toISOString();
    const first = version(client, 1, null, signedAt, clinicianName, false);
    plans.push(first);
    const lastAt = Date.parse(course[course.length - 1]!.startsAt);
    const reviewAt = Date.parse(`${first.reviewDate}T12:00:00Z`);
    // About one client in four has had the review come and go unrecorded: Today reminds.
    const missed = Number.parseInt(stableId(client.id).slice(0, 2), 16) % 4 === 0;
    if (lastAt > reviewAt && !missed) {
      plans.push(version(client, 2, first, new Date(reviewAt).toISOString(), clinicianName, true));
    }
  }
  return plans;
}

function version(
  client: Client,
  n: number,
  previous: TreatmentPlan | null,
  signedAt: string,
  by: string,
  review: boolean,
): TreatmentPlan {
  const id = (what: string) => stableId(`${client.id}/${what}`);
  const day = (offset: number) => new Date(Date.parse(signedAt) + offset * DAY).toISOString().slice(0, 10);
  const plan = treatmentPlanSchema.parse({
    id: id(`plan-${n}`),
    clientId: client.id,
    version: n,
    revises: previous?.id ?? null,
    status: 'draft',
    problems: client.concerns.map((text, i) => ({ id: id(`problem-${i}`), text })),
    goals: client.goals.map((text, i) => ({
      id: id(`goal-${i}`),
      text,
      problemIds: client.concerns.length > 0 ? [id(`problem-${i % client.concerns.length}`)] : [],
      objectives: [
        {
          id: id(`objective-${i}`),
          text: `A step toward it each week, noted in the session`,
          measure:
            i === 0 ? 'PHQ-9 under 10 on two administrations running' : 'The client’s own rating, 0–10',
          targetDate: day(REVIEW_DAYS),
        },
      ],
      targetDate: day(2 * REVIEW_DAYS),
      // At the first review the first goal is met in the revision (the course moved).
      status: review && i === 0 && client.goals.length > 1 ? 'met' : 'active',
    })),
    interventions: [0, 1 + (client.code.length % 4)].map((k) => ({
      id: id(`intervention-${k}`),
      text: interventions[k]!,
    })),
    reviewDate: day(REVIEW_DAYS),
    notes: review ? 'Reviewed with the client at the end of the first quarter.' : '',
    createdAt: signedAt,
    updatedAt: signedAt,
  });
  const signed = { at: signedAt, by, contentHash: planContentHashOf(plan) };
  return treatmentPlanSchema.parse({ ...plan, status: 'signed', signed });
}

/** A v4-shaped UUID derived from `seed`, so the same demo gives the same ids. */
function stableId(seed: string): string {
  const h = createHash('sha256').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
