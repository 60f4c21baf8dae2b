import { dirname, join } from 'node:path';
import { AttuneError } from '../../../shared/errors';
import { atomicWriteFile } from '../../vault/atomicWrite';
import { nodeVaultFs } from '../../vault/vaultFs';
import { RECOVERY_KEY_FILE_NAME, recoveryKeyText, requireShownRecoveryKey } from './recoveryKeyText';

/** The shell's save dialog: the path the user chose, or null when they cancelled. */
export type ChooseSavePath = (defaultPath: string) => Promise<string | null>;

/**
 * "Save to file" for the recovery key: main shows the save dialog, then writes the key with its
 * instructions atomically (mode 0600). The renderer sends the key it shows and never a path.
 */
export class RecoveryKeySaver {
  constructor(
    private readonly choose: ChooseSavePath | undefined,
    /** Where the dialog opens (the user's documents or home folder). */
    private readonly startFolder: string,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async save(key: string): Promise<{ path: string } | null> {
    requireShownRecoveryKey(key);
    if (!this.choose) throw new AttuneError('invalid-input', 'Saving files is not available here.');
    const path = await this.choose(join(this.startFolder, RECOVERY_KEY_FILE_NAME));
    if (!path) return null;
    try {
      await atomicWriteFile(nodeVaultFs, path, Buffer.from(recoveryKeyText(key, this.clock()), 'utf8'), {
        syncDir: true,
      });
    } catch {
      throw new AttuneError(
        'io',
        `Attune could not write the recovery key to ${dirname(path)}. Choose another folder, such as a USB stick.`,
      );
    }
    return { path };
  }
}
