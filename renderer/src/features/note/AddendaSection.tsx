import { memo, useEffect, useId, useRef, useState } from 'react';
import {
  type AddendumType,
  addendumKindLabel,
  addendumKinds,
  type NewAddendum,
  newAddendumSchema,
} from '../../../../shared/domain/addendumKinds';
import type { Addendum } from '../../../../shared/domain/noteSchema';
import { fieldErrors } from '../../components/FieldError';
import { RadioGroup } from '../../components/RadioGroup';
import { TextAreaField } from '../../components/TextAreaField';
import { useFocusBackAfterBusy } from '../../components/useFocusBackAfterBusy';
import { messageOf } from '../../data/api';
import { useUnsavedForm } from '../../data/unsavedForms';
import { formatDateTime } from '../../format/dates';

export interface AddendaSectionProps {
  /** The note's id: what is typed into the form is kept under it until it is saved. */
  noteId: string;
  addenda: readonly Addendum[];
  /** Saves an addendum; rejects with an error to show if it could not be saved. */
  onAdd: (addendum: NewAddendum) => Promise<void>;
  /** Focus "Add addendum" when shown (right after signing, where focus would otherwise be lost). */
  focusOnMount?: boolean;
}

const when = (iso: string) => formatDateTime(iso);

interface AddendumForm {
  open: boolean;
  type: AddendumType | null;
  reason: string;
  text: string;
}

const emptyForm = (): AddendumForm => ({ open: false, type: null, reason: '', text: '' });

const typeOptions = addendumKinds.map((k) => ({ value: k.id, label: k.label, description: k.description }));

/**
 * A signed note's dated addenda, each with its type and reason, and the way to add one: what it
 * is (correction, clarification, late entry), why, and the text. What is typed stays, until it is
 * saved: when saving fails, when the form is closed, and when the note is left or the vault locks
 * (kept in memory with the other unsaved forms, unsavedForms.ts: the form opens again with it).
 */
export const AddendaSection = memo(function AddendaSection({
  noteId,
  addenda,
  onAdd,
  focusOnMount = false,
}: AddendaSectionProps) {
  const [form, change, forget] = useUnsavedForm<AddendumForm>(`addendum:${noteId}`, emptyForm);
  const { open, type, reason, text } = form;
  const setOpen = (value: boolean) => change({ open: value });
  const setType = (value: AddendumType | null) => change({ type: value });
  const setText = (value: string) => change({ text: value });
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const formRef = useRef<HTMLDivElement>(null);
  const addRef = useRef<HTMLButtonElement>(null);
  const saveButton = useFocusBackAfterBusy(busy);
  const opened = useRef(false);
  const reasonId = useId();
  useEffect(() => {
    if (open) {
      opened.current = true;
      formRef.current?.querySelector('input')?.focus();
    } else if (opened.current || focusOnMount) {
      addRef.current?.focus();
    }
  }, [open, focusOnMount]);

  async function save() {
    const parsed = newAddendumSchema.safeParse({ type: type ?? undefined, reason, text });
    if (!parsed.success) return setErrors(fieldErrors(parsed.error.issues));
    setBusy(true);
    setErrors({});
    try {
      await onAdd(parsed.data);
      forget(emptyForm());
    } catch (failure) {
      setErrors({ _: messageOf(failure) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="note-section card">
      <h2>Addenda</h2>
      <p className="muted">
        A signed note can’t be changed. Corrections, clarifications and late entries are kept as dated
        addenda, each with its reason.
      </p>
      {addenda.length === 0 ? (
        <p>No addenda yet.</p>
      ) : (
        <ol className="addenda">
          {addenda.map((a) => (
            <li key={a.id}>
              <p className="addendum-meta">
                <span className="addendum-type">{addendumKindLabel(a)}</span> ·{' '}
                <time dateTime={a.at}>{when(a.at)}</time> · {a.by}
              </p>
              {a.reason && <p className="addendum-reason">Reason: {a.reason}</p>}
              <p className="addendum-text">{a.text}</p>
            </li>
          ))}
        </ol>
      )}
      {open ? (
        <div className="addendum-form" ref={formRef}>
          <RadioGroup<AddendumType | null>
            label="Type of addendum"
            layout="list"
            options={typeOptions}
            value={type}
            onChange={setType}
            disabled={busy}
            error={errors.type}
          />
          <div className="field">
            <label htmlFor={reasonId}>Reason</label>
            <p id={`${reasonId}-description`} className="field-description">
              Why this is added after signing, e.g. “Client phoned with the correct date”.
            </p>
            <input
              id={reasonId}
              type="text"
              maxLength={1000}
              value={reason}
              aria-invalid={errors.reason ? true : undefined}
              aria-describedby={`${reasonId}-description${errors.reason ? ` ${reasonId}-error` : ''}`}
              onChange={(e) => change({ reason: e.target.value })}
            />
            {errors.reason && (
              <span id={`${reasonId}-error`} className="field-error" role="alert">
                {errors.reason}
              </span>
            )}
          </div>
          <TextAreaField label="Addendum" value={text} onChange={setText} error={errors.text} />
          {errors._ && (
            <p role="alert" className="error">
              {errors._}
            </p>
          )}
          <div className="actions">
            <button type="button" onClick={save} disabled={busy} ref={saveButton}>
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
