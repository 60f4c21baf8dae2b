import { createHash, hkdfSync, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { deriveVaultKeys } from '../../../../main/vault/keys';
import { deriveV2Keys, recoveryIdOf, recoveryKekV2, zeroV2Keys } from '../../../../main/vault/v2/v2Keys';

// Computed here from FORMAT.md §3–4 directly, not through the module's helpers.
const hkdf = (ikm: Buffer, salt: Buffer, info: string) =>
  Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from(info), 32));

describe('format-2 keys', () => {
  it('derives each subkey with HKDF-SHA256 under its v2 label, all distinct and none equal to a format-1 key', () => {
    const vaultKey = randomBytes(32);
    const vaultId = randomBytes(16);
    const keys = deriveV2Keys(vaultKey, vaultId);
    expect(keys.vaultKey).toBe(vaultKey);
    expect(keys.log).toEqual(hkdf(vaultKey, vaultId, 'attune/v2/key/log'));
    expect(keys.seen).toEqual(hkdf(vaultKey, vaultId, 'attune/v2/key/seen'));
    expect(keys.presence).toEqual(hkdf(vaultKey, vaultId, 'attune/v2/key/presence'));
    expect(keys.keysMac).toEqual(hkdf(vaultKey, vaultId, 'attune/v2/key/keys-mac'));
    const v1 = Object.values(deriveVaultKeys(vaultKey, vaultId)).map((k) => k.toString('hex'));
    const v2 = [keys.log, keys.seen, keys.presence, keys.keysMac].map((k) => k.toString('hex'));
    expect(new Set([...v1, ...v2]).size).toBe(v1.length + v2.length);
    // Another vault id gives other keys from the same vault key.
    expect(deriveV2Keys(vaultKey, randomBytes(16)).log).not.toEqual(keys.log);
  });

  it('zeroes every key', () => {
    const keys = deriveV2Keys(randomBytes(32), randomBytes(16));
    zeroV2Keys(keys);
    for (const key of Object.values(keys)) expect(key.equals(Buffer.alloc(32))).toBe(true);
  });

  it('recovery KEK and recovery id follow the spec', () => {
    const rk = randomBytes(32);
    const vaultId = randomBytes(16);
    expect(recoveryKekV2(rk, vaultId)).toEqual(hkdf(rk, vaultId, 'attune/v2/key/recovery-kek'));
    const id = recoveryIdOf(rk);
    expect(id).toHaveLength(8);
    expect(id).toEqual(
      createHash('sha256').update('attune/v2/recovery-id').update(rk).digest().subarray(0, 8),
    );
    expect(recoveryIdOf(randomBytes(32))).not.toEqual(id);
  });
});
