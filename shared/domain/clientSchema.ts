/** A client, known in the vault by a pseudonymous code; the display name is optional. */
import { z } from 'zod';
import { displaySafeText } from './displaySafeText';
import { isoDateSchema, isoDateTimeSchema, recordIdSchema } from './fields';

/** The longest client code, in characters. */
const MAX_CODE_LENGTH = 24;

const emptyCodeMessage = `Enter a client code (letters, digits, dashes or underscores; up to ${MAX_CODE_LENGTH} characters, starting with a letter or digit).`;

/**
 * What is wrong with a client code, in words for the user, or null when it may be used: one
 * problem at a time, the one to fix first, naming what to take out rather than repeating the rule.
 */
export function clientCodeProblem(code: string): string | null {
  if (code === '') return emptyCodeMessage;
  // Composed first, so an accented letter typed as letter + accent is named as one character.
  const outside = code.normalize('NFC').replace(/[A-Za-z0-9_-]/g, '');
  if (outside !== '') {
    const names = [...new Set([...outside].map((char) => named(char, outside)))];
    return `A client code can only contain letters A–Z (without accents), digits, dashes or underscores: take out ${listed(names)}.`;
  }
  if (!/^[A-Za-z0-9]/.test(code)) {
    return 'A client code must start with a letter or digit, not a dash or underscore.';
  }
  if (code.length > MAX_CODE_LENGTH) {
    return `A client code can be at most ${MAX_CODE_LENGTH} characters; this one has ${code.length}.`;
  }
  return null;
}

/** A character to take out, as a person can recognise it: spaces by name, a hidden one by its number. */
function named(char: string, outside: string): string {
  if (/\s/u.test(char)) return (outside.match(/\s/gu)?.length ?? 0) > 1 ? 'the spaces' : 'the space';
  if (/[\p{L}\p{N}\p{P}\p{S}]/u.test(char)) return `“${char}”`;
  const hex = char.codePointAt(0)?.toString(16).toUpperCase().padStart(4, '0');
  return `the invisible character U+${hex}`;
}

/** "a", "a and b", "a, b and c"; past five, the rest as "other characters" (an import's code may be anything). */
function listed(all: string[]): string {
  const items = all.length > 5 ? [...all.slice(0, 4), 'other characters'] : all;
  const last = items[items.length - 1] ?? '';
  return items.length < 2 ? last : `${items.slice(0, -1).join(', ')} and ${last}`;
}

/** A pseudonymous client code, e.g. "C-014". */
export const clientCodeSchema = z.string({ error: emptyCodeMessage }).superRefine((code, ctx) => {
  const problem = clientCodeProblem(code);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

const listItem = (what: string) =>
  z
    .string({ error: `Each ${what} must be text.` })
    .trim()
    .min(1, `Each ${what} needs some text.`)
    .max(500, `Each ${what} can be at most 500 characters.`);

/** Client status: closed clients stay in the vault but leave the active list. */
export const clientStatusSchema = z.enum(['active', 'closed'], {
  error: 'Choose a status: active or closed.',
});

/** A client record. */
export const clientSchema = z.strictObject({
  id: recordIdSchema,
  code: clientCodeSchema,
  // Without the invisible characters that can make a name read as another (a right-to-left
  // override, say): names also arrive in import files.
  displayName: z
    .string({ error: 'A display name must be text.' })
    .transform((name) => displaySafeText(name, { lines: false }))
    .pipe(z.string().trim().max(120, 'A display name can be at most 120 characters.'))
    .optional(),
  startDate: isoDateSchema,
  status: clientStatusSchema,
  concerns: z
    .array(listItem('concern'), { error: 'Concerns must be a list.' })
    .max(100, 'List at most 100 concerns.'),
  goals: z.array(listItem('goal'), { error: 'Goals must be a list.' }).max(100, 'List at most 100 goals.'),
  createdAt: isoDateTimeSchema,
  updatedAt: isoDateTimeSchema,
});

/** A client record. */
export type Client = z.infer<typeof clientSchema>;
/** Client status. */
export type ClientStatus = z.infer<typeof clientStatusSchema>;
