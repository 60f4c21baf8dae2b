/** A therapy session: when, how long, how it was held, and whether the client came. */
import { z } from 'zod';
import { isoDateTimeSchema, MAX_SESSION_MINUTES, recordIdSchema } from './fields';

const durationMessage = `Enter a duration in whole minutes from 1 to ${MAX_SESSION_MINUTES}.`;

/** Session modalities. */
export const modalityIds = ['in-person', 'video', 'phone'] as const;
/** Attendance outcomes. */
export const attendanceIds = ['attended', 'late-cancel', 'no-show', 'cancelled'] as const;

/** Labels for the session modalities. */
export const modalityLabels: Record<(typeof modalityIds)[number], string> = {
  'in-person': 'In person',
  video: 'Video',
  phone: 'Phone',
};

/** Labels for the attendance outcomes. */
export const attendanceLabels: Record<(typeof attendanceIds)[number], string> = {
  attended: 'Attended',
  'late-cancel': 'Late cancellation',
  'no-show': 'No-show',
  cancelled: 'Cancelled',
};

/** A session record. */
export const sessionSchema = z.strictObject({
  id: recordIdSchema,
  clientId: recordIdSchema,
  startsAt: isoDateTimeSchema,
  durationMinutes: z
    .int({ error: durationMessage })
    .min(1, durationMessage)
    .max(MAX_SESSION_MINUTES, durationMessage),
  modality: z.enum(modalityIds, { error: 'Choose a modality: in person, video or phone.' }),
  attendance: z.enum(attendanceIds, {
    error: 'Choose attendance: attended, late cancellation, no-show or cancelled.',
  }),
});

/** A session record. */
export type Session = z.infer<typeof sessionSchema>;
/** How a session was held. */
export type Modality = Session['modality'];
/** Whether the client came. */
export type Attendance = Session['attendance'];
