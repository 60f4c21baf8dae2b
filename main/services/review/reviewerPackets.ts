/**
 * The reviewer's side: packets opened in review mode and the comments written on them, kept in
 * the reviewer's vault under kinds of their own (never as clients, sessions or notes), and the
 * comments file made from them for the clinician.
 */
import { randomBytes } from 'node:crypto';
import { canonicalJson } from '../../../shared/domain/canonicalJson';
import { displaySafeText } from '../../../shared/domain/displaySafeText';
import { AttuneError } from '../../../shared/errors';
import {
  COMMENTS_FORMAT,
  COMMENTS_VERSION,
  type CommentsFile,
  type CommentTarget,
  commentTextSchema,
  MAX_COMMENTS,
  type PacketListing,
  type ReviewComment,
  reviewerNameSchema,
} from '../../../shared/review/commentsSchema';
import { packetRuptureSessions, packetSchema, type ReviewPacket } from '../../../shared/review/packetSchema';
import { parseOrThrow } from '../parseOrThrow';
import type { PassphraseCheck } from './reviewEnvelope';
import {
  findRecord,
  type ReviewCommentRecord,
  type ReviewPacketRecord,
  type ReviewVault,
  reviewKinds,
  valuesOf,
} from './reviewKinds';

const packetGone = () =>
  new AttuneError('not-found', 'This review packet is no longer in your vault. Open the packet file again.');

/**
 * Stores an opened packet. The very same packet opened again keeps its record and the
 * reviewer's comments on it. A different packet under the id of an open one is refused: it
 * would replace the sessions the comments point at.
 */
export async function storeOpenedPacket(
  vault: ReviewVault,
  packet: ReviewPacket,
  passphraseCheck: PassphraseCheck,
  now: Date,
): Promise<void> {
  const existing = await findRecord<ReviewPacketRecord>(vault, reviewKinds.packet, packet.packetId);
  if (existing && canonicalJson(asRead(existing.packet)) !== canonicalJson(packet)) {
    throw new AttuneError(
      'conflict',
      `A packet with this id is already open: ${existing.packet.alias}, opened on ` +
        `${existing.openedAt.slice(0, 10)}. Remove it first (your comments on it go with it) or keep ` +
        'reviewing the open one.',
    );
  }
  const record: ReviewPacketRecord = {
    packet,
    openedAt: existing?.openedAt ?? now.toISOString(),
    passphraseCheck,
  };
  await vault.put(reviewKinds.packet, packet.packetId, record, {
    type: 'import',
    detail: {
      what: 'review-packet',
      sessions: packet.sessions.length,
      processNotes: packet.processNotes !== undefined,
    },
  });
}

/**
 * A stored packet as the current schema reads it: one stored by an older Attune lacks the parts
 * added since (goals, risk, typed addenda: packet version 2), which read as their defaults. Also
 * what makes the same packet, opened again after an update, compare equal to the stored one.
 */
export function asRead(packet: ReviewPacket): ReviewPacket {
  const parsed = packetSchema.safeParse(packet);
  return parsed.success ? parsed.data : packet;
}

export async function requirePacket(vault: ReviewVault, packetId: string): Promise<ReviewPacketRecord> {
  const record = await findRecord<ReviewPacketRecord>(vault, reviewKinds.packet, packetId);
  if (!record) throw packetGone();
  return record;
}

export async function commentsOf(vault: ReviewVault, packetId: string): Promise<ReviewComment[]> {
  return (
    (await valuesOf<ReviewCommentRecord>(vault, reviewKinds.draftComment))
      .filter((c) => c.packetId === packetId)
      // Drafts saved before spoofing characters were removed on input lose them here.
      .map((c) => ({ ...c, text: displaySafeText(c.text, { lines: true }) }))
      .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : 1))
  );
}

/** The opened packets, most recently made first. */
export async function listPackets(vault: ReviewVault): Promise<PacketListing[]> {
  const counts = new Map<string, number>();
  for (const c of await valuesOf<ReviewCommentRecord>(vault, reviewKinds.draftComment)) {
    counts.set(c.packetId, (counts.get(c.packetId) ?? 0) + 1);
  }
  return (await valuesOf<ReviewPacketRecord>(vault, reviewKinds.packet))
    .map(({ packet, openedAt }) => ({
      packetId: packet.packetId,
      alias: packet.alias,
      createdAt: packet.createdAt,
      sessions: packet.sessions.length,
      openedAt,
      comments: counts.get(packet.packetId) ?? 0,
    }))
    .sort((a, b) => (a.createdAt > b.createdAt ? -1 : a.createdAt < b.createdAt ? 1 : 0));
}

