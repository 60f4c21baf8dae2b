/** A rupture entry and the per-session 3RS judgments, checked against a rupture vocabulary. */
import { z } from 'zod';
import { dimensionIds } from './dimensions';
import { MAX_SESSION_MINUTES, recordIdSchema, scoreSchema, textSchema, uniqueList } from './fields';
import {
  defaultRuptureVocabulary,
  type RuptureTypeId,
  type RuptureVocabulary,
  ruptureOutcomeIds,
  ruptureTypeIds,
  therapistMarkers,
} from './ruptures';

const therapistMarkerIds = new Set(therapistMarkers.map((m) => m.id));

const minuteMessage = `Enter the minute as a whole number from 0 to ${MAX_SESSION_MINUTES}, or leave it blank.`;
const minuteSchema = z
  .int({ error: minuteMessage })
  .min(0, minuteMessage)
  .max(MAX_SESSION_MINUTES, minuteMessage)
  .nullable()
  .default(null);

/** The rupture type, as a schema. */
export const ruptureTypeSchema = z.enum(ruptureTypeIds, {
  error: 'Choose a rupture type: withdrawal or confrontation.',
});

/** The rupture outcome, or null while it has not been recorded. */
export const ruptureOutcomeSchema = z
  .enum(ruptureOutcomeIds, {
    error: 'Choose an outcome: resolved, partially resolved or unresolved.',
  })
  .nullable();

const ruptureShape = {
  id: recordIdSchema,
  /** Minute into the session the rupture began; null when not noted. */
  minute: minuteSchema,
  type: ruptureTypeSchema,
  markers: uniqueList(z.string({ error: 'A rupture marker id must be text.' }), 'Rupture markers'),
  /**
   * The therapist's own reactions noticed as signs of the rupture; optional, and absent from notes
   * before issue 14 (read as none; `signableContent` leaves an empty list out, so their
   * signatures still verify).
   */
  therapistMarkers: uniqueList(
    z
      .string({ error: 'A therapist-side marker id must be text.' })
      .refine((id) => therapistMarkerIds.has(id), {
        error: (issue) => `“${String(issue.input)}” is not a known therapist-side marker.`,
      }),
    'Therapist-side markers',
  ).default([]),
  /** How prominent the rupture was, 1–5; null until rated, so a fresh entry can be autosaved. */
  salience: scoreSchema('Rate salience from 1 (barely noticeable) to 5 (dominated the session).'),
  /** The dimensions whose lapse the rupture followed. */
  followedLapseOf: uniqueList(
    z.enum(dimensionIds, { error: 'Choose dimensions from the five attunement dimensions.' }),
    'Dimensions before the rupture',
  ),
  context: textSchema('The rupture context'),
  strategies: uniqueList(z.string({ error: 'A resolution strategy id must be text.' }), 'Repair strategies'),
  outcome: ruptureOutcomeSchema,
  /** Minute into the session the repair happened; null when not noted. */
  repairMinute: minuteSchema,
  clientResponse: textSchema('The client’s response'),
};

/** A rupture schema whose markers and strategies must come from `vocabulary`. */
export function ruptureSchemaFor(vocabulary: RuptureVocabulary) {
  const markers = new Map(vocabulary.markers.map((m) => [m.id, m]));
  const strategies = new Set(vocabulary.strategies.map((s) => s.id));
  return z.strictObject(ruptureShape).superRefine((rupture, ctx) => {
    rupture.markers.forEach((id, i) => {
      const marker = markers.get(id);
      if (!marker) {
        ctx.addIssue({
          code: 'custom',
          path: ['markers', i],
          message: `“${id}” is not a known rupture marker.`,
        });
      } else if (marker.type !== rupture.type) {
        ctx.addIssue({
          code: 'custom',
          path: ['markers', i],
          message:
            `Markers must match the rupture type: “${marker.label}” is a ${marker.type} marker, ` +
            `but this rupture is a ${rupture.type}.`,
        });
      }
    });
    rupture.strategies.forEach((id, i) => {
      if (!strategies.has(id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['strategies', i],
          message: `“${id}” is not a known resolution strategy.`,
        });
      }
    });
    if (rupture.minute !== null && rupture.repairMinute !== null && rupture.repairMinute < rupture.minute) {
      ctx.addIssue({
        code: 'custom',
        path: ['repairMinute'],
        message: 'The repair minute can’t be earlier than the minute the rupture began.',
      });
    }
  });
}

/**
 * What to point out about a rupture's minutes past the session's end (`sessionMinutes`, its
 * duration; undefined while unknown). A warning, never a schema error: sessions run over, and a
 * session's duration can be changed after its note is signed, which must not make the note invalid.
 */
export function ruptureMinuteWarnings(
  rupture: Pick<Rupture, 'minute' | 'repairMinute'>,
  sessionMinutes: number | undefined,
): { minute?: string; repairMinute?: string } {
  if (sessionMinutes === undefined) return {};
  const message = `This is after the session ended (${sessionMinutes} minute${sessionMinutes === 1 ? '' : 's'}); fine if the session ran over.`;
  const late = (minute: number | null) => minute !== null && minute > sessionMinutes;
  return {
    ...(late(rupture.minute) && { minute: message }),
    ...(late(rupture.repairMinute) && { repairMinute: message }),
  };
}

/** A rupture checked against the default vocabulary. */
export const ruptureSchema = ruptureSchemaFor(defaultRuptureVocabulary);

/** One rupture and its repair, as stored in a note. */
export type Rupture = z.output<typeof ruptureSchema>;

/** A new rupture of the given type with nothing else filled in. */
export function emptyRupture(id: string, type: RuptureTypeId): Rupture {
  return {
    id,
    minute: null,
    type,
    markers: [],
    therapistMarkers: [],
    salience: null,
    followedLapseOf: [],
    context: '',
    strategies: [],
    outcome: null,
    repairMinute: null,
    clientResponse: '',
  };
}

/** The 3RS session-level judgments, each 1–5 or null when not judged. */
export const sessionJudgmentsSchema = z.strictObject({
  therapistContribution: scoreSchema('Rate your contribution to ruptures from 1 to 5, or leave it blank.'),
  overallResolution: scoreSchema('Rate overall resolution from 1 to 5, or leave it blank.'),
});

/** The 3RS session-level judgments. */
export type SessionJudgments = z.infer<typeof sessionJudgmentsSchema>;
