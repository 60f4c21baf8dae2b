import { memo, useEffect, useRef, useState } from 'react';
import type { Addendum } from '../../../../shared/domain/noteSchema';
import { TextAreaField } from '../../components/TextAreaField';
import { messageOf } from '../../data/api';
import { formatDateTime } from '../../format/dates';

export interface AddendaSectionProps {
  addenda: readonly Addendum[];
  /** Saves an addendum; rejects with an error to show if it could not be saved. */
  onAdd: (text: string) => Promise<void>;
  /** Focus "Add addendum" when shown (right after signing, where focus would otherwise be lost). */
  focusOnMount?: boolean;
}

const when = (iso: string) => formatDateTime(iso);

/** A signed note's dated addenda, and the way to add one. */
export const AddendaSection = memo(function AddendaSection({
  addenda,
  onAdd,
  focusOnMount = false,
}: AddendaSectionProps) {
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const formRef = useRef<HTMLDivElement>(null);
  const addRef = useRef<HTMLButtonElement>(null);
  const opened = useRef(false);
  useEffect(() => {
    if (open) {
      opened.current = true;
      formRef.current?.querySelector('textarea')?.focus();
    } else if (opened.current || focusOnMount) {
      addRef.current?.focus();
    }
  }, [open, focusOnMount]);

  async function save() {
    if (!text.trim()) return setError('Write the text of the addendum.');
    setBusy(true);
    setError(null);
    try {
      await onAdd(text);
      setText('');
      setOpen(false);
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="note-section card">
      <h2>Addenda</h2>
      <p className="muted">
        A signed note can’t be changed. Corrections and additions are kept as dated addenda.
      </p>
      {addenda.length === 0 ? (
        <p>No addenda yet.</p>
      ) : (
        <ol className="addenda">
          {addenda.map((a) => (
            <li key={a.id}>
              <p className="addendum-meta">
                <time dateTime={a.at}>{when(a.at)}</time> · {a.by}
              </p>
              <p className="addendum-text">{a.text}</p>
            </li>
          ))}
        </ol>
      )}
      {open ? (
        <div className="addendum-form" ref={formRef}>
          <TextAreaField label="Addendum" value={text} onChange={setText} />
          {error && (
            <p role="alert" className="error">
              {error}
            </p>
          )}
          <div className="actions">
            <button type="button" onClick={save} disabled={busy}>
              Save addendum
            </button>
            <button type="button" className="secondary" onClick={() => setOpen(false)} disabled={busy}>
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <button type="button" ref={addRef} onClick={() => setOpen(true)}>
          Add addendum
        </button>
      )}
    </section>
  );
});
