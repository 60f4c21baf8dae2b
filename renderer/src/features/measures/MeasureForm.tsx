import { useId, useState } from 'react';
import type { Instrument } from '../../../../shared/measures/instrument';
import { measureFlags } from '../../../../shared/measures/measureFlags';
import {
  allScoredItemsAnswered,
  emptyAnswers,
  isValidAnswer,
  type Measure,
  type MeasureAnswers,
} from '../../../../shared/measures/measureSchema';
import { scoreMeasure } from '../../../../shared/measures/scoreMeasure';
import { useFocusBackAfterBusy } from '../../components/useFocusBackAfterBusy';
import { messageOf } from '../../data/api';
import { saveMeasure } from '../../data/measures';
import { unsavedForms, useUnsavedForm } from '../../data/unsavedForms';
import { MeasureFlags } from './MeasureFlags';
import { MeasureItemField } from './MeasureItemField';
import { scoreText } from './scoreText';

/** Names a session's form of one instrument in `unsavedForms`: the panel opens it again when one is kept. */
export const measureFormKey = (sessionId: string, instrument: string): string =>
  `measure:${sessionId}:${instrument}`;

/** The open form of `sessionId` kept in `unsavedForms`, if any: the instrument it is for. */
export function keptMeasureForm<T extends string>(sessionId: string, instruments: readonly T[]): T | null {
  return instruments.find((i) => unsavedForms.has(measureFormKey(sessionId, i))) ?? null;
}

export interface MeasureFormProps {
  instrument: Instrument;
  sessionId: string;
  /** The session's saved measure of this instrument, if any: the form starts from its answers. */
  saved: Measure | undefined;
  /** The answers of the previous complete administration, for the deterioration flag. */
  previous: MeasureAnswers | null;
  onDone: () => void;
}

/**
 * One instrument's form for one session: the items with their wording, the total and band as
 * they are entered, and the flags. Every item must be answered before saving, unless the writer
 * keeps the form as partly answered on purpose (then it is saved but not scored).
 */
export function MeasureForm({ instrument, sessionId, saved, previous, onDone }: MeasureFormProps) {
  const id = useId();
  // Kept while typed (unsavedForms): leaving the note, or a lock, does not drop the answers given.
  const [form, change, forget] = useUnsavedForm(measureFormKey(sessionId, instrument.id), () => ({
    answers: saved?.answers ?? emptyAnswers(instrument.id),
    partial: saved?.status === 'partial',
    // The version begun from: saved later, a measure changed meanwhile is refused, not overwritten.
    base: saved?.updatedAt ?? null,
  }));
  const { answers, partial } = form;
  const setPartial = (next: boolean) => change({ partial: next });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const saveButton = useFocusBackAfterBusy(busy);
  const setAnswer = (itemId: string, value: number | null) => {
    setError(null);
    change({ answers: { ...answers, [itemId]: value } });
  };
  const score = scoreMeasure(instrument.id, answers);
  const complete = allScoredItemsAnswered(instrument.id, answers);
  const invalid = instrument.items.filter((item) => {
    const value = answers[item.id];
    return value != null && !isValidAnswer(item, value);
  });

  async function save() {
    if (invalid.length > 0) {
      setError(`Correct the flagged ${invalid.length === 1 ? 'answer' : 'answers'} first.`);
      return;
    }
    if (!complete && !partial) {
      const left = score.scoredItems - score.answered;
      setError(
        `${left} ${instrument.label} ${left === 1 ? 'item is' : 'items are'} not answered. Answer every item, or tick “Keep as partly answered” to save it without a score.`,
      );
      return;
    }
    setBusy(true);
    try {
      await saveMeasure({
        sessionId,
        instrument: instrument.id,
        answers,
        allowPartial: !complete && partial,
        expectedUpdatedAt: form.base,
      });
      forget();
      onDone();
    } catch (e) {
      setError(messageOf(e));
      setBusy(false);
    }
  }

  return (
    <form
      // The app's own messages, under each field and the form, not the browser's bubble.
      noValidate
      className="measure-form"
      aria-labelledby={`${id}-title`}
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <h3 id={`${id}-title`}>{instrument.label}</h3>
      <p className="muted">{instrument.instructions}</p>
      <div className="measure-items">
        {instrument.items.map((item, index) => {
          const value = answers[item.id] ?? null;
          const bad = value !== null && !isValidAnswer(item, value);
          return (
            <MeasureItemField
              key={item.id}
              number={index + 1}
              item={item}
              value={value}
              onChange={setAnswer}
              error={bad ? 'Enter a number from 0 to 10, one decimal at most.' : undefined}
            />
          );
        })}
      </div>
      <p className="measure-score" aria-live="polite">
        {scoreText(instrument, score)}
      </p>
      <MeasureFlags flags={measureFlags(instrument.id, answers, previous)} />
      {!complete && (
        <div className="participation-flag">
          <input
            id={`${id}-partial`}
            type="checkbox"
            checked={partial}
            onChange={(e) => setPartial(e.target.checked)}
          />
          <label htmlFor={`${id}-partial`}>
            Keep as partly answered (not scored until every item is answered)
          </label>
        </div>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="measure-actions">
        <button type="submit" className="primary" disabled={busy} ref={saveButton}>
          Save {instrument.label}
        </button>
        <button
          type="button"
          onClick={() => {
            forget();
            onDone();
          }}
          disabled={busy}
        >
          Cancel
        </button>
      </div>
    </form>
  );
}
