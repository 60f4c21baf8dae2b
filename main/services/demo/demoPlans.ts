import { createHash } from 'node:crypto';
import type { Client } from '../../../shared/domain/clientSchema';
import type { Session } from '../../../shared/domain/sessionSchema';
import type { TreatmentPlan } from '../../../shared/domain/treatmentPlanSchema';
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
    // Ids carry over between versions, as a revision's do: each made once for the client.
    const ids = new Map<string, string>();
    const id = (what: string) => {
      const found = ids.get(what) ?? stableId(`${client.id}/${what}`);
      ids.set(what, found);
      return found;
    };
    let previous: TreatmentPlan | null = null;
    for (const { n, at, review } of signings(client, course)) {
      previous = version(client, id, n, previous, at, clinicianName, review);
      plans.push(previous);
    }
  }
  return plans;
}

/**
 * The ids of the goals active in a demo client's plan version in force at a moment (as
 * demoPlans makes them, without the cost of building and hashing the plans, which the demo's
 * notes need at every session): none before the first version is signed. `course` is the
 * client's sessions, oldest first.
 */
export function demoActiveGoalIds(client: Client, course: readonly Session[]): (at: string) => string[] {
  const versions = signings(client, course).map(({ at, review }) => ({
    at,
    goals: client.goals.flatMap((_, i) =>
      goalStatus(client, i, review) === 'active' ? [stableId(`${client.id}/goal-${i}`)] : [],
    ),
  }));
  return (at) => versions.findLast((v) => v.at <= at)?.goals ?? [];
}

/**
 * When each version of a client's plan is signed: version 1 the day after the second session;
 * version 2 at the first review if the course lasted past it, unless the review was missed.
 */
function signings(
  client: Client,
  course: readonly Session[],
): Array<{ n: number; at: string; review: boolean }> {
  const second = course[1];
  if (!second || client.goals.length === 0) return [];
  const first = Date.parse(second.startsAt) + DAY;
  const out = [{ n: 1, at: new Date(first).toISOString(), review: false }];
  const reviewAt = Date.parse(`${dayOf(first, REVIEW_DAYS)}T12:00:00Z`);
  const lastAt = Date.parse(course[course.length - 1]!.startsAt);
  // About one client in four has had the review come and go unrecorded: Today reminds.
  const missed = Number.parseInt(stableId(client.id).slice(0, 2), 16) % 4 === 0;
  if (lastAt > reviewAt && !missed) out.push({ n: 2, at: new Date(reviewAt).toISOString(), review: true });
  return out;
}

/** At the first review the first goal is met in the revision (the course moved). */
function goalStatus(client: Client, i: number, review: boolean): 'met' | 'active' {
  return review && i === 0 && client.goals.length > 1 ? 'met' : 'active';
}

/** The yyyy-mm-dd date `days` after the moment `from` (epoch ms). */
const dayOf = (from: number, days: number) => new Date(from + days * DAY).toISOString().slice(0, 10);

/**
 * One signed version. Built whole rather than parsed: the demo makes thousands and zod's parse was
 * most of their cost; demoPlans.test parses every one to check it is a valid, complete record.
 */
function version(
  client: Client,
  id: (what: string) => string,
  n: number,
  previous: TreatmentPlan | null,
  signedAt: string,
  by: string,
  review: boolean,
): TreatmentPlan {
  const day = (offset: number) => dayOf(Date.parse(signedAt), offset);
  const problemIds = client.concerns.map((_, i) => id(`problem-${i}`));
  const plan: TreatmentPlan = {
    id: id(`plan-${n}`),
    clientId: client.id,
    version: n,
    revises: previous?.id ?? null,
    status: 'draft',
    problems: client.concerns.map((text, i) => ({ id: problemIds[i]!, text })),
    goals: client.goals.map((text, i) => ({
      id: id(`goal-${i}`),
      text,
      problemIds: problemIds.length > 0 ? [problemIds[i % problemIds.length]!] : [],
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
      status: goalStatus(client, i, review),
    })),
    interventions: [0, 1 + (client.code.length % 4)].map((k) => ({
      id: id(`intervention-${k}`),
      text: interventions[k]!,
      goalIds: [],
    })),
    reviewDate: day(REVIEW_DAYS),
    notes: review ? 'Reviewed with the client at the end of the first quarter.' : '',
    createdAt: signedAt,
    updatedAt: signedAt,
  };
  return { ...plan, status: 'signed', signed: { at: signedAt, by, contentHash: planContentHashOf(plan) } };
}

/** A v4-shaped UUID derived from `seed`, so the same demo gives the same ids. */
function stableId(seed: string): string {
  const h = createHash('sha256').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
