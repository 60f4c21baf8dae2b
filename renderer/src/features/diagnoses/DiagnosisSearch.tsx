import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import type { IcdCode } from '../../../../shared/diagnoses/icd10cm';
import { FieldError } from '../../components/FieldError';
import { messageOf } from '../../data/api';
import { searchIcd } from '../../data/diagnoses';

const pickedText = (code: IcdCode) => `${code.code} ${code.title}`;

/**
 * "Search diagnoses": a combobox over the shipped ICD-10-CM codes (searched in main as one
 * types). Arrows move through the results, Enter or a click picks one, Escape closes the list.
 * Typing again after a pick starts a new search and clears the pick until another is chosen.
 */
export function DiagnosisSearch({
  picked,
  onPick,
  error,
}: {
  picked: IcdCode | null;
  onPick: (code: IcdCode | null) => void;
  error?: string | undefined;
}) {
  const id = useId();
  const listId = `${id}-list`;
  const statusId = `${id}-status`;
  const errorId = `${id}-error`;
  const [text, setText] = useState(picked ? pickedText(picked) : '');
  const [results, setResults] = useState<IcdCode[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const [status, setStatus] = useState('');
  const asked = useRef(0);

  useEffect(() => {
    const query = text.trim();
    if (!open || !query) {
      asked.current++; // an answer still on its way is no longer wanted
      setResults([]);
      if (!query) setStatus('');
      return;
    }
    // Answers may come back out of order: only the latest question's answer is shown.
    const ask = ++asked.current;
    searchIcd(query)
      .then((found) => {
        if (ask !== asked.current) return;
        setResults(found);
        setActive(0);
        setStatus(
          found.length === 0
            ? `No diagnosis matches “${query}”. Try a code such as F41, or other words.`
            : `${found.length === 20 ? 'The first 20' : found.length} ${found.length === 1 ? 'diagnosis' : 'diagnoses'} found: arrows to move, Enter to choose.`,
        );
      })
      .catch((failure) => {
        if (ask === asked.current) setStatus(messageOf(failure));
      });
  }, [text, open]);

  const expanded = open && results.length > 0;
  const optionId = (index: number) => `${id}-option-${index}`;

  function pick(code: IcdCode) {
    setText(pickedText(code));
    setOpen(false);
    setStatus(`Chosen: ${pickedText(code)}.`);
    onPick(code);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (!expanded) return setOpen(true);
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => (i + step + results.length) % results.length);
    } else if (event.key === 'Enter' && expanded) {
      event.preventDefault(); // choosing is not submitting the form
      const code = results[active];
      if (code) pick(code);
    } else if (event.key === 'Escape' && expanded) {
      event.preventDefault();
      event.stopPropagation();
      setOpen(false);
    }
  }

  const describedBy = [statusId, error ? errorId : undefined].filter(Boolean).join(' ');
  return (
    <div className="field diagnosis-search">
      <label htmlFor={id}>Search diagnoses</label>
      <input
        id={id}
        type="text"
        role="combobox"
        autoComplete="off"
        spellCheck={false}
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={expanded ? optionId(active) : undefined}
        aria-describedby={describedBy}
        aria-invalid={error ? true : undefined}
        placeholder="A code (F41.1) or words (generalized anxiety)"
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setOpen(true);
          if (picked) onPick(null);
        }}
        onFocus={() => setOpen(true)}
        onKeyDown={onKeyDown}
        onBlur={() => setOpen(false)}
      />
      <div
        id={listId}
        role="listbox"
        aria-label="Matching diagnoses"
        className="diagnosis-results"
        hidden={!expanded}
      >
        {expanded &&
          results.map((code, index) => (
            // The field keeps focus (aria-activedescendant); the mouse picks without blurring it.
            // biome-ignore lint/a11y/useKeyWithClickEvents: keys are handled by the combobox field.
            <div
              key={code.code}
              id={optionId(index)}
              role="option"
              tabIndex={-1}
              aria-selected={index === active}
              onMouseDown={(event) => event.preventDefault()}
              onMouseMove={() => setActive(index)}
              onClick={() => pick(code)}
            >
              <span className="diagnosis-code">{code.code}</span> <span>{code.title}</span>
            </div>
          ))}
      </div>
      <p id={statusId} className="small muted diagnosis-search-status" role="status">
        {status}
      </p>
      <FieldError id={errorId} message={error} />
    </div>
  );
}
