import { useEffect, useId, useRef, useState } from 'react';
import type { ReviewComment } from '../../../../shared/ipc/contract';
import { TextAreaField } from '../../components/TextAreaField';
import { messageOf } from '../../data/api';
import { useUnsavedForm } from '../../data/unsavedForms';
import { CommentItem } from './CommentItem';

/** The reviewer's comments on one target (the case, a session or a rupture), each editable, and a box for a new one. */
export function CommentBox({
  packetId,
  formKey,
  label,
  comments,
  onSave,
  onEdit,
  onDelete,
}: {
  packetId: string;
  /** Names the box's unsaved text (its packet and target): kept when the reviewer leaves the page or the vault locks. */
  formKey: string;
  /** The textarea's label, e.g. "Comment on this session". */
  label: string;
  comments: readonly ReviewComment[];
  onSave: (text: string) => Promise<void>;
  /** Saves new text for one of `comments`. */
  onEdit: (id: string, text: string) => Promise<void>;
  onDelete: (id: string) => Promise<void>;
}) {
  const legendId = useId();
  const [{ text }, change, forget] = useUnsavedForm(formKey, () => ({ text: '' }));
  const setText = (next: string) => change({ text: next });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const box = useRef<HTMLFieldSetElement>(null);
  const list = useRef<HTMLUListElement>(null);
  /** The comments listed when Save was pressed, until the save is over. */
  const savingFrom = useRef<ReadonlySet<string> | null>(null);
  // The Save button is disabled while saving, which drops focus on the page: once the save is
  // over, it goes to the saved comment's Edit button, or back to the box if nothing was saved.
  useEffect(() => {
    const before = savingFrom.current;
    if (busy || !before) return;
    savingFrom.current = null;
    const at = comments.findIndex((c) => !before.has(c.id));
    const target =
      at === -1
        ? box.current?.querySelector<HTMLElement>(':scope > .field > textarea')
        : // The first button of a listed comment is its Edit button.
          list.current?.children[at]?.querySelector('button');
    target?.focus();
  }, [busy, comments]);

  /** The comment being deleted, until the list without it has been drawn. */
  const deleting = useRef<string | null>(null);
  // A deleted comment's buttons go with it: focus, dropped on the page, carries on at the text
  // box. This runs after React has drawn the list without the comment (a timer or frame after
  // the delete can come before that, under load, and find the button still there).
  useEffect(() => {
    const id = deleting.current;
    if (!id || comments.some((c) => c.id === id)) return;
    deleting.current = null;
    if (document.activeElement === document.body || !document.activeElement?.isConnected)
      box.current?.querySelector<HTMLElement>(':scope > .field > textarea')?.focus();
  }, [comments]);

  async function deleteAndCarryOn(id: string) {
    deleting.current = id;
    try {
      await onDelete(id);
    } catch (failure) {
      deleting.current = null;
      throw failure;
    }
  }

  async function run(work: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  }

  /** The new comment's problem (an empty box), said at the box; `error` is a save's own. */
  const [problem, setProblem] = useState<string | null>(null);

  function save() {
    if (busy) return;
    if (!text.trim()) {
      setProblem('Write the comment first.');
      box.current?.querySelector<HTMLElement>(':scope > .field > textarea')?.focus();
      return;
    }
    setProblem(null);
    savingFrom.current = new Set(comments.map((c) => c.id));
    void run(async () => {
      await onSave(text);
      forget({ text: '' });
    });
  }

  return (
    // A group named by its legend, which also labels the text box.
    <fieldset
      className="comment-box"
      ref={box}
      // Ctrl+Enter (Cmd+Enter on a Mac) in the new comment's box saves it, as in mail and chat
      // boxes: a reviewer writing comment after comment need not reach for the mouse or Tab.
      onKeyDown={(event) => {
        const inNewBox = event.target === box.current?.querySelector(':scope > .field > textarea');
        if (inNewBox && event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
          event.preventDefault();
          save();
        }
      }}
    >
      <legend id={legendId}>{label}</legend>
      {comments.length > 0 && (
        <ul className="comment-list" aria-label="Your comments" ref={list}>
          {comments.map((c) => (
            <CommentItem
              key={c.id}
              packetId={packetId}
              comment={c}
              busy={busy}
              run={run}
              onEdit={onEdit}
              onDelete={deleteAndCarryOn}
            />
          ))}
        </ul>
      )}
      <TextAreaField labelledBy={legendId} value={text} onChange={setText} error={problem ?? undefined} />
      <button
        type="button"
        className="secondary"
        disabled={busy}
        onClick={save}
        aria-keyshortcuts="Control+Enter Meta+Enter"
      >
        Save comment
      </button>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </fieldset>
  );
}
