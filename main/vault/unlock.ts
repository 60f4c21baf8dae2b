import { AttuneError } from '../../shared/errors';
import { type VaultHeader, unwrapKey, wrapAd } from './header';
import { deriveKek } from './kdf';
import { deriveVaultKeys, recoveryKek, type VaultKeys } from './keys';
import { parseRecoveryKey } from './recoveryKey';

/** What opens a vault: the passphrase, or the recovery key shown when it was created. */
export type VaultSecret = { passphrase: string } | { recoveryKey: string };

/**
 * Unwraps the vault key with the passphrase's key-encryption key, already derived from the
 * header's salt and settings (the upgrade to format 2 derives it once and uses it twice).
 */
export function unlockWithPassphraseKek(header: VaultHeader, kek: Buffer): VaultKeys {
  const vaultKey = unwrapKey(kek, header.passphrase, wrapAd('passphrase', header));
  if (!vaultKey) {
    throw new AttuneError(
      'wrong-passphrase',
      'That passphrase does not open this vault. Check it and try again, or use your recovery key.',
    );
  }
  return deriveVaultKeys(vaultKey, header.vaultId);
}

/** Unwraps the vault key with the given secret; 'wrong-passphrase' if it is not the right one. */
export async function unlockKeys(
  header: VaultHeader,
  secret: VaultSecret,
): Promise<{ keys: VaultKeys; via: 'passphrase' | 'recovery-key' }> {
  if (secret && 'passphrase' in secret && typeof secret.passphrase === 'string') {
    const kek = await deriveKek(secret.passphrase, header.salt, header.kdf);
    try {
      return { keys: unlockWithPassphraseKek(header, kek), via: 'passphrase' };
    } finally {
      kek.fill(0);
    }
  }
  if (secret && 'recoveryKey' in secret && typeof secret.recoveryKey === 'string') {
    const recoveryKey = parseRecoveryKey(secret.recoveryKey);
    const kek = recoveryKek(recoveryKey, header.vaultId);
    recoveryKey.fill(0);
    const vaultKey = unwrapKey(kek, header.recovery, wrapAd('recovery', header));
    kek.fill(0);
    if (!vaultKey) {
      throw new AttuneError(
        'wrong-passphrase',
        'That recovery key is typed correctly but does not open this vault: it may be an older key that was replaced by a newer one, or the key of another vault. Use the latest recovery key Attune showed you for this vault.',
      );
    }
    return { keys: deriveVaultKeys(vaultKey, header.vaultId), via: 'recovery-key' };
  }
  throw new AttuneError('invalid-input', 'Enter the vault’s passphrase or its recovery key.');
}
