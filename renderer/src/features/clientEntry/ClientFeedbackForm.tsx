import { type FormEvent, useState } from 'react';
import { clientFeedbackQuestions } from '../../../../shared/domain/clientEntry';
import {
  emptyFeedback,
  FEEDBACK_ITEM_MAX,
  feedbackItemIds,
  type SessionFeedback,
} from '../../../../shared/domain/feedback';
import { FormSubmit } from '../../components/FormSubmit';
import { RadioGroup, type RadioOption } from '../../components/RadioGroup';
import { call, messageOf } from '../../data/api';

const scale: readonly RadioOption<number | null>[] = Array.from(
  { length: FEEDBACK_ITEM_MAX + 1 },
  (_, n) => ({
    value: n,
    label: String(n),
  }),
);

/**
 * The session feedback in the client's words: four questions, each 0 to 10. Finish saves the
 * answers (main puts them in the session's note); a question left out is saved as unanswered.
 */
export function ClientFeedbackForm({ onDone }: { onDone: () => void }) {
  const [answers, setAnswers] = useState<SessionFeedback>(emptyFeedback);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function finish(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await call('clientEntry:saveFeedback', { feedback: answers });
      onDone();
    } catch (failure) {
      setError(`Your answers could not be saved: ${messageOf(failure)} Please let your therapist know.`);
      setBusy(false);
    }
  }

  return (
    <form className="client-entry-form" onSubmit={finish} aria-label="Session feedback" noValidate>
      <p className="client-entry-lead">
        Choose a number from 0 to {FEEDBACK_ITEM_MAX} for each question. There are no right answers: your
        therapist uses them to make the sessions work better for you. You can leave a question out.
      </p>
      {feedbackItemIds.map((id) => {
        const q = clientFeedbackQuestions[id];
        return (
          <RadioGroup
            key={id}
            label={q.question}
            heading="h3"
            description={
              <span className="client-entry-ends">
                <span>{q.low}</span>
                <span>{q.high}</span>
              </span>
            }
            options={scale}
            value={answers[id]}
            onChange={(value) => setAnswers((current) => ({ ...current, [id]: value }))}
            disabled={busy}
          />
        );
      })}
      <FormSubmit error={error} busy={busy} label="Finish" busyLabel="Saving your answers…" />
    </form>
  );
}
