import { Plus, X } from 'lucide-react';
import { type RefObject, useId } from 'react';
import { FieldError } from '../../components/FieldError';
import { useAddedRowFocus } from '../../components/useAddedRowFocus';
import type { ContactRow } from './safetyPlanForm';

interface ListProps<T> {
  title: string;
  help: string;
  /** One row's name, e.g. "Warning sign": rows are "Warning sign 1", "Warning sign 2"… */
  item: string;
  rows: T[];
  onChange: (rows: T[]) => void;
  error?: string | undefined;
}

/** Rows of one-line text under a legend, each removable, with "Add …" below. */
export function TextListField({ title, help, item, rows, onChange, error }: ListProps<string>) {
  const id = useId();
  const focus = useAddedRowFocus(rows.length, ':scope > ul > li');
  return (
    <fieldset aria-describedby={`${id}-help${error ? ` ${id}-error` : ''}`}>
      <legend>{title}</legend>
      <p id={`${id}-help`} className="field-description">
        {help}
      </p>
      <ul className="safety-plan-list">
        {rows.map((text, i) => (
          // Rows have no id of their own; the index is their identity while the form is open.
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place, never reordered.
          <li key={i} className="safety-plan-item">
            <input
              type="text"
              aria-label={`${item} ${i + 1}`}
              value={text}
              maxLength={500}
              spellCheck
              onChange={(e) => onChange(rows.map((r, j) => (j === i ? e.target.value : r)))}
            />
            <RemoveButton
              label={`Remove ${item.toLowerCase()} ${i + 1}`}
              onClick={() => {
                focus.removed();
                onChange(rows.filter((_, j) => j !== i));
              }}
            />
          </li>
        ))}
      </ul>
      <AddButton
        label={`Add ${item.toLowerCase()}`}
        buttonRef={focus.addButton}
        onClick={() => {
          focus.added();
          onChange([...rows, '']);
        }}
      />
      <FieldError id={`${id}-error`} message={error} />
    </fieldset>
  );
}

/** Rows of a name and how to reach them (people, professionals, crisis lines). */
export function ContactListField({ title, help, item, rows, onChange, error }: ListProps<ContactRow>) {
  const id = useId();
  const focus = useAddedRowFocus(rows.length, ':scope > ul > li');
  const set = (i: number, change: Partial<ContactRow>) =>
    onChange(rows.map((r, j) => (j === i ? { ...r, ...change } : r)));
  return (
    <fieldset aria-describedby={`${id}-help${error ? ` ${id}-error` : ''}`}>
      <legend>{title}</legend>
      <p id={`${id}-help`} className="field-description">
        {help}
      </p>
      <ul className="safety-plan-list">
        {rows.map((row, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place, never reordered.
          <li key={i} className="safety-plan-item">
            <input
              type="text"
              aria-label={`${item} ${i + 1}: name`}
              placeholder="Name"
              value={row.name}
              maxLength={500}
              onChange={(e) => set(i, { name: e.target.value })}
            />
            <input
              type="text"
              className="reach"
              aria-label={`${item} ${i + 1}: how to reach`}
              placeholder="Phone, text or address"
              value={row.reach}
              maxLength={200}
              onChange={(e) => set(i, { reach: e.target.value })}
            />
            <RemoveButton
              label={`Remove ${item.toLowerCase()} ${i + 1}`}
              onClick={() => {
                focus.removed();
                onChange(rows.filter((_, j) => j !== i));
              }}
            />
          </li>
        ))}
      </ul>
      <AddButton
        label={`Add ${item.toLowerCase()}`}
        buttonRef={focus.addButton}
        onClick={() => {
          focus.added();
          onChange([...rows, { name: '', reach: '' }]);
        }}
      />
      <FieldError id={`${id}-error`} message={error} />
    </fieldset>
  );
}

function RemoveButton({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <button type="button" className="link" aria-label={label} title={label} onClick={onClick}>
      <X aria-hidden="true" size={16} />
    </button>
  );
}

function AddButton({
  label,
  buttonRef,
  onClick,
}: {
  label: string;
  buttonRef: RefObject<HTMLButtonElement | null>;
  onClick: () => void;
}) {
  return (
    <button type="button" className="secondary" ref={buttonRef} onClick={onClick}>
      <Plus aria-hidden="true" size={16} /> {label}
    </button>
  );
}
