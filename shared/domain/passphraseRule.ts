/**
 * The one rule for a new vault passphrase, used by the IPC contract, the app's forms and the
 * `attune` command line, so a passphrase the app refuses cannot be set from a terminal.
 * Strength (zxcvbn) is judged on top of this in the app's create form only.
 */
import { z } from 'zod';

/**
 * Counted in Unicode code points after NFC normalisation, which is what the KDF hashes
 * (main/vault/kdf.ts): "é" typed as e + combining accent counts once, an emoji counts once
 * (not as its two UTF-16 units, which is what `string.length` would count).
 */
export const MIN_PASSPHRASE_LENGTH = 10;
/** Same counting; bounds what the KDF is given, far above any passphrase a person types. */
export const MAX_PASSPHRASE_LENGTH = 1024;

/** The length of a passphrase as the rule counts it. */
export function passphraseLength(passphrase: string): number {
  let count = 0;
  for (const _ of passphrase.normalize('NFC')) count++;
  return count;
}

/** What is wrong with a new passphrase, in words for the user, or null when it may be used. */
export function passphraseProblem(passphrase: string): string | null {
  if (passphrase.length === 0) return 'Enter a passphrase.';
  const length = passphraseLength(passphrase);
  if (length < MIN_PASSPHRASE_LENGTH) {
    return `This passphrase is too short: use at least ${MIN_PASSPHRASE_LENGTH} characters. Four or more unrelated words are easy to remember and hard to guess.`;
  }
  if (length > MAX_PASSPHRASE_LENGTH) {
    return `A passphrase can be at most ${MAX_PASSPHRASE_LENGTH} characters.`;
  }
  return null;
}

/** The rule as a schema, for the IPC contract. */
export const newPassphraseSchema = z
  .string({ error: 'Enter a passphrase.' })
  .superRefine((passphrase, ctx) => {
    const problem = passphraseProblem(passphrase);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
