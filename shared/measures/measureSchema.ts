/**
 * The record of one administered measure: which instrument, the answers, when, and who entered
 * them. Measures belong to the session (not to the signed note), so they can be added or
 * corrected after the note is signed. Stable: client entry mode and the mirror analytics read it.
 */
import { z } from 'zod';
import { isoDateTimeSchema, recordIdSchema } from '../domain/fields';
import { type InstrumentId, instrumentIds, type MeasureItem } from './instrument';
import { instrumentsById } from './instruments';

/** Who entered the answers: the therapist (from paper or by asking) or the client (entry mode). */
export const measureEnteredByIds = ['therapist', 'client'] as const;

/** Who entered the answers. */
export type MeasureEnteredBy = (typeof measureEnteredByIds)[number];

/**
 * Whether every scored item is answered ('complete') or the writer chose to keep a partly
 * answered form ('partial'), which is stored but never scored.
 */
export const measureStatusIds = ['complete', 'partial'] as const;

/** Complete, or kept partly answered on purpose. */
export type MeasureStatus = (typeof measureStatusIds)[number];

/** Answers by item id; null is an item not answered. Every item of the instrument has a key. */
export type MeasureAnswers = Record<string, number | null>;

/** Whether `value` is a valid answer to `item`. */
export function isValidAnswer(item: MeasureItem, value: number): boolean {
  if (!Number.isFinite(value)) return false;
  const { scale } = item;
  if (scale.kind === 'choices') return scale.choices.some((c) => c.value === value);
  // Lines are measured in tenths (a mark on a 10 cm line).
  return (
    value >= scale.min &&
    value <= scale.max &&
    Math.abs(value / scale.step - Math.round(value / scale.step)) < 1e-9
  );
}

/** Whether every scored item of the instrument holds an answer: what makes a form complete. */
export function allScoredItemsAnswered(instrument: InstrumentId, answers: MeasureAnswers): boolean {
  return instrumentsById[instrument].items.every((item) => !item.scored || answers[item.id] != null);
}

/**
 * The status a save stores: partial only when items are blank and the writer chose to keep the
 * form so. A blank item without that choice reads as 'complete', which `checkMeasureAnswers` then
 * refuses in words that offer the choice.
 */
export function measureStatusOf(
  instrument: InstrumentId,
  answers: MeasureAnswers,
  allowPartial: boolean | undefined,
): MeasureStatus {
  return !allScoredItemsAnswered(instrument, answers) && allowPartial ? 'partial' : 'complete';
}

/** Answers with nothing entered: every item of the instrument null. */
export function emptyAnswers(instrument: InstrumentId): MeasureAnswers {
  return Object.fromEntries(instrumentsById[instrument].items.map((item) => [item.id, null]));
}

const answersShape = z.record(
  z.string(),
  z.number({ error: 'An answer must be a number, or left blank.' }).nullable(),
  { error: 'The answers must be a list of item answers.' },
);

/** What the answers must satisfy, given the instrument: checked for records and for save inputs. */
export function checkMeasureAnswers(
  measure: { instrument: InstrumentId; answers: MeasureAnswers; status: MeasureStatus },
  ctx: z.RefinementCtx,
): void {
  const instrument = instrumentsById[measure.instrument];
  const itemIds = new Set(instrument.items.map((item) => item.id));
  for (const key of Object.keys(measure.answers)) {
    if (!itemIds.has(key)) {
      ctx.addIssue({
        code: 'custom',
        path: ['answers', key],
        message: `${instrument.label} has no item "${key}".`,
      });
    }
  }
  instrument.items.forEach((item, index) => {
    const value = measure.answers[item.id];
    if (value === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['answers', item.id],
        message: `${instrument.label} item ${index + 1} is missing: answer it or leave it blank.`,
      });
    } else if (value !== null && !isValidAnswer(item, value)) {
      const scale = item.scale;
      const expected =
        scale.kind === 'choices'
          ? `one of ${scale.choices.map((c) => c.value).join(', ')}`
          : `a number from ${scale.min} to ${scale.max} (one decimal at most)`;
      ctx.addIssue({
        code: 'custom',
        path: ['answers', item.id],
        message: `${instrument.label} item ${index + 1} takes ${expected}.`,
      });
    }
  });
  const complete = allScoredItemsAnswered(measure.instrument, measure.answers);
  if (measure.status === 'complete' && !complete) {
    ctx.addIssue({
      code: 'custom',
      path: ['status'],
      message: `Answer every ${instrument.label} item, or keep it as partly answered (it is then not scored).`,
    });
  }
  if (measure.status === 'partial' && complete) {
    ctx.addIssue({
      code: 'custom',
      path: ['status'],
      message: `Every ${instrument.label} item is answered: save it as complete.`,
    });
  }
}

/** A measure record. */
export const measureSchema = z
  .strictObject({
    id: recordIdSchema,
    clientId: recordIdSchema,
    sessionId: recordIdSchema,
    instrument: z.enum(instrumentIds, { error: 'Choose a measure: outcome rating, PHQ-9 or GAD-7.' }),
    answers: answersShape,
    status: z.enum(measureStatusIds, { error: 'A measure is complete or partly answered.' }),
    administeredAt: isoDateTimeSchema,
    enteredBy: z.enum(measureEnteredByIds, { error: 'Answers are entered by the therapist or the client.' }),
    updatedAt: isoDateTimeSchema,
  })
  .superRefine(checkMeasureAnswers);

/** A measure record. */
export type Measure = z.infer<typeof measureSchema>;
