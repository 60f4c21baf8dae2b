import { AttuneError } from '../../../shared/errors';

/**
 * What the unlock screen tells the user when the upgrade to format 2 failed and the vault opened
 * as before (in format 1). The upgrade's own errors already say what happened and what to do
 * (a full disk, a read-only folder, damage found while reading); this frames them with what it
 * means for the notes and when the upgrade runs again.
 */
export function upgradeFailedNotice(error: unknown): string {
  const said =
    error instanceof AttuneError
      ? // "The disk is full: Attune could not upgrade the vault to the new format." would say it twice.
        error.message
          .replace(
            /:\s*Attune could not (upgrade the vault to|write the vault in) the new format(?=[.,])/,
            '',
          )
          .trim()
      : `something unexpected went wrong (${error instanceof Error ? error.message : String(error)}).`;
  // "The disk is full: …" reads on after the colon as "the disk is full: …"; an acronym stays.
  const reason = /^[A-Z](?:[a-z]|\s)/.test(said) ? said[0]!.toLowerCase() + said.slice(1) : said;
  return `Attune could not upgrade this vault to the new format: ${/[.!?]$/.test(reason) ? reason : `${reason}.`} Your notes are safe and open as before, in the old format. Attune tries the upgrade again each time you unlock with your passphrase; until it succeeds, use this vault on this computer only (the old format cannot be shared through a synced folder).`;
}
