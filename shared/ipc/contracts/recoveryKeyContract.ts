import { z } from 'zod';
import { returns } from './returns';

/**
 * The recovery key as Attune shows it: 14 groups of 4 Crockford base32 characters. Only a key of
 * this shape crosses these channels (main also checks its checksum), so they carry nothing else.
 */
const shownRecoveryKey = z
  .string({ error: 'Send the recovery key shown on screen.' })
  .regex(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){13}$/, 'Send the recovery key shown on screen.');

/**
 * Keeping the recovery key the screen shows: main copies it to the clipboard (cleared after a
 * minute if still there) or writes it to a file the user chooses in the save dialog.
 */
export const recoveryKeyContract = {
  'recoveryKey:copy': {
    input: z.strictObject({ recoveryKey: shownRecoveryKey }),
    output: returns<{ clearsInSeconds: number }>(),
  },
  /**
   * When a recovery key shown on this computer was not confirmed as stored (the screen closed
   * before "I have stored it"), or null: the workspace then asks for a new one to be made.
   */
  'recoveryKey:unconfirmed': { input: z.undefined(), output: returns<{ shownAt: string } | null>() },
  /** The key on screen was confirmed as stored ("I have stored it"). */
  'recoveryKey:confirmStored': { input: z.undefined(), output: returns<null>() },
  /** The save dialog ("Attune recovery key.txt"), then the file; null when the user cancels. */
  'recoveryKey:save': {
    input: z.strictObject({ recoveryKey: shownRecoveryKey }),
    output: returns<{ path: string } | null>(),
  },
} as const;
