import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  builtInTemplates,
  dimensionIds,
  emotionWords,
  emptyNote,
  markersForType,
  type Note,
  noteDraftInputSchema,
  noteSchema,
  type Rupture,
  resolutionStrategies,
  ruptureOutcomeIds,
  signableContent,
  therapistMarkers,
  unratedReasonIds,
} from '../../../shared/domain';
import { now } from './fixtures';

type Edit = (note: Note) => void;

const text = fc.string({ maxLength: 200 });
const rating = fc.option(fc.integer({ min: 1, max: 5 }), { nil: null });
const minute = fc.option(fc.integer({ min: 0, max: 600 }), { nil: null });
const feedbackRating = fc.option(
  fc.integer({ min: 0, max: 100 }).map((n) => n / 10),
  { nil: null },
);
// Free words already in stored (normalised) form, so a parse gives back what was written.
const feeling = fc.oneof(
  fc.constantFrom(...emotionWords.map((w) => w.id)),
  fc.stringMatching(/^[a-z]{1,20}(?: [a-z]{1,20})?$/),
);

const rupture = (id: string): fc.Arbitrary<Rupture> =>
  fc
    .constantFrom('withdrawal' as const, 'confrontation' as const)
    .chain((type) =>
      fc.record({
        id: fc.constant(id),
        type: fc.constant(type),
        markers: fc.subarray(markersForType(type).map((m) => m.id)),
        therapistMarkers: fc.subarray(therapistMarkers.map((m) => m.id)),
        salience: rating,
        followedLapseOf: fc.subarray([...dimensionIds]),
        context: text,
        strategies: fc.subarray(resolutionStrategies.map((s) => s.id)),
        outcome: fc.option(fc.constantFrom(...ruptureOutcomeIds), { nil: null }),
        clientResponse: text,
        minutes: fc.tuple(minute, minute),
      }),
    )
    .map(({ minutes: [a, b], ...r }) => {
      // The repair cannot come before the rupture when both minutes are known.
      const [start, repair] = a !== null && b !== null && b < a ? [b, a] : [a, b];
      return { ...r, minute: start, repairMinute: repair };
    });

const edits: fc.Arbitrary<Edit>[] = [
  fc.tuple(fc.nat(), text).map(
    ([i, t]): Edit =>
      (note) => {
        const keys = Object.keys(note.sections);
        const key = keys[i % keys.length];
        if (key) note.sections[key] = t;
      },
  ),
  fc
    .record({
      dim: fc.constantFrom(...dimensionIds),
      rating,
      reason: fc.constantFrom(...unratedReasonIds),
      observation: text,
      response: text,
    })
    .map(
      ({ dim, reason, ...entry }): Edit =>
        (note) => {
          // A reason for no rating is only kept while there is no rating.
          note.attunement[dim] = { ...entry, unrated: entry.rating === null ? reason : null };
        },
    ),
  text.map(
    (t): Edit =>
      (note) => {
        note.coRegulation = t;
      },
  ),
  fc.array(fc.nat(), { maxLength: 4 }).chain((seeds) =>
    fc.tuple(...seeds.map((_, i) => rupture(`r${i}`))).map(
      (list): Edit =>
        (note) => {
          note.ruptures = list;
        },
    ),
  ),
  fc.record({ therapistContribution: rating, overallResolution: rating }).map(
    (j): Edit =>
      (note) => {
        note.sessionJudgments = j;
      },
  ),
  fc
    .record({
      bodySensations: fc.record({ noted: fc.boolean(), text }),
      namedFeelings: fc.record({ emotions: fc.uniqueArray(feeling, { maxLength: 8 }), text }),
      feedbackToTherapist: fc.record({ given: fc.boolean(), quote: text }),
      mindfulBreathing: fc.record({ used: fc.boolean(), text }),
    })
    .map(
      (p): Edit =>
        (note) => {
          note.participation = p;
        },
    ),
  fc
    .option(
      fc.record({
        relationship: feedbackRating,
        goals: feedbackRating,
        approach: feedbackRating,
        overall: feedbackRating,
      }),
      { nil: null },
    )
    .map(
      (f): Edit =>
        (note) => {
          note.feedback = f;
        },
    ),
  text.map(
    (t): Edit =>
      (note) => {
        note.plan = t;
      },
  ),
];

describe('emptyNote', () => {
  it('is a valid draft for every built-in template', () => {
    for (const template of builtInTemplates) {
      const note = emptyNote({ id: 'n1', sessionId: 's1', clientId: 'c1', template, now });
      expect(noteSchema.parse(note)).toEqual(note);
      expect(Object.keys(note.sections)).toEqual(template.baseSections.map((s) => s.id));
    }
  });

  it('stays valid under any sequence of valid edits', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...builtInTemplates),
        fc.array(fc.oneof(...edits), { maxLength: 12 }),
        (template, changes) => {
          const note = emptyNote({ id: 'n1', sessionId: 's1', clientId: 'c1', template, now });
          for (const edit of changes) edit(note);
          const parsed = noteSchema.safeParse(note);
          expect(parsed.error?.issues ?? []).toEqual([]);
          expect(parsed.data).toEqual(note);
          expect(signableContent(parsed.data!)).toBe(signableContent(note));
          const {
            sections,
            attunement,
            coRegulation,
            ruptures,
            sessionJudgments,
            participation,
            feedback,
            plan,
          } = note;
          const draft = {
            sections,
            attunement,
            coRegulation,
            ruptures,
            sessionJudgments,
            participation,
            feedback,
            plan,
          };
          expect(noteDraftInputSchema.safeParse(draft).success).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});
