import { UserRound } from 'lucide-react';
import { useId, useState } from 'react';
import type { ClientEntryForm } from '../../../../shared/domain/clientEntry';
import { instruments } from '../../../../shared/measures/instruments';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { RadioGroup } from '../../components/RadioGroup';
import { call, messageOf } from '../../data/api';
import { showClientEntry } from '../../data/clientEntryHandoff';
import { clearIndex } from '../../data/fillIndex';
import { flushPendingSaves } from '../../data/pendingSaves';
import './clientEntry.css';

const formOptions = [
  { value: 'feedback' as ClientEntryForm, label: 'Session feedback', description: 'Into this note.' },
  ...instruments.map((i) => ({
    value: i.id as ClientEntryForm,
    label: i.label,
    description: 'As this session’s measure.',
  })),
];

/**
 * "Let the client fill this in": the therapist picks the form (session feedback or an outcome
 * measure) and confirms; the note is saved, main turns client entry on, the renderer's index
 * is dropped, and the App shows the client's form alone. Only the vault's passphrase brings the
 * therapist back to this note.
 */
export function HandToClient({ noteId }: { noteId: string }) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [form, setForm] = useState<ClientEntryForm>('feedback');
  const [greet, setGreet] = useState(false);
  const [firstName, setFirstName] = useState('');
  const id = useId();

  async function start() {
    const name = firstName.trim();
    if (greet && !name) {
      setError('Enter the first name to greet the client by, or untick the greeting.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      // What the therapist typed is saved first: the editor is gone until the passphrase is entered.
      await flushPendingSaves();
      const entry = await call('clientEntry:start', {
        noteId,
        form,
        greeting: greet ? name : null,
      });
      if (!entry.active) throw new Error('Client entry did not start.');
      // Nothing of the caseload stays in the window while the client holds it.
      clearIndex();
      showClientEntry(entry);
    } catch (failure) {
      setError(messageOf(failure));
      setBusy(false);
    }
  }

  return (
    <div className="hand-to-client">
      <button type="button" className="secondary" onClick={() => setOpen(true)}>
        <UserRound aria-hidden="true" size={16} /> Let the client fill this in…
      </button>
      <ConfirmDialog
        open={open}
        title="Hand the computer to the client?"
        confirmLabel="Show the client’s form"
        busy={busy}
        error={error}
        onConfirm={() => void start()}
        onCancel={() => {
          setOpen(false);
          setError(null);
        }}
      >
        <p>
          The screen shows only the form you choose, with nothing else from your notes. When the client
          finishes, their answers are saved with this session, and your passphrase brings you back here.
        </p>
        <RadioGroup
          label="Form for the client"
          layout="list"
          options={formOptions}
          value={form}
          onChange={setForm}
          disabled={busy}
        />
        <div className="participation-flag">
          <input
            id={`${id}-greet`}
            type="checkbox"
            checked={greet}
            onChange={(e) => setGreet(e.target.checked)}
          />
          <label htmlFor={`${id}-greet`}>Greet the client by first name</label>
        </div>
        {greet && (
          <div className="field">
            <label htmlFor={`${id}-name`}>First name to show</label>
            <input
              id={`${id}-name`}
              type="text"
              maxLength={40}
              autoComplete="off"
              value={firstName}
              onChange={(e) => setFirstName(e.target.value)}
            />
          </div>
        )}
      </ConfirmDialog>
    </div>
  );
}