/** Removes a packet and the reviewer's comments on it. */
export async function removePacket(vault: ReviewVault, packetId: string): Promise<void> {
  await requirePacket(vault, packetId);
  for (const comment of await commentsOf(vault, packetId)) {
    await vault.delete(reviewKinds.draftComment, comment.id);
  }
  await vault.delete(reviewKinds.packet, packetId, { type: 'delete', detail: { what: 'review-packet' } });
}

export interface CommentInput {
  packetId: string;
  /** Given to change the text of an existing comment; absent for a new one. */
  id?: string;
  target: CommentTarget;
  text: string;
}

/** Saves a new comment, or new text for an existing one; its target must be in the packet. */
export async function saveComment(
  vault: ReviewVault,
  input: CommentInput,
  now: Date,
): Promise<ReviewComment> {
  const { packet } = await requirePacket(vault, input.packetId);
  checkTarget(packet, input.target);
  const text = parseOrThrow(commentTextSchema, input.text);
  const at = now.toISOString();
  let comment: ReviewComment;
  if (input.id) {
    const existing = await findRecord<ReviewCommentRecord>(vault, reviewKinds.draftComment, input.id);
    if (!existing || existing.packetId !== input.packetId) {
      throw new AttuneError('not-found', 'This comment no longer exists; it may have been deleted.');
    }
    comment = { ...existing, target: input.target, text, updatedAt: at };
  } else {
    if ((await commentsOf(vault, input.packetId)).length >= MAX_COMMENTS) {
      throw new AttuneError('invalid-input', `A packet can take at most ${MAX_COMMENTS} comments.`);
    }
    comment = {
      id: randomBytes(16).toString('hex'),
      packetId: input.packetId,
      target: input.target,
      text,
      at,
      updatedAt: at,
    };
  }
  await vault.put(reviewKinds.draftComment, comment.id, comment);
  return comment;
}

export async function deleteComment(vault: ReviewVault, id: string): Promise<void> {
  if (!(await findRecord<ReviewCommentRecord>(vault, reviewKinds.draftComment, id))) {
    throw new AttuneError('not-found', 'This comment no longer exists; it may have been deleted already.');
  }
  await vault.delete(reviewKinds.draftComment, id);
}

/** The comments file for a packet, and what checks the packet's passphrase. */
export async function commentsFileFor(
  vault: ReviewVault,
  packetId: string,
  reviewerName: string,
  now: Date,
): Promise<{ file: CommentsFile; alias: string; passphraseCheck: PassphraseCheck }> {
  const { packet, passphraseCheck } = await requirePacket(vault, packetId);
  const comments = await commentsOf(vault, packetId);
  if (comments.length === 0) {
    throw new AttuneError('invalid-input', 'Write at least one comment before exporting the comments.');
  }
  const file: CommentsFile = {
    format: COMMENTS_FORMAT,
    version: COMMENTS_VERSION,
    packetId,
    reviewer: { name: parseOrThrow(reviewerNameSchema, reviewerName) },
    exportedAt: now.toISOString(),
    comments: comments.map((c) => ({ id: c.id, target: c.target, text: c.text, at: c.updatedAt })),
  };
  return { file, alias: packet.alias, passphraseCheck };
}

/** Refuses a target whose session or rupture is not in the packet. */
export function checkTarget(packet: ReviewPacket, target: CommentTarget): void {
  if (target.kind === 'case') return;
  if (!packet.sessions.some((s) => s.sessionRef === target.sessionRef)) {
    throw new AttuneError('invalid-input', 'This comment is about a session that is not in the packet.');
  }
  if (
    target.kind === 'rupture' &&
    packetRuptureSessions(packet).get(target.ruptureRef) !== target.sessionRef
  ) {
    throw new AttuneError(
      'invalid-input',
      'This comment is about a rupture that is not in that session of the packet.',
    );
  }
}
