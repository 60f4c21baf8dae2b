import { Plus, X } from 'lucide-react';
import { useAddedRowFocus } from '../../components/useAddedRowFocus';
import type { FieldErrors } from '../note/noteDraft';
import { PlanTextField } from './PlanInputs';

/**
 * A plan's list of one-line items (problems, interventions): each a labelled field ("Problem 1")
 * with its message and a Remove beside it, then "Add problem". No reordering: order is as added.
 * Add takes focus to the new field; Remove, to Add.
 */
export function TextItemList({
  noun,
  path,
  items,
  errors,
  max,
  onText,
  onRemove,
  onAdd,
}: {
  /** The item's name, capitalised: "Problem". */
  noun: string;
  /** The list's path in the plan, for its field errors: "problems". */
  path: string;
  items: ReadonlyArray<{ id: string; text: string }>;
  errors: FieldErrors;
  max: number;
  onText: (index: number, text: string) => void;
  onRemove: (index: number) => void;
  onAdd: () => void;
}) {
  const lower = noun.toLowerCase();
  const focus = useAddedRowFocus(items.length, ':scope > .plan-item');
  return (
    <>
      {items.map((item, i) => (
        <div className="plan-item" key={item.id}>
          <PlanTextField
            label={`${noun} ${i + 1}`}
            value={item.text}
            onChange={(text) => onText(i, text)}
            error={errors[`${path}.${i}.text`]}
            className="plan-wide"
          />
          <button
            type="button"
            className="link plan-remove"
            aria-label={`Remove ${lower} ${i + 1}`}
            onClick={() => {
              focus.removed();
              onRemove(i);
            }}
          >
            <X aria-hidden="true" size={14} /> Remove
          </button>
        </div>
      ))}
      {errors[path] && <p className="field-error">{errors[path]}</p>}
      <button
        type="button"
        className="secondary"
        ref={focus.addButton}
        disabled={items.length >= max}
        onClick={() => {
          focus.added();
          onAdd();
        }}
      >
        <Plus aria-hidden="true" size={14} /> Add {lower}
      </button>
    </>
  );
}
