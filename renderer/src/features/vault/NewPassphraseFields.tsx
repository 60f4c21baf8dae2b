import { useId } from 'react';
import { MIN_PASSPHRASE_LENGTH } from '../../../../shared/domain/passphraseRule';
import { FieldError } from '../../components/FieldError';
import type { NewPassphrase, PassphraseProblems } from './useNewPassphrase';

/**
 * A new passphrase and its confirmation, with strength feedback as it is typed: the one way a
 * passphrase is chosen (first run, recovery, Settings). State comes from useNewPassphrase.
 */
export function NewPassphraseFields({
  state,
  label = 'Passphrase',
  confirmLabel = 'Confirm passphrase',
  focus = false,
  errors = {},
}: {
  state: NewPassphrase;
  label?: string;
  confirmLabel?: string;
  /** Focus the passphrase when shown: where it is the first thing the screen asks for. */
  focus?: boolean;
  /** Each field's problem, said under it (from state.problems()); a form that has one alert for all leaves it out. */
  errors?: PassphraseProblems;
}) {
  const id = useId();
  const { strength } = state;
  return (
    <>
      <label htmlFor={`${id}-new`}>{label}</label>
      <input
        ref={state.fields.passphrase}
        id={`${id}-new`}
        type="password"
        autoComplete="new-password"
        // biome-ignore lint/a11y/noAutofocus: only where the passphrase is the screen's first question (first run).
        autoFocus={focus}
        value={state.passphrase}
        onChange={(e) => state.setPassphrase(e.target.value)}
        aria-invalid={Boolean(errors.passphrase)}
        aria-describedby={errors.passphrase ? `${id}-strength ${id}-new-error` : `${id}-strength`}
      />
      <output id={`${id}-strength`} aria-live="polite" className={`strength s${strength?.score ?? 0}`}>
        {strength
          ? `Strength: ${strength.label}. ${strength.advice}`
          : `At least ${MIN_PASSPHRASE_LENGTH} characters; four or more unrelated words work well.`}
      </output>
      <FieldError id={`${id}-new-error`} message={errors.passphrase} />
      <label htmlFor={`${id}-confirm`}>{confirmLabel}</label>
      <input
        ref={state.fields.confirm}
        id={`${id}-confirm`}
        type="password"
        autoComplete="new-password"
        value={state.confirm}
        onChange={(e) => state.setConfirm(e.target.value)}
        aria-invalid={Boolean(errors.confirm)}
        aria-describedby={errors.confirm ? `${id}-confirm-error` : undefined}
      />
      <FieldError id={`${id}-confirm-error`} message={errors.confirm} />
    </>
  );
}
