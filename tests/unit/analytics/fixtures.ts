/** Builders for sessions, note summaries and ruptures, with only what a test cares about spelled out. */
import type { DimensionId, ParticipationItemId, Session, SessionFeedback } from '../../../shared/domain';
import type { NoteSummary, RuptureSummary } from '../../../shared/summaries/noteSummary';

export function session(
  id: string,
  startsAt: string,
  clientId = 'client-a',
  overrides: Partial<Session> = {},
): Session {
  return {
    id,
    clientId,
    startsAt,
    durationMinutes: 50,
    modality: 'in-person',
    attendance: 'attended',
    ...overrides,
  };
}

export type Ratings = [
  affective: number | null,
  cognitive: number | null,
  developmental: number | null,
  rhythmic: number | null,
  empathic: number | null,
];

export function ratings(
  values: Ratings = [null, null, null, null, null],
): Record<DimensionId, number | null> {
  const [affective, cognitive, developmental, rhythmic, empathic] = values;
  return { affective, cognitive, developmental, rhythmic, empathic };
}

export function rupture(overrides: Partial<RuptureSummary> = {}): RuptureSummary {
  return {
    id: 'r',
    type: 'withdrawal',
    markers: [],
    salience: null,
    followedLapseOf: [],
    strategies: [],
    outcome: null,
    minute: null,
    repairMinute: null,
    ...overrides,
  };
}

export function feedback(
  relationship: number,
  goals: number,
  approach: number,
  overall: number,
): SessionFeedback {
  return { relationship, goals, approach, overall };
}

export interface NoteSpec {
  id?: string;
  clientId?: string;
  ratings?: Ratings;
  /** Unrated dimensions marked "Did not come up"; the other empty ones read "Could not judge". */
  notArisen?: DimensionId[];
  ruptures?: RuptureSummary[];
  participation?: ParticipationItemId[];
  feedback?: SessionFeedback | null;
  updatedAt?: string;
}

export function note(sessionId: string, spec: NoteSpec = {}): NoteSummary {
  const did = new Set(spec.participation ?? []);
  return {
    id: spec.id ?? `note-${sessionId}`,
    sessionId,
    clientId: spec.clientId ?? 'client-a',
    templateId: 'narrative',
    status: 'draft',
    updatedAt: spec.updatedAt ?? '2025-03-01T00:00:00.000Z',
    signedAt: null,
    ratings: ratings(spec.ratings),
    ...(spec.notArisen ? { notArisen: spec.notArisen } : {}),
    ruptures: spec.ruptures ?? [],
    judgments: { therapistContribution: null, overallResolution: null },
    participation: {
      bodySensations: did.has('bodySensations'),
      namedFeelings: did.has('namedFeelings'),
      feedbackToTherapist: did.has('feedbackToTherapist'),
      mindfulBreathing: did.has('mindfulBreathing'),
    },
    emotions: did.has('namedFeelings') ? ['sad'] : [],
    feedback: spec.feedback ?? null,
  };
}

/** Whether any number anywhere in a value is NaN or infinite (JSON.stringify would hide it as null). */
export function hasNonFinite(value: unknown): boolean {
  if (typeof value === 'number') return !Number.isFinite(value);
  if (value instanceof Map) return [...value.values()].some(hasNonFinite);
  if (Array.isArray(value)) return value.some(hasNonFinite);
  if (value !== null && typeof value === 'object') return Object.values(value).some(hasNonFinite);
  return false;
}

/**
 * Client A: three weekly sessions in January 2025 with four ruptures, the worked example the
 * client and caseload tests compute by hand. "–" is an empty rating read as "could not judge",
 * "n" one marked "did not come up".
 *
 * | session | ratings aff/cog/dev/rhy/emp | ruptures                                                     | feedback      |
 * |---------|-----------------------------|--------------------------------------------------------------|---------------|
 * | a1 06/1 | 4 / 3 / – / 2 / 5           | r1 withdrawal, sal 3, lapse rhy, invite, resolved, 10→14      | 9+9+9+8 = 35  |
 * |         |                             | r2 confrontation, sal 5, lapse rhy+cog, ack+invite, partial, 30→40 |         |
 * | a2 13/1 | 3 / – / n / 3 / 4           | r3 withdrawal, sal –, lapse aff, redirect, unresolved, 20→–   | 10+9+9+9 = 37 |
 * | a3 20/1 | 5 / 4 / – / 4 / 4           | r4 withdrawal, sal 2, no lapse, invite, outcome –, 5→7        | none          |
 */
