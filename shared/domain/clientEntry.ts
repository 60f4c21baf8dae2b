/**
 * Client entry mode: the therapist hands the computer to the client, who fills in one form on a
 * screen that shows nothing else of the vault. These are the pieces main and the renderer share.
 */
import { z } from 'zod';
import { instrumentIds } from '../measures/instrument';
import type { FeedbackItemId } from './feedback';

/**
 * The forms a client can fill in on the therapist's screen: the session feedback, or one of the
 * outcome measures (shared/measures, by instrument id).
 */
export const clientEntryForms = ['feedback', ...instrumentIds] as const;

/** Which form the client fills in. */
export const clientEntryFormSchema = z.enum(clientEntryForms, {
  error: 'Choose which form the client fills in.',
});

/** A client entry form. */
export type ClientEntryForm = z.infer<typeof clientEntryFormSchema>;

/**
 * The name the form greets the client by, chosen by the therapist (off by default: null). Only
 * a first name is asked for, so the form shows no more of the record than that.
 */
export const clientEntryGreetingSchema = z
  .string({ error: 'The greeting is a first name, or nothing.' })
  .trim()
  .min(1, 'Enter the first name to greet the client by, or turn the greeting off.')
  .max(40, 'A first name for the greeting can be at most 40 characters.')
  .nullable();

/** Whether client entry is on, and what the form may show. */
export type ClientEntryStatus =
  | { active: false }
  | { active: true; form: ClientEntryForm; greeting: string | null };

/** Why every other request is refused while the client has the screen. */
export const clientEntryRefusal =
  'The client is filling in a form on this screen, so nothing else can be opened. Enter your passphrase on the form’s last step to return to your notes.';

/** One session-feedback item as the client reads it on the client entry form. */
export interface ClientFeedbackQuestion {
  question: string;
  /** What 0 means, shown at the low end. */
  low: string;
  /** What 10 means, shown at the high end. */
  high: string;
}

/**
 * The four feedback items (feedback.ts) in the client's own words: the editor's labels speak to
 * the therapist ("whether the client felt heard"), the form speaks to the client.
 */
export const clientFeedbackQuestions: Readonly<Record<FeedbackItemId, ClientFeedbackQuestion>> = {
  relationship: {
    question: 'Did you feel heard, understood and respected today?',
    low: '0: not at all',
    high: '10: completely',
  },
  goals: {
    question: 'Did we work on and talk about what you wanted to?',
    low: '0: not at all',
    high: '10: completely',
  },
  approach: {
    question: 'Was the way we worked today a good fit for you?',
    low: '0: not a good fit',
    high: '10: a very good fit',
  },
  overall: {
    question: 'Overall, how was today’s session for you?',
    low: '0: something important was missing',
    high: '10: it was right for me',
  },
};
