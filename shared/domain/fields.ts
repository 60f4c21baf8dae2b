/**
 * Field schemas shared by the record schemas. Messages are shown to the user as they are, so
 * each says what is expected, not only what went wrong.
 */
import { z } from 'zod';

/** The longest text a single note field may hold (a long session transcribed fits easily). */
export const MAX_TEXT_LENGTH = 200_000;

/** The longest session, in minutes; rupture and repair minutes fall within it. */
export const MAX_SESSION_MINUTES = 600;

/**
 * A record id. Records are stored one file each, so ids are kept file-name safe; UUIDs fit.
 */
export const recordIdSchema = z
  .string({ error: 'An id is missing.' })
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'An id is 1–64 letters, digits, dashes or underscores.');

/** A calendar date, yyyy-mm-dd, that exists (no 31 April). */
export const isoDateSchema = z.iso.date({
  error: 'Enter a date as yyyy-mm-dd that exists on the calendar, e.g. 2025-03-14.',
});

/**
 * An instant as an ISO 8601 date and time with seconds and a zone, e.g. from `toISOString()`. Its
 * message is for text a person or program wrote (import files, the command line); a form with a
 * date-time picker says what its field lacks itself (SessionForm, NewSessionNote).
 */
export const isoDateTimeSchema = z.iso.datetime({
  offset: true,
  error: 'Enter a date and time in ISO 8601 form with a time zone, e.g. 2025-03-14T09:30:00Z.',
});

/** Free text that may be empty, up to MAX_TEXT_LENGTH characters; `what` names it in the message. */
export function textSchema(what: string) {
  return z
    .string({ error: `${what} must be text.` })
    .max(MAX_TEXT_LENGTH, `${what} is too long: keep it under 200,000 characters.`);
}

/** A 1–5 rating, or null for "not rated"; `message` is shown for anything else. */
export function scoreSchema(message: string) {
  return z.int({ error: message }).min(1, message).max(5, message).nullable();
}

/** A list of ids in which each appears once; `what` names the list in the message. */
export function uniqueList<T extends z.ZodType<string>>(item: T, what: string) {
  return z
    .array(item, { error: `${what} must be a list.` })
    .refine((list) => new Set(list).size === list.length, `${what}: each can be chosen only once.`);
}

/** The id of a template section, also its key in a note's `sections`. */
export const sectionIdSchema = z
  .string({ error: 'A section id must be text.' })
  .regex(
    /^[a-z][a-z0-9-]{0,39}$/,
    'A section id starts with a lower-case letter and has up to 40 lower-case letters, digits or dashes.',
  );
