import { z } from 'zod';
import { type Client, clientSchema } from '../../domain/clientSchema';
import { recordIdSchema } from '../../domain/fields';
import { type Session, sessionSchema } from '../../domain/sessionSchema';
import { returns } from './returns';

/** What the user enters to create a client; ids, status and timestamps are main's. */
export const clientInput = clientSchema.pick({
  code: true,
  displayName: true,
  startDate: true,
  concerns: true,
  goals: true,
});
export type ClientInput = z.input<typeof clientInput>;

export const sessionInput = sessionSchema.omit({ id: true });
export type SessionInput = z.input<typeof sessionInput>;

export const clientContract = {
  'clients:list': { input: z.undefined(), output: returns<Client[]>() },
  'clients:create': { input: clientInput, output: returns<Client>() },
  'clients:update': {
    input: z.strictObject({ id: recordIdSchema, changes: clientInput.partial() }),
    output: returns<Client>(),
  },
  /** Closing a client keeps every record; reopening sets the status back to active. */
  'clients:setStatus': {
    input: z.strictObject({ id: recordIdSchema, status: clientSchema.shape.status }),
    output: returns<Client>(),
  },
  'sessions:list': { input: z.strictObject({ clientId: recordIdSchema }), output: returns<Session[]>() },
  'sessions:create': { input: sessionInput, output: returns<Session>() },
  'sessions:update': {
    input: z.strictObject({ id: recordIdSchema, changes: sessionInput.omit({ clientId: true }).partial() }),
    output: returns<Session>(),
  },
} as const;
