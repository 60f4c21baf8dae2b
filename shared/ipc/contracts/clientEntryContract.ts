import { z } from 'zod';
import { recordIdSchema } from '../../domain/fields';
import {
  clientEntryGreetingSchema,
  type ClientEntryStatus,
  clientEntryFormSchema,
} from '../../domain/clientEntry';
import { sessionFeedbackSchema } from '../../domain/feedback';
import { measureSchema } from '../../measures/measureSchema';
import { passphraseInput } from './vaultContract';
import { returns } from './returns';

/** Where the therapist is taken back to once the passphrase ends client entry. */
export interface ClientEntryReturn {
  noteId: string;
  clientId: string;
}

/**
 * Client entry mode: the client fills in a form on the therapist's screen. While it is on, main
 * answers only `clientEntry:status`, `clientEntry:saveFeedback`, `clientEntry:saveMeasure`, `clientEntry:finish` and
 * `vault:lock` (main/ipc/clientEntryGate.ts).
 */
export const clientEntryContract = {
  /** Starts client entry over a draft note; refused for a signed one (its feedback can't change). */
  'clientEntry:start': {
    input: z.strictObject({
      noteId: recordIdSchema,
      form: clientEntryFormSchema,
      greeting: clientEntryGreetingSchema,
    }),
    output: returns<ClientEntryStatus>(),
  },
  /** Whether client entry is on (a window reloaded during it shows the form again). */
  'clientEntry:status': { input: z.undefined(), output: returns<ClientEntryStatus>() },
  /** The client's answers, saved into the note client entry was started from. */
  'clientEntry:saveFeedback': {
    input: z.strictObject({ feedback: sessionFeedbackSchema }),
    output: returns<null>(),
  },
  /**
   * The client's answers to the outcome measure client entry was started with, saved as the
   * session's measure of that instrument (entered by the client; items left out stay blank).
   */
  'clientEntry:saveMeasure': {
    input: z.strictObject({ answers: measureSchema.shape.answers }),
    output: returns<null>(),
  },
  /** Ends client entry with the vault's passphrase; a wrong one leaves it on. */
  'clientEntry:finish': {
    input: z.strictObject({ passphrase: passphraseInput }),
    output: returns<ClientEntryReturn>(),
  },
} as const;
