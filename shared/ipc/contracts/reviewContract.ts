import { z } from 'zod';
import { isoDateSchema, recordIdSchema } from '../../domain/fields';
import {
  type CommentsImportResult,
  commentIdSchema,
  commentsFilterSchema,
  commentTargetSchema,
  commentTextSchema,
  type PacketListing,
  type ReviewComment,
  reviewerNameSchema,
  type SupervisorComment,
} from '../../review/commentsSchema';
import {
  aliasSchema,
  MAX_PACKET_SESSIONS,
  packetIdSchema,
  packetIncludeSchema,
  type ReviewPacket,
} from '../../review/packetSchema';
import { COMMENTS_EXTENSION, PACKET_EXTENSION, reviewFilePathSchema } from '../../review/reviewFiles';
import { returns } from './returns';
import { type Saved, savePathInput } from './savedFile';
import { newPassphraseInput, passphraseInput } from './vaultContract';

const nameInput = z
  .string({ error: 'Each name to remove must be text.' })
  .trim()
  .min(1, 'Leave no empty name in the list of names to remove.')
  .max(120, 'A name to remove can be at most 120 characters.');

/** What goes into a packet: one client, a date range and/or picked sessions, and the parts chosen. */
const packetRequestShape = {
  clientId: recordIdSchema,
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
  sessionIds: z
    .array(recordIdSchema)
    .min(1, 'Choose at least one session, or leave the choice to the date range.')
    .max(MAX_PACKET_SESSIONS, `A packet holds at most ${MAX_PACKET_SESSIONS} sessions.`)
    .optional(),
  include: packetIncludeSchema,
  /** Other names to remove from the text (partners, relatives, colleagues), besides the client's. */
  extraNames: z.array(nameInput).max(200, 'List at most 200 names to remove.').default([]),
  shiftDates: z.boolean({ error: 'Say whether to shift the dates.' }),
  alias: aliasSchema.optional(),
};

type RequestFields = {
  from?: string | undefined;
  to?: string | undefined;
  include: z.infer<typeof packetIncludeSchema>;
};
const rangeInOrder = (r: RequestFields) => !r.from || !r.to || r.from <= r.to;
const somethingChosen = ({ include: i }: RequestFields) =>
  i.metrics || i.charts || i.notes || i.ruptures || i.processNotes;
const rangeMessage = { message: 'The first day of the range comes after the last; swap them.', path: ['to'] };
const chosenMessage = { message: 'Choose at least one thing to put in the packet.', path: ['include'] };

export const packetRequestInput = z
  .strictObject(packetRequestShape)
  .refine(rangeInOrder, rangeMessage)
  .refine(somethingChosen, chosenMessage);
export type PacketRequestInput = z.input<typeof packetRequestInput>;

/** Paths come from the app's native open dialog; these checks refuse anything else early. */
export const packetPathInput = reviewFilePathSchema(PACKET_EXTENSION);
export const commentsPathInput = reviewFilePathSchema(COMMENTS_EXTENSION);

export interface ExportedPacketInfo {
  /** Where main wrote the packet: `<dataDir>/exports/<alias>-<yyyy-mm-dd>.attune-review`. */
  path: string;
  packetId: string;
  alias: string;
  sessions: number;
}

/**
 * Supervisor case review. `review:*` are both sides of a packet: the clinician's preview and
 * export, and the reviewer's review mode (packets kept apart from their own clients).
 * `comments:*` are the clinician's returned comments, attached to real sessions and ruptures.
 */
export const reviewContract = {
  /** Exactly what an export with the same request would put in the packet now. */
  'review:preview': { input: packetRequestInput, output: returns<ReviewPacket>() },
  'review:exportPacket': {
    input: z
      .strictObject({
        ...packetRequestShape,
        passphrase: newPassphraseInput,
        /** Where the user chose to save it (files:chooseSaveFile); the exports folder when absent. */
        saveTo: savePathInput.optional(),
      })
      .refine(rangeInOrder, rangeMessage)
      .refine(somethingChosen, chosenMessage),
    output: returns<Saved<ExportedPacketInfo>>(),
  },
  'review:openPacket': {
    input: z.strictObject({ path: packetPathInput, passphrase: passphraseInput }),
    output: returns<ReviewPacket>(),
  },
  'review:listPackets': { input: z.undefined(), output: returns<PacketListing[]>() },
  'review:getPacket': {
    input: z.strictObject({ packetId: packetIdSchema }),
    output: returns<{ packet: ReviewPacket; comments: ReviewComment[] }>(),
  },
  /** Removes an opened packet and the reviewer's comments on it from review mode. */
  'review:removePacket': { input: z.strictObject({ packetId: packetIdSchema }), output: returns<null>() },
  /** A new comment, or (with `id`) new text or target for an existing one. */
  'review:saveComment': {
    input: z.strictObject({
      packetId: packetIdSchema,
      id: commentIdSchema.optional(),
      target: commentTargetSchema,
      text: commentTextSchema,
    }),
    output: returns<ReviewComment>(),
  },
  'review:deleteComment': { input: z.strictObject({ id: commentIdSchema }), output: returns<null>() },
  /** Refuses a passphrase that is not the packet's, before the save dialog of its comments. */
  'review:checkPacketPassphrase': {
    input: z.strictObject({ packetId: packetIdSchema, passphrase: passphraseInput }),
    output: returns<null>(),
  },
  /** Seals the comments with the packet's passphrase (refused if it is not that passphrase). */
  'review:exportComments': {
    input: z.strictObject({
      packetId: packetIdSchema,
      reviewerName: reviewerNameSchema,
      passphrase: passphraseInput,
      saveTo: savePathInput.optional(),
    }),
    output: returns<Saved<{ path: string; comments: number }>>(),
  },
  'comments:import': {
    input: z.strictObject({ path: commentsPathInput, passphrase: passphraseInput }),
    output: returns<CommentsImportResult>(),
  },
  /** A client's (or one session's) returned comments, with real ids, oldest first. */
  'comments:list': { input: commentsFilterSchema, output: returns<SupervisorComment[]>() },
  'comments:setAddressed': {
    input: z.strictObject({
      id: commentIdSchema,
      addressed: z.boolean({ error: 'Say whether the comment is addressed.' }),
    }),
    output: returns<SupervisorComment>(),
  },
} as const;
