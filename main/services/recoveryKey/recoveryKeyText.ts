import { calendarDate } from '../../../shared/analytics/dateRange';
import { AttuneError } from '../../../shared/errors';
import { parseRecoveryKey } from '../../vault/recoveryKey';

/** The name the save dialog suggests for the recovery key file. */
export const RECOVERY_KEY_FILE_NAME = 'Attune recovery key.txt';

/**
 * Checks that `key` is a whole recovery key as Attune shows it (14 groups, checksum right), so
 * the copy and save channels carry a recovery key and nothing else. Returns it unchanged.
 */
export function requireShownRecoveryKey(key: string): string {
  try {
    parseRecoveryKey(key);
  } catch {
    throw new AttuneError(
      'invalid-input',
      'That is not the recovery key Attune showed. Close this screen and try again.',
    );
  }
  return key;
}

/**
 * The recovery key file's text: the key, then plain instructions. It says nothing about the
 * vault's place or the user, so a found copy tells its finder as little as possible.
 */
export function recoveryKeyText(key: string, madeOn: Date): string {
  // The user's own day: made at 9 PM in New York is not "made on" tomorrow.
  const day = calendarDate(madeOn.toISOString());
  return [
    'Attune recovery key',
    '',
    key,
    '',
    `Made on ${day}.`,
    '',
    'If you forget your Attune passphrase, this key is the only way to open your notes:',
    'on the unlock screen choose "Forgot your passphrase?" and type it in.',
    '',
    'Keep this file off this computer: print it or copy it to a USB stick kept somewhere',
    'safe, then delete it from this computer (and from its trash).',
    'Anyone with this key and your vault can read your notes.',
    'A newer recovery key replaces this one; destroy this copy when that happens.',
    '',
  ].join('\n');
}
