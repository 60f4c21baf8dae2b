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
  /** What stops this passphrase being used, in words for the user; null when it may be used. */
  problem: () => string | null;
  /** Empties both fields (after a change, so a passphrase does not linger in memory). */
  reset: () => void;
}

/** State for NewPassphraseFields: the same rule, strength check and confirmation wherever a passphrase is set. */
export function useNewPassphrase(): NewPassphrase {
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [strength, setStrength] = useState<Strength | null>(null);

  useEffect(() => {
    let current = true;
    if (!passphrase) {
      setStrength(null);
      return;
    }
    measureStrength(passphrase).then((s) => current && setStrength(s));
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
    problem: () => newPassphraseProblem(passphrase, confirm, strength),
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
