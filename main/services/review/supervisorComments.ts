/**
 * The clinician's side of returned comments: a comments file is matched to the packet this vault
 * exported, each comment's refs are resolved to the real session, note and rupture, and the
 * comments are stored beside them, once each however often the file is imported.
 */
import { createHash } from 'node:crypto';
import { displaySafeText } from '../../../shared/domain/displaySafeText';
import { AttuneError } from '../../../shared/errors';
import type {
  CommentsFile,
  CommentsFilter,
  CommentsImportResult,
  CommentTarget,
  ResolvedTarget,
  SupervisorComment,
} from '../../../shared/review/commentsSchema';
import {
  findRecord,
  type ReviewExportRecord,
  type ReviewVault,
  reviewKinds,
  type SupervisorCommentRecord,
  valuesOf,
} from './reviewKinds';

/** The record id of a returned comment: the same comment of the same packet always maps to one record. */
const recordIdOf = (packetId: string, commentId: string): string =>
  createHash('sha256').update(`${packetId}:${commentId}`).digest('hex').slice(0, 32);

/**
 * Stores the comments of `file` beside the real records, in one vault commit with a
 * 'comments-import' audit entry. All or nothing: a comment about something the packet did not
 * hold refuses the whole file.
 */
export async function importComments(
  vault: ReviewVault,
  file: CommentsFile,
  now: Date,
): Promise<CommentsImportResult> {
  const exported = await findRecord<ReviewExportRecord>(vault, reviewKinds.export, file.packetId);
  if (!exported) {
    throw new AttuneError(
      'not-found',
      'These comments are about a review packet this vault did not make; import them into the vault that made the packet.',
    );
  }
  const resolved = file.comments.map((c) => ({ comment: c, target: resolve(exported, c.target) }));
  const existing = new Set(vault.list(reviewKinds.supervisorComment).map((r) => r.id));
  const importedAt = now.toISOString();
  const items: Array<{ kind: string; id: string; value: SupervisorCommentRecord }> = [];
  const result: CommentsImportResult = {
    packetId: file.packetId,
    alias: exported.alias,
    clientId: exported.clientId,
    imported: 0,
    duplicates: 0,
    updated: 0,
  };
  for (const { comment, target } of resolved) {
    const id = recordIdOf(file.packetId, comment.id);
    const before = existing.has(id)
      ? await vault.get<SupervisorCommentRecord>(reviewKinds.supervisorComment, id)
      : undefined;
    if (before && before.text === comment.text) {
      result.duplicates += 1;
      continue;
    }
    const value: SupervisorCommentRecord = {
      id,
      commentId: comment.id,
      packetId: file.packetId,
      alias: exported.alias,
      reviewer: { name: file.reviewer.name },
      at: comment.at,
      text: comment.text,
      target,
      // Changed text is a new remark: it asks to be addressed again.
      addressed: false,
      addressedAt: null,
      importedAt: before?.importedAt ?? importedAt,
    };
    items.push({ kind: reviewKinds.supervisorComment, id, value });
    if (before) result.updated += 1;
    else result.imported += 1;
  }
  const detail = {
    packetId: file.packetId,
    reviewer: file.reviewer.name,
    imported: result.imported,
    duplicates: result.duplicates,
    updated: result.updated,
  };
  if (items.length > 0) await vault.putMany(items, { type: 'comments-import', detail });
  else await vault.appendAudit('comments-import', detail);
  return result;
}

function resolve(exported: ReviewExportRecord, target: CommentTarget): ResolvedTarget {
  const clientId = exported.clientId;
  if (target.kind === 'case') return { kind: 'case', clientId };
  const sessionId = exported.refs.sessions[target.sessionRef];
  if (!sessionId) {
    throw new AttuneError(
      'invalid-input',
      'A comment in this file is about a session that was not in the packet; nothing was imported.',
    );
  }
  if (target.kind === 'session') return { kind: 'session', clientId, sessionId };
  const rupture = exported.refs.ruptures[target.ruptureRef];
  if (!rupture || rupture.sessionId !== sessionId) {
    throw new AttuneError(
      'invalid-input',
      'A comment in this file is about a rupture that was not in the packet; nothing was imported.',
    );
  }
  return { kind: 'rupture', clientId, ...rupture };
}

/** A stored comment as shown; one imported before spoofing characters were removed on input loses them here. */
const publicComment = ({
  commentId: _commentId,
  ...comment
}: SupervisorCommentRecord): SupervisorComment => ({
  ...comment,
  reviewer: { name: displaySafeText(comment.reviewer.name, { lines: false }) },
  text: displaySafeText(comment.text, { lines: true }),
});

/** A client's or a session's returned comments, oldest first. */
export async function listComments(vault: ReviewVault, filter: CommentsFilter): Promise<SupervisorComment[]> {
  const keep =
    'clientId' in filter
      ? (c: SupervisorCommentRecord) => c.target.clientId === filter.clientId
      : (c: SupervisorCommentRecord) => c.target.kind !== 'case' && c.target.sessionId === filter.sessionId;
  return (await valuesOf<SupervisorCommentRecord>(vault, reviewKinds.supervisorComment))
    .filter(keep)
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : 1))
    .map(publicComment);
}

/** Marks a returned comment addressed (or not yet); recorded in the audit trail. */
export async function setCommentAddressed(
  vault: ReviewVault,
  id: string,
  addressed: boolean,
  now: Date,
): Promise<SupervisorComment> {
  const current = await findRecord<SupervisorCommentRecord>(vault, reviewKinds.supervisorComment, id);
  if (!current)
    throw new AttuneError('not-found', 'This comment is no longer in the vault. Reload the page.');
  if (current.addressed === addressed) return publicComment(current);
  const next: SupervisorCommentRecord = {
    ...current,
    addressed,
    addressedAt: addressed ? now.toISOString() : null,
  };
  await vault.put(reviewKinds.supervisorComment, id, next, { type: 'update', detail: { addressed } });
  return publicComment(next);
}
