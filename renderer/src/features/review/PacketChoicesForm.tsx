import { type FormEvent, useEffect, useId, useRef } from 'react';
import { CheckboxGroup, type CheckboxOption } from '../../components/CheckboxGroup';
import { FieldError } from '../../components/FieldError';
import { TextAreaField } from '../../components/TextAreaField';
import type { SessionRow } from '../../data/hooks';
import type { ChoiceProblem, PacketChoices, PartId } from './packetChoices';
import { localDateTime, plural } from './reviewFormat';

const partOptions: readonly (CheckboxOption & { value: PartId })[] = [
  { value: 'metrics', label: 'Summary metrics' },
  { value: 'charts', label: 'Charts' },
  { value: 'notes', label: 'Notes' },
  { value: 'ruptures', label: 'Ruptures and repairs' },
];

function sessionOption({ session, note }: SessionRow): CheckboxOption {
  const noteWords = note
    ? `${note.status === 'signed' ? 'signed note' : 'draft note'}${
        note.ruptures.length > 0 ? `, ${plural(note.ruptures.length, 'rupture')}` : ''
      }`
    : 'no note';
  return { value: session.id, label: `${localDateTime(session.startsAt)} · ${noteWords}` };
}

/** What goes in a packet: dates, sessions, parts, process notes and diagnoses (apart), names to remove, date shift. */
export function PacketChoicesForm({
  choices,
  inDates,
  onChange,
  onPreview,
  busy,
  problem,
}: {
  choices: PacketChoices;
  /** The client's sessions within the chosen dates. */
  inDates: readonly SessionRow[];
  onChange: (patch: Partial<PacketChoices>) => void;
  onPreview: () => void;
  busy: boolean;
  /** A choice to fix, said at its part of the form, which takes the focus. */
  problem: ChoiceProblem | null;
}) {
  const id = useId();
  const form = useRef<HTMLFormElement>(null);
  const problemAt = (field: ChoiceProblem['field']) =>
    problem?.field === field ? problem.message : undefined;
  const datesError = problemAt('dates');
  // Each new problem takes the keyboard to what to fix, rather than leaving it on Preview.
  useEffect(() => {
    if (!problem) return;
    const target =
      problem.field === 'dates'
        ? document.getElementById(`${id}-from`)
        : form.current?.querySelector<HTMLElement>('fieldset[aria-invalid="true"] input');
    target?.focus();
  }, [problem, id]);
  const ticked = inDates.filter((r) => !choices.excluded.has(r.session.id)).map((r) => r.session.id);

  function submit(event: FormEvent) {
    event.preventDefault();
    onPreview();
  }

  return (
    <form ref={form} className="packet-choices" onSubmit={submit} aria-labelledby={`${id}-title`} noValidate>
      <h2 id={`${id}-title`}>What goes in the packet</h2>
      <fieldset className="packet-dates">
        <legend>Dates</legend>
        <div>
          <label htmlFor={`${id}-from`}>From</label>
          <input
            id={`${id}-from`}
            type="date"
            value={choices.from}
            aria-invalid={datesError ? true : undefined}
            aria-describedby={datesError ? `${id}-dates-error` : undefined}
            onChange={(e) => onChange({ from: e.target.value })}
          />
        </div>
        <div>
          <label htmlFor={`${id}-to`}>To</label>
          <input
            id={`${id}-to`}
            type="date"
            value={choices.to}
            aria-invalid={datesError ? true : undefined}
            aria-describedby={datesError ? `${id}-dates-error` : undefined}
            onChange={(e) => onChange({ to: e.target.value })}
          />
        </div>
        <FieldError id={`${id}-dates-error`} message={datesError} />
      </fieldset>
      {inDates.length === 0 ? (
        <p className="muted">No session of this client falls in these dates.</p>
      ) : (
        <CheckboxGroup
          label="Sessions"
          description="Every session in the dates is ticked; untick any to leave it out."
          layout="list"
          options={inDates.map(sessionOption)}
          selected={ticked}
          error={problemAt('sessions')}
          onChange={(selected) => {
            const keep = new Set(selected);
            onChange({
              excluded: new Set(inDates.map((r) => r.session.id).filter((sid) => !keep.has(sid))),
            });
          }}
        />
      )}
      <CheckboxGroup
        label="What goes in"
        layout="inline"
        options={partOptions}
        selected={choices.parts}
        error={problemAt('parts')}
        onChange={(selected) => onChange({ parts: selected as PartId[] })}
      />
      <fieldset className="process-notes-choice">
        <legend>Psychotherapy process notes</legend>
        <p id={`${id}-process-warning`} className="warning">
          Process notes are your private working notes, kept apart from the clinical record. They stay out of
          every export unless you tick this box. Include them only when supervision needs them and the client
          has agreed.
        </p>
        <div className="choice">
          <input
            id={`${id}-process`}
            type="checkbox"
            checked={choices.processNotes}
            aria-describedby={`${id}-process-warning`}
            onChange={(e) => onChange({ processNotes: e.target.checked })}
          />
          <label htmlFor={`${id}-process`} className="choice-label">
            Include psychotherapy process notes
          </label>
        </div>
      </fieldset>
      <fieldset className="process-notes-choice">
        <legend>Diagnoses</legend>
        <p id={`${id}-diagnoses-warning`} className="muted">
          The treatment plan’s goals and the notes’ progress and risk sections go with the notes. Diagnosis
          codes stay out unless you tick this box, and the client’s codes are then also taken out of the text.
        </p>
        <div className="choice">
          <input
            id={`${id}-diagnoses`}
            type="checkbox"
            checked={choices.diagnoses}
            aria-describedby={`${id}-diagnoses-warning`}
            onChange={(e) => onChange({ diagnoses: e.target.checked })}
          />
          <label htmlFor={`${id}-diagnoses`} className="choice-label">
            Include diagnoses
          </label>
        </div>
      </fieldset>
      <TextAreaField
        label="Other names to remove"
        description="One per line: partners, relatives, friends, colleagues, other clinicians. The client’s name and code are always removed."
        value={choices.names}
        onChange={(names) => onChange({ names })}
      />
      <div className="choice shift-dates">
        <input
          id={`${id}-shift`}
          type="checkbox"
          checked={choices.shiftDates}
          aria-describedby={`${id}-shift-description`}
          onChange={(e) => onChange({ shiftDates: e.target.checked })}
        />
        <label htmlFor={`${id}-shift`} className="choice-label">
          Shift dates
        </label>
        <span id={`${id}-shift-description`} className="choice-description">
          Moves every date back by the same random number of days (30 to 180, the same for this client in
          every packet), keeping the intervals between sessions.
        </span>
      </div>
      <div className="actions">
        <button type="submit" disabled={busy}>
          {busy ? 'Building the preview…' : 'Preview'}
        </button>
      </div>
    </form>
  );
}
