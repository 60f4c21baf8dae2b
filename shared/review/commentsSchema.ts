/**
 * Supervisor comments: what a reviewer writes on a packet (drafts in the reviewer's vault), the
 * comments file (`.attune-comments`) they send back, and the comments as the clinician keeps
 * them, attached to real sessions and ruptures. See docs/review-packet-format.md.
 */
import { z } from 'zod';
import { displaySafeText } from '../domain/displaySafeText';
import { isoDateTimeSchema, recordIdSchema } from '../domain/fields';
import { packetIdSchema, packetRefSchema } from './packetSchema';

export const COMMENTS_FORMAT = 'attune-review-comments';
export const COMMENTS_VERSION = 1;
/** The most comments one file carries. */
export const MAX_COMMENTS = 5000;

/** A comment id: 128 random bits in lower-case hex, made by the reviewer's Attune. */
export const commentIdSchema = z
  .string({ error: 'A comment id is missing.' })
  .regex(/^[0-9a-f]{32}$/, 'A comment id is 32 lower-case hex characters.');

/** What a comment is about: the case as a whole, one session, or one rupture, by packet ref. */
export const commentTargetSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('case') }),
    z.strictObject({ kind: z.literal('session'), sessionRef: packetRefSchema }),
    z.strictObject({ kind: z.literal('rupture'), sessionRef: packetRefSchema, ruptureRef: packetRefSchema }),
  ],
  { error: 'Say what the comment is about: the case, a session or a rupture.' },
);
export type CommentTarget = z.infer<typeof commentTargetSchema>;

/**
 * A comment's text. Characters that reorder or hide what is shown (bidi overrides, controls,
 * invisible format characters) are removed first: see `displaySafeText`.
 */
export const commentTextSchema = z
  .string({ error: 'Write the comment.' })
  .transform((text) => displaySafeText(text, { lines: true }))
  .pipe(
    z.string().trim().min(1, 'Write the comment.').max(20_000, 'A comment can be at most 20,000 characters.'),
  );

/** The reviewer's name, on one line, without characters that could disguise it. */
export const reviewerNameSchema = z
  .string({ error: 'Enter your name as the reviewer.' })
  .transform((name) => displaySafeText(name, { lines: false }))
  .pipe(
    z
      .string()
      .trim()
      .min(1, 'Enter your name as the reviewer.')
      .max(120, 'A reviewer name can be at most 120 characters.'),
  );

/** The decrypted content of a comments file. */
export const commentsFileSchema = z.strictObject({
  format: z.literal(COMMENTS_FORMAT),
  version: z.literal(COMMENTS_VERSION),
  packetId: packetIdSchema,
  reviewer: z.strictObject({ name: reviewerNameSchema }),
  exportedAt: isoDateTimeSchema,
  comments: z
    .array(
      z.strictObject({
        id: commentIdSchema,
        target: commentTargetSchema,
        text: commentTextSchema,
        at: isoDateTimeSchema,
      }),
    )
    .max(MAX_COMMENTS, `A comments file holds at most ${MAX_COMMENTS} comments.`)
    .refine((list) => new Set(list.map((c) => c.id)).size === list.length, 'Each comment needs its own id.'),
});
export type CommentsFile = z.output<typeof commentsFileSchema>;

/** A reviewer's comment on a packet, kept in the reviewer's vault until exported. */
export interface ReviewComment {
  id: string;
  packetId: string;
  target: CommentTarget;
  text: string;
  /** When it was first written. */
  at: string;
  updatedAt: string;
}

/** A packet as the reviewer's packet list shows it. */
export interface PacketListing {
  packetId: string;
  alias: string;
  createdAt: string;
  sessions: number;
  openedAt: string;
  comments: number;
}

/** A comment's target in the clinician's vault: real ids, resolved from the packet's refs. */
export type ResolvedTarget =
  | { kind: 'case'; clientId: string }
  | { kind: 'session'; clientId: string; sessionId: string }
  | { kind: 'rupture'; clientId: string; sessionId: string; noteId: string; ruptureId: string };

/** A supervisor's comment as the clinician keeps it, beside the session or rupture it is about. */
export interface SupervisorComment {
  /** The record id in the clinician's vault. */
  id: string;
  packetId: string;
  /** The alias the packet gave the client. */
  alias: string;
  reviewer: { name: string };
  /** When the reviewer wrote it. */
  at: string;
  text: string;
  target: ResolvedTarget;
  addressed: boolean;
  /** When it was last marked addressed; null while it is not. */
  addressedAt: string | null;
  importedAt: string;
}

/** What an import of a comments file did. */
export interface CommentsImportResult {
  packetId: string;
  alias: string;
  clientId: string;
  /** Comments new to this vault. */
  imported: number;
  /** Comments already imported, unchanged. */
  duplicates: number;
  /** Comments imported before whose text the reviewer has since changed. */
  updated: number;
}

/** Filter for the clinician's comment list: one client's, or one session's. */
export const commentsFilterSchema = z.union(
  [z.strictObject({ clientId: recordIdSchema }), z.strictObject({ sessionId: recordIdSchema })],
  { error: 'Give a client id or a session id.' },
);
export type CommentsFilter = z.infer<typeof commentsFilterSchema>;
