import { type RefObject, useEffect, useRef, useState } from 'react';
import { passphraseProblem } from '../../../../shared/domain/passphraseRule';
import { measureStrength, minimumScore, type Strength } from './passphraseStrength';

/** What stops a new passphrase being used, by the field to fix, in words for the user. */
export interface PassphraseProblems {
  passphrase?: string;
  confirm?: string;
}

/** A new passphrase being chosen: the two fields, its measured strength, and what is wrong with it. */
export interface NewPassphrase {
  passphrase: string;
  confirm: string;
  strength: Strength | null;
  setPassphrase: (value: string) => void;
  setConfirm: (value: string) => void;
  /**
   * Every problem, each for its field, in words for the user; {} when it may be used. The strength
   * is measured for the passphrase as it is now, so a form sent before the meter caught up with
   * the last keystroke (or a paste) is judged on what was typed, not on an older value.
   */
  problems: () => Promise<PassphraseProblems>;
  /** The two inputs (NewPassphraseFields sets them), for a form to move focus to the field to fix. */
  fields: { passphrase: RefObject<HTMLInputElement | null>; confirm: RefObject<HTMLInputElement | null> };
  /** Empties both fields (after a change, so a passphrase does not linger in memory). */
  reset: () => void;
}

/** State for NewPassphraseFields: the same rule, strength check and confirmation wherever a passphrase is set. */
export function useNewPassphrase(): NewPassphrase {
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [measured, setMeasured] = useState<{ of: string; strength: Strength } | null>(null);
  const strength = measured?.of === passphrase ? measured.strength : null;
  const passphraseField = useRef<HTMLInputElement>(null);
  const confirmField = useRef<HTMLInputElement>(null);

  useEffect(() => {
    let current = true;
    if (!passphrase) {
      setMeasured(null);
      return;
    }
    measureStrength(passphrase).then((s) => current && setMeasured({ of: passphrase, strength: s }));
    return () => {
      current = false;
    };
  }, [passphrase]);

  const problems = async () =>
    newPassphraseProblems(
      passphrase,
      confirm,
      strength ?? (passphrase ? await measureStrength(passphrase) : null),
    );

  return {
    passphrase,
    confirm,
    strength,
    setPassphrase,
    setConfirm,
    problems,
    fields: { passphrase: passphraseField, confirm: confirmField },
    reset: () => {
      setPassphrase('');
      setConfirm('');
    },
  };
}

function newPassphraseProblems(
  passphrase: string,
  confirm: string,
  strength: Strength | null,
): PassphraseProblems {
  const found: PassphraseProblems = {};
  const problem = passphraseProblem(passphrase);
  if (problem) found.passphrase = problem;
  else if (!strength || strength.score < minimumScore) {
    found.passphrase = 'This passphrase is too easy to guess. Add more unrelated words.';
  }
  // Nothing to confirm before a passphrase is typed: its field says what to do first.
  if (passphrase === '') return found;
  if (confirm === '') found.confirm = 'Type the passphrase again to confirm it.';
  else if (passphrase !== confirm) found.confirm = 'The two passphrases do not match.';
  return found;
}
