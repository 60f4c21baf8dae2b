import { useCallback, useEffect, useState } from 'react';
import type { CommentTarget, ReviewComment, ReviewPacket } from '../../../../shared/ipc/contract';
import { messageOf } from '../../data/api';
import { CommentBox } from './CommentBox';
import { ExportCommentsPanel } from './ExportCommentsPanel';
import { PacketView } from './PacketView';
import { deleteComment, getPacket, saveComment } from './reviewData';
import { sameTarget } from './reviewFormat';
import './review.css';

const boxLabels: Record<CommentTarget['kind'], string> = {
  case: 'Comment on the case',
  session: 'Comment on this session',
  rupture: 'Comment on this rupture',
};

/** Review mode: one packet, read-only, with the reviewer's comments on the case, sessions and ruptures. */
export function ReviewPacketPage({ packetId, onBack }: { packetId: string; onBack: () => void }) {
  const [packet, setPacket] = useState<ReviewPacket | null>(null);
  const [comments, setComments] = useState<ReviewComment[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    getPacket(packetId)
      .then((found) => {
        setPacket(found.packet);
        setComments(found.comments);
      })
      .catch((failure) => setError(messageOf(failure)));
  }, [packetId]);

  const commentSlot = useCallback(
    (target: CommentTarget) => (
      <CommentBox
        packetId={packetId}
        formKey={`comment:${packetId}:${JSON.stringify(target)}`}
        label={boxLabels[target.kind]}
        comments={comments.filter((c) => sameTarget(c.target, target))}
        onSave={async (text) => {
          const saved = await saveComment(packetId, target, text);
          setComments((list) => [...list, saved]);
        }}
        onEdit={async (id, text) => {
          const saved = await saveComment(packetId, target, text, id);
          setComments((list) => list.map((c) => (c.id === id ? saved : c)));
        }}
        onDelete={async (id) => {
          await deleteComment(id);
          setComments((list) => list.filter((c) => c.id !== id));
        }}
      />
    ),
    [comments, packetId],
  );

  return (
    <main className="page review-screen review-mode">
      <button type="button" className="secondary" onClick={onBack}>
        All review packets
      </button>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {!packet ? (
        !error && <p>Loading…</p>
      ) : (
        <>
          <div className="page-head">
            <h1>Review: {packet.alias}</h1>
            <span className="badge">Read-only</span>
          </div>
          <p className="muted">
            A de-identified case packet shared with you for supervision. Comment on the case as a whole, on a
            session or on a rupture; then export your comments for the clinician.
          </p>
          <ExportCommentsPanel packetId={packetId} alias={packet.alias} comments={comments.length} />
          <PacketView packet={packet} sectionLevel={2} commentSlot={commentSlot} />
        </>
      )}
    </main>
  );
}
