import { z } from 'zod';
import type { RepairResult, VaultCheckReport } from '../../domain/vaultCheckReport';
import { returns } from './returns';
import { passphraseInput } from './vaultContract';

export type { RepairResult, VaultCheckReport } from '../../domain/vaultCheckReport';

/**
 * "Check the vault": the verify check over every file of the open vault. Progress arrives as
 * 'vault:progress' events with task 'verify'; the answer names damaged records in the
 * therapist's terms (client, session), never by file.
 */
export const checkContract = {
  'vault:check': { input: z.undefined(), output: returns<VaultCheckReport>() },
  /**
   * Records this unlock left out because their files are damaged or missing (lists, search and
   * charts show everything else): kinds and ids only, for a notice that offers the check.
   */
  'vault:unreadable': {
    input: z.undefined(),
    output: returns<{ records: Array<{ kind: string; id: string }> }>(),
  },
  /**
   * Restores the damaged records the check finds, each from the newest backup that holds it
   * intact; the backups open with `passphrase` (the one they were made with). Checks again after.
   */
  'vault:repairFromBackup': {
    input: z.strictObject({ passphrase: passphraseInput }),
    output: returns<RepairResult>(),
  },
} as const;
