/** A client, known in the vault by a pseudonymous code; the display name is optional. */
import { z } from 'zod';
import { displaySafeText } from './displaySafeText';
import { isoDateSchema, isoDateTimeSchema, recordIdSchema } from './fields';

const codeMessage =
  'Enter a client code (letters, digits, dashes or underscores; up to 24 characters, starting with a letter or digit).';

/** A pseudonymous client code, e.g. "C-014". */
export const clientCodeSchema = z
  .string({ error: codeMessage })
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,23}$/, codeMessage);

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
