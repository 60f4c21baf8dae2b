import { z } from 'zod';
import type { Client } from '../../domain/clientSchema';
import { isoDateTimeSchema } from '../../domain/fields';
import type { PackedNoteSummaries, PackedSessions } from '../../summaries/packedSummaries';
import type { JsonText } from '../jsonText';
import { returns } from './returns';

/**
 * The renderer's index, filled at unlock: each kind whole, in one message, the clients first
 * (small: the client list is usable before ten thousand notes are read). No input is accepted.
 */
export const indexContract = {
  'index:clients': { input: z.undefined(), output: returns<Client[]>() },
  /**
   * Today's sessions and their notes' summaries (a few dozen), asked for after the clients and
   * before the rest, at the renderer's time `now`: Today is on screen before the caseload crosses.
   */
  'index:today': {
    input: z.object({ now: isoDateTimeSchema }).strict(),
    output:
      returns<JsonText<{ sessions: PackedSessions; notes: PackedNoteSummaries; olderUnfinished: number }>>(),
  },
  'index:sessions': { input: z.undefined(), output: returns<JsonText<PackedSessions>>() },
  /** Every note's summary: no note text, no process notes. */
  'index:noteSummaries': { input: z.undefined(), output: returns<JsonText<PackedNoteSummaries>>() },
} as const;
