import { z } from 'zod';
import type { VaultCheckReport } from '../../domain/vaultCheckReport';
import { returns } from './returns';

export type { VaultCheckReport } from '../../domain/vaultCheckReport';

/**
 * "Check the vault": the verify check over every file of the open vault. Progress arrives as
 * 'vault:progress' events with task 'verify'; the answer names damaged records in the
 * therapist's terms (client, session), never by file.
 */
export const checkContract = {
  'vault:check': { input: z.undefined(), output: returns<VaultCheckReport>() },
} as const;
