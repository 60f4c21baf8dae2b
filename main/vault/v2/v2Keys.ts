import { hkdfSync } from 'node:crypto';
import { ascii, sha256 } from '../binary';

/** The vault key and its format-2 subkeys, one per purpose (FORMAT.md §3). */
export interface V2Keys {
  vaultKey: Buffer;
  log: Buffer;
  seen: Buffer;
  presence: Buffer;
  keysMac: Buffer;
  /** Seals a backup generation's counts (FORMAT.md §16, backup summary). */
  summary: Buffer;
  /**
   * Seals what this computer keeps of the vault outside the vault folder to open faster (the
   * note summaries: FORMAT.md §17): never written into the synced folder.
   */
  local: Buffer;
}

// Every label says v2, so no key of format 1 is ever accepted as one of format 2 or the reverse.
const hkdf = (ikm: Buffer, salt: Buffer, label: string): Buffer =>
  Buffer.from(hkdfSync('sha256', ikm, salt, ascii(label), 32));

const subkey = (vaultKey: Buffer, vaultId: Buffer, label: string): Buffer =>
  hkdf(vaultKey, vaultId, `attune/v2/key/${label}`);

export function deriveV2Keys(vaultKey: Buffer, vaultId: Buffer): V2Keys {
  return {
    vaultKey,
    log: subkey(vaultKey, vaultId, 'log'),
    seen: subkey(vaultKey, vaultId, 'seen'),
    presence: subkey(vaultKey, vaultId, 'presence'),
    keysMac: subkey(vaultKey, vaultId, 'keys-mac'),
    summary: subkey(vaultKey, vaultId, 'backup-summary'),
    local: subkey(vaultKey, vaultId, 'local-cache'),
  };
}

/** Overwrites every key with zeros; the buffers are useless afterwards. */
export function zeroV2Keys(keys: V2Keys): void {
  for (const key of Object.values(keys)) key.fill(0);
}

/** The recovery key is 256 random bits, so it needs no slow KDF: HKDF only separates its use. */
export const recoveryKekV2 = (recoveryKey: Buffer, vaultId: Buffer): Buffer =>
  hkdf(recoveryKey, vaultId, 'attune/v2/key/recovery-kek');

/** 8 bytes that tell two recovery keys apart without trying them (FORMAT.md §4). */
export const recoveryIdOf = (recoveryKey: Buffer): Buffer =>
  sha256(Buffer.concat([ascii('attune/v2/recovery-id'), recoveryKey])).subarray(0, 8);
