import { useEffect, useRef, useState } from 'react';
import type { ReviewComment } from '../../../../shared/ipc/contract';
import { ConfirmableButton } from '../../components/ConfirmableButton';
import { TextAreaField } from '../../components/TextAreaField';
import { useUnsavedForm } from '../../data/unsavedForms';
import { localDateTime } from './reviewFormat';

/** Where an unsaved change to a saved comment is kept (ExportCommentsPanel counts them). */
export const commentEditKey = (packetId: string, commentId: string) =>
  `comment-edit:${packetId}:${commentId}`;

/**
 * One saved comment: its text, with Edit (the text in a box, kept like any typed text until it
 * is saved or cancelled) and Delete (asked again, since a deleted comment cannot be brought back).
 */
export function CommentItem({
  packetId,
  comment,
  busy,
  run,
  onEdit,
  onDelete,
}: {
  packetId: string;
  comment: ReviewComment;
  /** True while any change to this box's comments is being saved. */
  busy: boolean;
  /** Runs a change, showing its error under the box. */
  run: (work: () => Promise<void>) => Promise<void>;
  onEdit: (id: string, text: string) => Promise<void>;
  onDelete: (id: string) => Promise<void>;
}) {
  const [edit, change, forget] = useUnsavedForm(commentEditKey(packetId, comment.id), () => ({
    editing: false,
    text: comment.text,
  }));
  const [problem, setProblem] = useState<string | null>(null);
  const label = `Edit your comment saved ${localDateTime(comment.updatedAt)}`;
  const item = useRef<HTMLLIElement>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  /** Set while the box is open: when it closes (saved or cancelled), focus goes back to Edit. */
  const backToEdit = useRef(false);
  // The Edit button goes with the text it replaces: focus follows into the box, and back to the
  // button when the box closes (not while a save keeps the button disabled).
  useEffect(() => {
    if (!edit.editing) return;
    item.current?.querySelector('textarea')?.focus();
    backToEdit.current = true;
  }, [edit.editing]);
  useEffect(() => {
    if (edit.editing || busy || !backToEdit.current) return;
    backToEdit.current = false;
    editButton.current?.focus();
  }, [edit.editing, busy]);

  if (edit.editing) {
    return (
      <li ref={item}>
        <TextAreaField
          label={label}
          value={edit.text}
          onChange={(text) => change({ text })}
          error={problem ?? undefined}
        />
        <p className="comment-actions">
          <button
            type="button"
            className="secondary"
            disabled={busy}
            onClick={() => {
              if (!edit.text.trim())
                return setProblem('A comment cannot be empty: write it, or delete the comment.');
              setProblem(null);
              void run(async () => {
                await onEdit(comment.id, edit.text);
                forget({ editing: false, text: edit.text });
              });
            }}
          >
            Save changes
          </button>
          <button
            type="button"
            className="link"
            disabled={busy}
            onClick={() => {
              setProblem(null);
              forget({ editing: false, text: comment.text });
            }}
          >
            Cancel
          </button>
        </p>
      </li>
    );
  }
  return (
    <li>
      <p className="prewrap">{comment.text}</p>
      <div className="muted small comment-actions">
        Saved {localDateTime(comment.updatedAt)}{' '}
        <button
          type="button"
          className="link"
          disabled={busy}
          ref={editButton}
          onClick={() => change({ editing: true, text: comment.text })}
        >
          Edit comment
        </button>{' '}
        <ConfirmableButton
          label="Delete comment"
          needsConfirmation
          question="Delete this comment? It cannot be brought back."
          confirmLabel="Delete"
          keepLabel="Keep it"
          onConfirm={() => void run(() => onDelete(comment.id))}
        />
      </div>
    </li>
  );
}
