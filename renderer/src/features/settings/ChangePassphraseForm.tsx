import { type FormEvent, useRef, useState } from 'react';
import { FieldError } from '../../components/FieldError';
import { FormSubmit } from '../../components/FormSubmit';
import { focusFirstInvalid } from '../../components/focusFirstInvalid';
import { ApiError, call, messageOf } from '../../data/api';
import { formatTime } from '../../format/dates';
import { NewPassphraseFields } from '../vault/NewPassphraseFields';
import { type PassphraseProblems, useNewPassphrase } from '../vault/useNewPassphrase';

/** What stops the change, by the field to fix. */
interface ChangeProblems extends PassphraseProblems {
  current?: string;
}

/** Change passphrase: the current one, then a new one with the same strength check as at first run. */
export function ChangePassphraseForm() {
  const [current, setCurrent] = useState('');
  const chosen = useNewPassphrase();
  const [error, setError] = useState<string | null>(null);
  const [problems, setProblems] = useState<ChangeProblems>({});
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const currentField = useRef<HTMLInputElement>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setDone(null);
    // Every problem at once, each under its field, and the focus on the first to fix (as Create vault).
    const found: ChangeProblems = await chosen.problems();
    if (!current) found.current = 'Enter your current passphrase.';
    else if (!found.passphrase && chosen.passphrase === current) {
      found.passphrase = 'The new passphrase is the same as the current one; choose a different one.';
    }
    setProblems(found);
    setError(null);
    if (found.current || found.passphrase || found.confirm) {
      focusFirstInvalid(found, { current: currentField, ...chosen.fields });
      return;
    }
    setBusy(true);
    try {
      await call('vault:changePassphrase', { current, next: chosen.passphrase });
      setCurrent('');
      chosen.reset();
      setDone(
        `Passphrase changed at ${formatTime(new Date())}. Use the new one the next time you unlock. Your recovery key is unchanged.`,
      );
    } catch (failure) {
      // Not the current passphrase: said under it, which is selected to type again (the button,
      // disabled meanwhile, left the focus nowhere).
      if (failure instanceof ApiError && failure.kind === 'wrong-passphrase') {
        setProblems({ current: failure.message });
        currentField.current?.focus();
        currentField.current?.select();
      } else {
        setError(messageOf(failure));
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="security-form" onSubmit={submit} noValidate aria-labelledby="change-passphrase-title">
      <h3 id="change-passphrase-title">Change passphrase</h3>
      <p className="muted">
        Copies of your vault made before the change, such as older backups, still open with the old
        passphrase. To shut the old passphrase out of those too, rotate the vault key below.
      </p>
      <label htmlFor="change-current">Current passphrase</label>
      <input
        ref={currentField}
        id="change-current"
        type="password"
        autoComplete="current-password"
        value={current}
        onChange={(e) => setCurrent(e.target.value)}
        aria-invalid={Boolean(problems.current)}
        aria-describedby={problems.current ? 'change-current-error' : undefined}
      />
      <FieldError id="change-current-error" message={problems.current} />
      <NewPassphraseFields
        state={chosen}
        errors={problems}
        label="New passphrase"
        confirmLabel="Confirm new passphrase"
      />
      <FormSubmit error={error} busy={busy} label="Change passphrase" busyLabel="Changing passphrase…" />
      <output aria-live="polite">{done}</output>
    </form>
  );
}
