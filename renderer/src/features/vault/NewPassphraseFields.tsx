import { useId } from 'react';
import { MIN_PASSPHRASE_LENGTH } from '../../../../shared/domain/passphraseRule';
import type { NewPassphrase } from './useNewPassphrase';

/**
 * A new passphrase and its confirmation, with strength feedback as it is typed: the one way a
 * passphrase is chosen (first run, recovery, Settings). State comes from useNewPassphrase.
 */
export function NewPassphraseFields({
  state,
  label = 'Passphrase',
  confirmLabel = 'Confirm passphrase',
  focus = false,
}: {
  state: NewPassphrase;
  label?: string;
  confirmLabel?: string;
  /** Focus the passphrase when shown: where it is the first thing the screen asks for. */
  focus?: boolean;
}) {
  const id = useId();
  const { strength } = state;
  return (
    <>
      <label htmlFor={`${id}-new`}>{label}</label>
      <input
        id={`${id}-new`}
        type="password"
        autoComplete="new-password"
        // biome-ignore lint/a11y/noAutofocus: only where the passphrase is the screen's first question (first run).
        autoFocus={focus}
        value={state.passphrase}
        onChange={(e) => state.setPassphrase(e.target.value)}
        aria-describedby={`${id}-strength`}
      />
      <output id={`${id}-strength`} aria-live="polite" className={`strength s${strength?.score ?? 0}`}>
        {strength
          ? `Strength: ${strength.label}. ${strength.advice}`
          : `At least ${MIN_PASSPHRASE_LENGTH} characters; four or more unrelated words work well.`}
      </output>
      <label htmlFor={`${id}-confirm`}>{confirmLabel}</label>
      <input
        id={`${id}-confirm`}
        type="password"
        autoComplete="new-password"
        value={state.confirm}
        onChange={(e) => state.setConfirm(e.target.value)}
      />
    </>
  );
}
