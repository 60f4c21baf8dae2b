import { z } from 'zod';
import { recordIdSchema } from '../../domain/fields';
import type { Note } from '../../domain/noteSchema';
import { type Session, sessionSchema } from '../../domain/sessionSchema';
import { returns } from './returns';

/**
 * A new session and its note in one step: the client and when are required; duration and
 * modality default to the client's previous session (else 50 minutes in person), attendance to
 * attended.
 */
export const sessionNoteInput = z.strictObject({
  clientId: recordIdSchema,
  startsAt: sessionSchema.shape.startsAt,
  durationMinutes: sessionSchema.shape.durationMinutes.optional(),
  modality: sessionSchema.shape.modality.optional(),
  attendance: sessionSchema.shape.attendance.optional(),
});
export type SessionNoteInput = z.input<typeof sessionNoteInput>;

/** What a one-step session note made: both records, so the renderer's index shows them at once. */
export interface StartedSessionNote {
  session: Session;
  note: Note;
}

export const sessionNoteContract = {
  /** Records a session and creates its draft note with the client's usual template. */
  'sessionNotes:start': { input: sessionNoteInput, output: returns<StartedSessionNote>() },
  /** The session's note: the one it has, or a new draft with the client's usual template. */
  'sessionNotes:open': { input: z.strictObject({ sessionId: recordIdSchema }), output: returns<Note>() },
} as const;
