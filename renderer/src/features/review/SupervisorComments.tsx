import { useId } from 'react';
import type { SupervisorComment } from '../../../../shared/ipc/contract';
import type { RuptureSummary } from '../../../../shared/summaries/noteSummary';
import { localDate, typeLabel } from './reviewFormat';

type SetAddressed = (id: string, addressed: boolean) => void;

/** Which rupture of the session a comment is about, as the session's note numbers them. */
function ruptureWords(comment: SupervisorComment, ruptures: readonly RuptureSummary[]): string | null {
  if (comment.target.kind !== 'rupture') return null;
  const { ruptureId } = comment.target;
  const index = ruptures.findIndex((r) => r.id === ruptureId);
  const rupture = ruptures[index];
  if (!rupture) return 'On a rupture no longer in the note';
  return `On rupture ${index + 1} (${typeLabel(rupture.type).toLowerCase()}${
    rupture.minute === null ? '' : `, minute ${rupture.minute}`
  })`;
}

/** One returned comment: what it is about, the text, who wrote it and when, and "Addressed". */
function CommentItem({
  comment,
  about,
  onSetAddressed,
}: {
  comment: SupervisorComment;
  about: string | null;
  onSetAddressed: SetAddressed;
}) {
  const id = useId();
  // Every box is named "Addressed": what it is about and the comment's text tell them apart.
  const described = about ? `${id}-about ${id}-text` : `${id}-text`;
  return (
    <li className={comment.addressed ? 'supervisor-comment addressed' : 'supervisor-comment'}>
      {about && (
        <p id={`${id}-about`} className="comment-about">
          {about}
        </p>
      )}
      <p id={`${id}-text`} className="prewrap">
        {comment.text}
      </p>
      <p className="muted small">
        {comment.reviewer.name} · {localDate(comment.at)}
      </p>
      <div className="choice">
        <input
          id={id}
          type="checkbox"
          checked={comment.addressed}
          aria-describedby={described}
          onChange={(e) => onSetAddressed(comment.id, e.target.checked)}
        />
        <label htmlFor={id} className="choice-label">
          Addressed
        </label>
      </div>
    </li>
  );
}

/** A session's returned comments, rupture comments marked with their rupture; for the sessions table. */
export function SessionComments({
  comments,
  ruptures,
  onSetAddressed,
}: {
  comments: readonly SupervisorComment[];
  ruptures: readonly RuptureSummary[];
  onSetAddressed: SetAddressed;
}) {
  if (comments.length === 0) return null;
  return (
    <ul className="supervisor-comments" aria-label="Supervisor comments">
      {comments.map((c) => (
        <CommentItem
          key={c.id}
          comment={c}
          about={ruptureWords(c, ruptures)}
          onSetAddressed={onSetAddressed}
        />
      ))}
    </ul>
  );
}

/** The comments on the case as a whole, above the sessions. */
export function CaseComments({
  comments,
  onSetAddressed,
}: {
  comments: readonly SupervisorComment[];
  onSetAddressed: SetAddressed;
}) {
  const headingId = useId();
  if (comments.length === 0) return null;
  return (
    <section className="case-comments" aria-labelledby={headingId}>
      <h2 id={headingId}>Supervisor comments on the case</h2>
      <ul className="supervisor-comments">
        {comments.map((c) => (
          <CommentItem key={c.id} comment={c} about={null} onSetAddressed={onSetAddressed} />
        ))}
      </ul>
    </section>
  );
}