export const clientA = {
  sessions: [
    session('a1', '2025-01-06T10:00:00Z'),
    session('a2', '2025-01-13T10:00:00Z'),
    session('a3', '2025-01-20T10:00:00Z'),
  ],
  notes: [
    note('a1', {
      ratings: [4, 3, null, 2, 5],
      ruptures: [
        rupture({
          id: 'r1',
          type: 'withdrawal',
          markers: ['minimal-response', 'denial'],
          salience: 3,
          followedLapseOf: ['rhythmic'],
          strategies: ['invite-discussion'],
          outcome: 'resolved',
          minute: 10,
          repairMinute: 14,
        }),
        rupture({
          id: 'r2',
          type: 'confrontation',
          markers: ['rejects-intervention'],
          salience: 5,
          followedLapseOf: ['rhythmic', 'cognitive'],
          strategies: ['acknowledge-contribution', 'invite-discussion'],
          outcome: 'partial',
          minute: 30,
          repairMinute: 40,
        }),
      ],
      participation: ['bodySensations', 'namedFeelings'],
      feedback: feedback(9, 9, 9, 8),
    }),
    note('a2', {
      ratings: [3, null, null, 3, 4],
      notArisen: ['developmental'],
      ruptures: [
        rupture({
          id: 'r3',
          type: 'withdrawal',
          markers: ['minimal-response'],
          followedLapseOf: ['affective'],
          strategies: ['redirect-refocus'],
          outcome: 'unresolved',
          minute: 20,
        }),
      ],
      participation: ['bodySensations'],
      feedback: feedback(10, 9, 9, 9),
    }),
    note('a3', {
      ratings: [5, 4, null, 4, 4],
      ruptures: [
        rupture({
          id: 'r4',
          type: 'withdrawal',
          markers: ['avoidant-storytelling'],
          salience: 2,
          strategies: ['invite-discussion'],
          outcome: null,
          minute: 5,
          repairMinute: 7,
        }),
      ],
      participation: ['namedFeelings', 'mindfulBreathing'],
    }),
  ],
};

/**
 * Client B: three sessions straddling months, to go with client A in the caseload tests.
 *
 * | session | startsAt (UTC month)                   | note                                                            |
 * |---------|----------------------------------------|-----------------------------------------------------------------|
 * | b1      | 2024-12-15T10:00Z (2024-12)            | ratings 3/3/2/3/3; r5 confrontation, lapse dev, clarify, resolved, 12→20 |
 * | b2      | 2025-01-31T23:30-02:00 = 02-01 01:30Z (2025-02) | no ratings, no ruptures                                 |
 * | b3      | 2025-02-10T10:00Z (2025-02)            | none (no-show)                                                  |
 */
export const clientB = {
  sessions: [
    session('b1', '2024-12-15T10:00:00Z', 'client-b'),
    session('b2', '2025-01-31T23:30:00-02:00', 'client-b'),
    session('b3', '2025-02-10T10:00:00Z', 'client-b', { attendance: 'no-show' }),
  ],
  notes: [
    note('b1', {
      clientId: 'client-b',
      ratings: [3, 3, 2, 3, 3],
      ruptures: [
        rupture({
          id: 'r5',
          type: 'confrontation',
          markers: ['complaints-about-parameters'],
          salience: 4,
          followedLapseOf: ['developmental'],
          strategies: ['clarify-misunderstanding'],
          outcome: 'resolved',
          minute: 12,
          repairMinute: 20,
        }),
      ],
    }),
    note('b2', { clientId: 'client-b' }),
  ],
};
