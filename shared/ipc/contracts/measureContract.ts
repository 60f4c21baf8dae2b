import { z } from 'zod';
import { isoDateTimeSchema, recordIdSchema } from '../../domain/fields';
import {
  checkMeasureAnswers,
  type Measure,
  measureSchema,
  measureStatusOf,
} from '../../measures/measureSchema';
import { returns } from './returns';

/**
 * One measure given at a session, as entered: main adds the id, the client, the status and the
 * timestamps. A session holds at most one of each instrument, so saving again replaces it. A form
 * with items left blank is refused unless `allowPartial` says the writer means to keep it partly
 * answered (stored, never scored). `expectedUpdatedAt`: only over that version (null: only if
 * none exists yet), else refused with `conflict`.
 */
export const measureSaveInput = z
  .strictObject({
    sessionId: recordIdSchema,
    instrument: measureSchema.shape.instrument,
    answers: measureSchema.shape.answers,
    allowPartial: z.boolean({ error: 'allowPartial is true or false.' }).optional(),
    enteredBy: measureSchema.shape.enteredBy.optional(),
    administeredAt: isoDateTimeSchema.optional(),
    expectedUpdatedAt: isoDateTimeSchema.nullable().optional(),
  })
  .superRefine((input, ctx) => {
    // Check the answers as the record will hold them; a blank item is refused here, in words
    // that offer the partial choice, unless the writer chose it.
    const status = measureStatusOf(input.instrument, input.answers, input.allowPartial);
    checkMeasureAnswers({ ...input, status }, ctx);
  });
export type MeasureSaveInput = z.input<typeof measureSaveInput>;

export const measureContract = {
  /** A client's measures, earliest administration first. */
  'measures:list': { input: z.strictObject({ clientId: recordIdSchema }), output: returns<Measure[]>() },
  /** Every measure of the vault, for the renderer's index (charts, Today's flags). */
  'measures:all': { input: z.undefined(), output: returns<Measure[]>() },
  /** Creates or replaces the session's measure of that instrument (also after the note is signed). */
  'measures:save': { input: measureSaveInput, output: returns<Measure>() },
  /** Removes a measure entered by mistake (audited). */
  'measures:delete': { input: z.strictObject({ id: recordIdSchema }), output: returns<null>() },
} as const;
