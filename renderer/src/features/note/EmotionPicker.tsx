import { type FocusEvent, memo, useId, useRef, useState } from 'react';
import {
  emotionFamilies,
  emotionsInFamily,
  emotionWord,
  normalizeEmotion,
} from '../../../../shared/domain/participation';
import { CheckboxGroup } from '../../components/CheckboxGroup';
import { FieldError } from '../../components/FieldError';

const familyOptions = emotionFamilies.map((family) => ({
  family,
  options: emotionsInFamily(family.id).map((w) => ({ value: w.id, label: w.id })),
}));

export interface EmotionPickerProps {
  /** The feelings chosen, vocabulary words and free words alike, stored normalised. */
  selected: readonly string[];
  onChange: (selected: string[]) => void;
  readOnly: boolean;
  error?: string;
}

/** The emotion vocabulary as toggles grouped by family, plus the client's own words. */
export const EmotionPicker = memo(function EmotionPicker({
  selected,
  onChange,
  readOnly,
  error,
}: EmotionPickerProps) {
  const id = useId();
  const [word, setWord] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const row = useRef<HTMLDivElement>(null);
  const ownWords = selected.filter((w) => !emotionWord(w));

  /** Replaces one family's part of the selection, keeping everything else and its order. */
  const setFamily = (familyWords: readonly string[]) => (next: string[]) => {
    const inFamily = new Set(familyWords);
    onChange([
      ...selected.filter((w) => !inFamily.has(w) || next.includes(w)),
      ...next.filter((w) => !selected.includes(w)),
    ]);
  };

  function addWord(event: { preventDefault: () => void }) {
    event.preventDefault();
    add();
  }

  /** Adds the typed feeling, or says why it cannot be added and keeps it in the field. */
  function add() {
    const normalized = normalizeEmotion(word);
    if (!normalized) return setProblem('Type a feeling to add.');
    if (normalized.length > 60) return setProblem('A feeling can be at most 60 characters.');
    setProblem(null);
    setWord('');
    if (!selected.includes(normalized)) onChange([...selected, normalized]);
  }

  /**
   * A feeling typed and left (Tab, a click elsewhere) is added, not dropped. Moving between the
   * field and its Add button is not leaving: the button adds it on its own click.
   */
  function addOnLeaving(event: FocusEvent) {
    // The window losing focus (another app, another window) is not leaving the field: the word
    // may be half typed, and the field still holds it when the user comes back.
    if (!word.trim() || row.current?.contains(event.relatedTarget) || !document.hasFocus()) return;
    add();
  }

  return (
    <div className="emotions">
      {familyOptions.map(({ family, options }) => (
        <CheckboxGroup
          key={family.id}
          label={family.label}
          options={options}
          selected={selected.filter((w) => options.some((o) => o.value === w))}
          onChange={setFamily(options.map((o) => o.value))}
          disabled={readOnly}
          layout="inline"
        />
      ))}
      {ownWords.length > 0 && (
        <CheckboxGroup
          label="The client’s own words"
          options={ownWords.map((w) => ({ value: w, label: w }))}
          selected={ownWords}
          onChange={setFamily(ownWords)}
          disabled={readOnly}
          layout="inline"
        />
      )}
      {!readOnly && (
        <div className="add-feeling">
          <label htmlFor={`${id}-word`}>Add a feeling</label>
          <div className="add-feeling-row" ref={row}>
            <input
              id={`${id}-word`}
              type="text"
              value={word}
              maxLength={80}
              aria-describedby={problem ? `${id}-problem` : undefined}
              onChange={(e) => setWord(e.target.value)}
              onBlur={addOnLeaving}
              onKeyDown={(e) => {
                if (e.key === 'Enter') addWord(e);
              }}
            />
            <button type="button" className="secondary" onClick={addWord} onBlur={addOnLeaving}>
              Add feeling
            </button>
          </div>
          <FieldError id={`${id}-problem`} message={problem ?? undefined} />
        </div>
      )}
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
});
