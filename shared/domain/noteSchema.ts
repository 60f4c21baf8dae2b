/**
 * The progress note: base-format sections, the five dimensions, ruptures and repairs, client
 * participation, session feedback and plan. Draft → signed; a signed note only gains addenda.
 */
import { z } from 'zod';
import { attunementSchema } from './attunementSchema';
import { sessionFeedbackSchema } from './feedback';
import { isoDateTimeSchema, recordIdSchema, sectionIdSchema, textSchema } from './fields';
import { goalProgressListSchema } from './goalProgressSchema';
import { participationSchema } from './participationSchema';
import { riskAssessmentSchema } from './riskSchema';
import { ruptureSchemaFor, sessionJudgmentsSchema } from './ruptureSchema';
import { defaultRuptureVocabulary, type RuptureVocabulary } from './ruptures';

/** The most ruptures one note can hold. */
export const MAX_RUPTURES_PER_NOTE = 100;

/** Note status: a draft is editable, a signed note is final. */
export const noteStatusSchema = z.enum(['draft', 'signed'], {
  error: 'A note’s status is either draft or signed.',
});

/** Who signed, when, and the hash of `signableContent(note)` at that moment. */
export const signatureSchema = z.strictObject({
  at: isoDateTimeSchema,
  by: z
    .string({ error: 'Enter the name of the clinician signing.' })
    .trim()
    .min(1, 'Enter the name of the clinician signing.')
    .max(200, 'The signer’s name can be at most 200 characters.'),
  contentHash: z
    .string({ error: 'The content hash is missing.' })
    .regex(/^(?:[0-9a-f]{2}){32,64}$/, 'The content hash must be 64–128 lower-case hex characters.'),
});

/**
 * What an addendum is (issue 15). Addenda written before addenda were typed have no type and
 * read as a plain "Addendum".
 */
export const addendumTypes = ['correction', 'clarification', 'late-entry'] as const;

/**
 * A dated correction or addition attached to a signed note. Its fields' limits and words are the
 * only statement of them: a new addendum (newAddendumSchema) is these fields, type and reason required.
 */
export const addendumSchema = z.strictObject({
  id: recordIdSchema,
  at: isoDateTimeSchema,
  type: z
    .enum(addendumTypes, {
      error: 'Choose what this addendum is: a correction, a clarification or a late entry.',
    })
    .optional(),
  /** Why the addendum was written (required for typed addenda; see the service). */
  reason: z
    .string({ error: 'Write the reason for this addendum.' })
    .trim()
    .max(1000, 'Keep the reason under 1,000 characters; put the detail in the addendum’s text.')
    .optional(),
  by: z
    .string({ error: 'Enter who wrote the addendum.' })
    .trim()
    .min(1, 'Enter who wrote the addendum.')
    .max(200, 'The addendum author can be at most 200 characters.'),
  text: textSchema('The addendum').refine((t) => t.trim().length > 0, 'Write the text of the addendum.'),
});

/** A dated addendum to a signed note. */
export type Addendum = z.infer<typeof addendumSchema>;

/** Note schemas whose ruptures are checked against `vocabulary` (the defaults plus the user's). */
export function noteSchemasFor(vocabulary: RuptureVocabulary) {
  const content = {
    /** Base-format text by template section id (e.g. subjective, objective, assessment). */
    sections: z.record(sectionIdSchema, textSchema('This section'), {
      error: (issue) =>
        issue.code === 'invalid_key'
          ? 'A section id starts with a lower-case letter and has up to 40 lower-case letters, digits or dashes.'
          : 'The note’s sections must be a map of section id to text.',
    }),
    attunement: attunementSchema,
    coRegulation: textSchema('The co-regulation note').default(''),
    ruptures: z
      .array(ruptureSchemaFor(vocabulary), { error: 'Ruptures must be a list.' })
      .max(MAX_RUPTURES_PER_NOTE, `A note can hold at most ${MAX_RUPTURES_PER_NOTE} ruptures.`)
      .refine(
        (list) => new Set(list.map((r) => r.id)).size === list.length,
        'Each rupture needs its own id.',
      ),
    sessionJudgments: sessionJudgmentsSchema,
    participation: participationSchema,
    /** Null when the client gave no feedback score for this session. */
    feedback: sessionFeedbackSchema.nullable().default(null),
    plan: textSchema('The plan'),
    /** The treatment plan's goals this session addressed, with progress (issue 15). */
    goalProgress: goalProgressListSchema.default([]),
    /** The optional risk-assessment section; null when the note has none (issue 15). */
    risk: riskAssessmentSchema.nullable().default(null),
  };

  const draftInput = z.strictObject(content);

  const note = z
    .strictObject({
      id: recordIdSchema,
      sessionId: recordIdSchema,
      clientId: recordIdSchema,
      templateId: recordIdSchema,
      status: noteStatusSchema,
      ...content,
      signed: signatureSchema.optional(),
      addenda: z.array(addendumSchema, { error: 'Addenda must be a list.' }),
      createdAt: isoDateTimeSchema,
      updatedAt: isoDateTimeSchema,
    })
    .superRefine((n, ctx) => {
      if (n.status === 'signed' && !n.signed) {
        ctx.addIssue({
          code: 'custom',
          path: ['signed'],
          message: 'A signed note needs its signature: who signed, when, and the content hash.',
        });
      }
      if (n.status === 'draft' && n.signed) {
        ctx.addIssue({ code: 'custom', path: ['signed'], message: 'A draft note can’t carry a signature.' });
      }
      if (n.status === 'draft' && n.addenda.length > 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['addenda'],
          message: 'Addenda can only be added to a signed note; edit the draft instead.',
        });
      }
      const signedAt = n.signed ? Date.parse(n.signed.at) : Number.NaN;
      n.addenda.forEach((a, i) => {
        if (Date.parse(a.at) < signedAt) {
          ctx.addIssue({
            code: 'custom',
            path: ['addenda', i, 'at'],
            message: 'An addendum can’t be dated before the note was signed.',
          });
        }
      });
    });

  return { draftInput, note };
}

const defaults = noteSchemasFor(defaultRuptureVocabulary);

/** A progress note, with ruptures checked against the default vocabulary. */
export const noteSchema = defaults.note;

/** The editable part of a draft, as sent on autosave (no ids, status, signature, addenda or times). */
export const noteDraftInputSchema = defaults.draftInput;

/** A progress note. */
export type Note = z.output<typeof noteSchema>;
/** A progress note as accepted before defaults are filled in. */
export type NoteInput = z.input<typeof noteSchema>;
/** The editable part of a draft note. */
export type NoteDraft = z.output<typeof noteDraftInputSchema>;
/** Note status. */
export type NoteStatus = z.infer<typeof noteStatusSchema>;
/** A note's signature. */
export type Signature = z.infer<typeof signatureSchema>;
