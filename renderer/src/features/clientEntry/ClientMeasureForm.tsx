import { type FormEvent, useState } from 'react';
import type { AnswerScale, InstrumentId } from '../../../../shared/measures/instrument';
import { instrumentFor } from '../../../../shared/measures/instruments';
import { emptyAnswers, type MeasureAnswers } from '../../../../shared/measures/measureSchema';
import { FormSubmit } from '../../components/FormSubmit';
import { RadioGroup, type RadioOption } from '../../components/RadioGroup';
import { call, messageOf } from '../../data/api';

/** An item's answers as choices: its labelled choices, or the whole numbers of its 0–10 line. */
function optionsOf(scale: AnswerScale): readonly RadioOption<number | null>[] {
  if (scale.kind === 'choices') return scale.choices.map((c) => ({ value: c.value, label: c.label }));
  return Array.from({ length: scale.max - scale.min + 1 }, (_, n) => ({
    value: scale.min + n,
    label: String(scale.min + n),
  }));
}

/**
 * An outcome measure (outcome rating, PHQ-9, GAD-7) as the client answers it: the instrument's
 * own instructions and items, from its definition in shared/measures. Finish saves it as the
 * session's measure, entered by the client; an item left out stays blank.
 */
export function ClientMeasureForm({ instrument, onDone }: { instrument: InstrumentId; onDone: () => void }) {
  const definition = instrumentFor(instrument);
  const [answers, setAnswers] = useState<MeasureAnswers>(() => emptyAnswers(instrument));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function finish(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await call('clientEntry:saveMeasure', { answers });
      onDone();
    } catch (failure) {
      setError(`Your answers could not be saved: ${messageOf(failure)} Please let your therapist know.`);
      setBusy(false);
    }
  }

  return (
    <form className="client-entry-form" onSubmit={finish} aria-label={definition.label} noValidate>
      <p className="client-entry-lead">{definition.instructions}</p>
      {definition.items.map((item) => (
        <RadioGroup
          key={item.id}
          label={item.text}
          heading="h3"
          description={
            item.scale.kind === 'line' ? (
              <span className="client-entry-ends">
                <span>0: {item.scale.lowLabel.toLowerCase()}</span>
                <span>10: {item.scale.highLabel.toLowerCase()}</span>
              </span>
            ) : undefined
          }
          layout={item.scale.kind === 'choices' ? 'list' : 'inline'}
          options={optionsOf(item.scale)}
          value={answers[item.id] ?? null}
          onChange={(value) => setAnswers((current) => ({ ...current, [item.id]: value }))}
          disabled={busy}
        />
      ))}
      <FormSubmit error={error} busy={busy} label="Finish" busyLabel="Saving your answers…" />
    </form>
  );
}
