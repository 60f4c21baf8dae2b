/**
 * The vault record kinds of supervisor review. They are kinds of their own, apart from clients,
 * sessions and notes, so a reviewer's packets never mix with their own caseload and nothing that
 * lists, indexes, searches or exports clinical records ever sees them.
 */
import type { ResolvedTarget, ReviewComment, SupervisorComment } from '../../../shared/review/commentsSchema';
import type { ReviewPacket } from '../../../shared/review/packetSchema';
import type { OpenVault } from '../../vault/OpenVault';
import type { PassphraseCheck } from './reviewEnvelope';

export const reviewKinds = {
  /** Reviewer side: a packet opened in review mode (id = packet id). */
  packet: 'review-packet',
  /** Reviewer side: a draft comment on an opened packet. */
  draftComment: 'review-comment',
  /** Clinician side: what a packet this vault made refers to (id = packet id); never in the packet. */
  export: 'review-export',
  /** Clinician side: an imported supervisor comment, attached to real ids. */
  supervisorComment: 'supervisor-comment',
} as const;

/** The part of the vault review works with; the CLI and the app pass the vault they opened, in either format. */
export type ReviewVault = Pick<
  OpenVault,
  'list' | 'get' | 'getAll' | 'put' | 'putMany' | 'delete' | 'appendAudit'
>;

/** Where each ref of an exported packet points in the clinician's vault. */
export interface PacketRefs {
  sessions: Record<string, string>;
  notes: Record<string, string>;
  ruptures: Record<string, { sessionId: string; noteId: string; ruptureId: string }>;
}

/** Clinician side: the record kept for each packet this vault exported. */
export interface ReviewExportRecord {
  packetId: string;
  clientId: string;
  alias: string;
  createdAt: string;
  /** Days added to every date in the packet (0 when dates were not shifted). */
  shiftDays: number;
  sessions: number;
  processNotes: boolean;
  /** Where the packet was written. */
  path: string;
  refs: PacketRefs;
}

/** Reviewer side: an opened packet, with what tells whether a passphrase is the packet's. */
export interface ReviewPacketRecord {
  packet: ReviewPacket;
  openedAt: string;
  passphraseCheck: PassphraseCheck;
}

export type ReviewCommentRecord = ReviewComment;
export type SupervisorCommentRecord = SupervisorComment & { commentId: string };
export type { ResolvedTarget };

/** The values of every record of `kind`. */
export async function valuesOf<T>(vault: ReviewVault, kind: string): Promise<T[]> {
  return (await vault.getAll<T>(kind)).map((r) => r.value);
}

/** One record, or undefined when there is none with that id. */
export async function findRecord<T>(vault: ReviewVault, kind: string, id: string): Promise<T | undefined> {
  if (!vault.list(kind).some((r) => r.id === id)) return undefined;
  return vault.get<T>(kind, id);
}
