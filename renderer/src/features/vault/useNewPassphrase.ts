import { useEffect, useState } from 'react';
import { passphraseProblem } from '../../../../shared/domain/passphraseRule';
import { measureStrength, minimumScore, type Strength } from './passphraseStrength';

/** A new passphrase being chosen: the two fields, its measured strength, and what is wrong with it. */
export interface NewPassphrase {
  passphrase: string;
  confirm: string;
  strength: Strength | null;
  setPassphrase: (value: string) => void;
  setConfirm: (value: string) => void;
  /**
   * What stops this passphrase being used, in words for the user; null when it may be used. The
   * strength is measured for the passphrase as it is now, so a form sent before the meter caught
   * up with the last keystroke (or a paste) is judged on what was typed, not on an older value.
   */
  problem: () => Promise<string | null>;
  /** Empties both fields (after a change, so a passphrase does not linger in memory). */
  reset: () => void;
}

/** State for NewPassphraseFields: the same rule, strength check and confirmation wherever a passphrase is set. */
export function useNewPassphrase(): NewPassphrase {
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [measured, setMeasured] = useState<{ of: string; strength: Strength } | null>(null);
  const strength = measured?.of === passphrase ? measured.strength : null;

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

  return {
    passphrase,
    confirm,
    strength,
    setPassphrase,
    setConfirm,
    problem: async () =>
      newPassphraseProblem(
        passphrase,
        confirm,
        strength ?? (passphrase ? await measureStrength(passphrase) : null),
      ),
    reset: () => {
      setPassphrase('');
      setConfirm('');
    },
  };
}

function newPassphraseProblem(passphrase: string, confirm: string, strength: Strength | null): string | null {
  const problem = passphraseProblem(passphrase);
  if (problem) return problem;
  if (!strength || strength.score < minimumScore) {
    return 'This passphrase is too easy to guess. Add more unrelated words.';
  }
  if (passphrase !== confirm) return 'The two passphrases do not match.';
  return null;
}
