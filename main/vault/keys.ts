import { hkdfSync } from 'node:crypto';
import { ascii } from './binary';

/**
 * Subkeys derived from the vault key, one per purpose, so that no key is used in two contexts
 * (a record ciphertext can never be presented as a journal frame, and so on).
 */
export interface VaultKeys {
  vaultKey: Buffer;
  record: Buffer;
  manifest: Buffer;
  journal: Buffer;
  audit: Buffer;
  fileNames: Buffer;
  headerMac: Buffer;
}

type Purpose = Exclude<keyof VaultKeys, 'vaultKey'>;

/** HKDF info labels (FORMAT-v1.md, "Key hierarchy"). */
export const SUBKEY_LABELS: Record<Purpose, string> = {
  record: 'attune/v1/key/record',
  manifest: 'attune/v1/key/manifest',
  journal: 'attune/v1/key/journal',
  audit: 'attune/v1/key/audit',
  fileNames: 'attune/v1/key/file-names',
  headerMac: 'attune/v1/key/header-mac',
};

const hkdf = (ikm: Buffer, salt: Buffer, label: string): Buffer =>
  Buffer.from(hkdfSync('sha256', ikm, salt, ascii(label), 32));

export function deriveVaultKeys(vaultKey: Buffer, vaultId: Buffer): VaultKeys {
  return {
    vaultKey,
    record: hkdf(vaultKey, vaultId, SUBKEY_LABELS.record),
    manifest: hkdf(vaultKey, vaultId, SUBKEY_LABELS.manifest),
    journal: hkdf(vaultKey, vaultId, SUBKEY_LABELS.journal),
    audit: hkdf(vaultKey, vaultId, SUBKEY_LABELS.audit),
    fileNames: hkdf(vaultKey, vaultId, SUBKEY_LABELS.fileNames),
    headerMac: hkdf(vaultKey, vaultId, SUBKEY_LABELS.headerMac),
  };
}

/** The recovery key is 256 random bits, so it needs no slow KDF: HKDF only separates its use. */
export const recoveryKek = (recoveryKey: Buffer, vaultId: Buffer): Buffer =>
  hkdf(recoveryKey, vaultId, 'attune/v1/key/recovery-kek');

/** Overwrites every key with zeros; the buffers are useless afterwards. */
export function zeroKeys(keys: VaultKeys): void {
  for (const key of Object.values(keys)) key.fill(0);
}
