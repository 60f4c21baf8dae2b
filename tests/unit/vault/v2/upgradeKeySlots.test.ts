import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256 } from '../../../../main/vault/binary';
import { wrapAd, wrapKey } from '../../../../main/vault/header';
import { deriveKek } from '../../../../main/vault/kdf';
import { recoveryKek } from '../../../../main/vault/keys';
import { formatRecoveryKey, generateRecoveryKey } from '../../../../main/vault/recoveryKey';
import {
  changePassphraseSlots,
  parseKeySlots,
  renewRecoverySlots,
  sameSlots,
  serializeKeySlots,
  unlockSlots,
  upgradedKeySlots,
} from '../../../../main/vault/v2/keySlots';
import { format1RecoveryAd, slotsCore } from '../../../../main/vault/v2/keySlotsCodec';
import { deriveV2Keys } from '../../../../main/vault/v2/v2Keys';
import { expectKind, expectKindSync, TEST_KDF } from '../kit';
import { A, PASS } from './v2Kit';

/** A format-1 vault's key and recovery slot, wrapped exactly as format 1 wraps it (header.ts). */
function format1Vault() {
  const vaultId = randomBytes(16);
  const vaultKey = randomBytes(32);
  const recoveryKey = generateRecoveryKey();
  const kek = recoveryKek(recoveryKey, vaultId);
  const ad = wrapAd('recovery', { version: 1, vaultId, kdf: TEST_KDF, salt: randomBytes(16) });
  return { vaultId, vaultKey, recoveryKey, recovery: wrapKey(kek, vaultKey, ad), ad };
}

async function upgraded() {
  const v1 = format1Vault();
  const keys = deriveV2Keys(Buffer.from(v1.vaultKey), v1.vaultId);
  // Format 1's passphrase KEK (its salt and settings), which the upgrade derives once.
  const salt = randomBytes(16);
  const passphraseKek = await deriveKek(PASS, salt, TEST_KDF);
  const slots = upgradedKeySlots({
    vaultKey: keys.vaultKey,
    vaultId: v1.vaultId,
    deviceHex: A,
    passphraseKek,
    salt,
    kdf: TEST_KDF,
    format1Recovery: v1.recovery,
    keysMac: keys.keysMac,
  });
  return { v1, keys, slots, salt };
}

describe('key slots of an upgraded vault (format 1’s recovery slot carried over)', () => {
  it('the passphrase slot keeps format 1’s salt and settings, so the upgrade runs Argon2 once', async () => {
    const { slots, salt } = await upgraded();
    expect(slots.salt).toEqual(salt);
    expect(slots.kdf).toEqual(TEST_KDF);
  });

  it('the carried-over AD is format 1’s AD_rec, byte for byte', () => {
    const { vaultId, ad } = format1Vault();
    expect(format1RecoveryAd(vaultId)).toEqual(ad);
  });

  it('round-trips through keys.json as a "format-1" recovery slot without a recoveryId', async () => {
    const { slots } = await upgraded();
    const bytes = serializeKeySlots(slots);
    const json = JSON.parse(bytes.toString('utf8'));
    expect(json.epoch).toBe(1);
    expect(json.keys.recovery).toEqual({
      type: 'format-1',
      nonce: expect.stringMatching(/^[0-9a-f]{24}$/),
      wrapped: expect.stringMatching(/^[0-9a-f]{96}$/),
    });
    const back = parseKeySlots(bytes);
    expect(back.recovery.format1).toBe(true);
    expect(sameSlots(back, slots)).toBe(true);
  });

  it('the old recovery key and the passphrase open it; another recovery key does not', async () => {
    const { v1, slots } = await upgraded();
    const files = [{ deviceHex: A, slots }];
    const byKey = await unlockSlots(files, { recoveryKey: formatRecoveryKey(v1.recoveryKey) }, v1.vaultId);
    expect(byKey.vaultKey).toEqual(v1.vaultKey);
    expect(byKey.via).toBe('recovery');
    expect((await unlockSlots(files, { passphrase: PASS }, v1.vaultId)).vaultKey).toEqual(v1.vaultKey);
    await expectKind(
      unlockSlots(files, { recoveryKey: formatRecoveryKey(generateRecoveryKey()) }, v1.vaultId),
      'wrong-passphrase',
    );
  });

  it('what kind of slot it is counts in the checksum and the MAC: relabelling it is damage', async () => {
    const { slots } = await upgraded();
    const json = JSON.parse(serializeKeySlots(slots).toString('utf8'));
    // Someone without the key turns it into a format-2 slot, recomputing the unkeyed checksum
    // over what a format-2 slot's core would be: the MAC (keyed) still differs.
    delete json.keys.recovery.type;
    json.keys.recovery.recoveryId = '00'.repeat(8);
    const relabelled = {
      ...slots,
      recovery: { nonce: slots.recovery.nonce, wrapped: slots.recovery.wrapped, recoveryId: Buffer.alloc(8) },
    };
    const unchanged = JSON.stringify(json);
    expectKindSync(() => parseKeySlots(Buffer.from(unchanged)), 'integrity');
    json.checksum = sha256(Buffer.concat([slotsCore(relabelled), slots.mac])).toString('hex');
    const forged = parseKeySlots(Buffer.from(JSON.stringify(json)));
    await expectKind(
      unlockSlots([{ deviceHex: A, slots: forged }], { passphrase: PASS }, slots.vaultId),
      'integrity',
    );
  });

  it('a passphrase change keeps the carried-over slot; renewing the recovery key replaces it with a format-2 one', async () => {
    const { v1, keys, slots } = await upgraded();
    const changed = await changePassphraseSlots(slots, keys, 'another passphrase', 2, A);
    expect(changed.recovery.format1).toBe(true);
    const files = [{ deviceHex: A, slots: parseKeySlots(serializeKeySlots(changed)) }];
    await unlockSlots(files, { recoveryKey: formatRecoveryKey(v1.recoveryKey) }, v1.vaultId);

    const renewed = renewRecoverySlots(changed, keys, 3, A);
    expect(renewed.slots.recovery.format1).toBeUndefined();
    const after = [{ deviceHex: A, slots: parseKeySlots(serializeKeySlots(renewed.slots)) }];
    await unlockSlots(after, { recoveryKey: formatRecoveryKey(renewed.recoveryKey) }, v1.vaultId);
    await expectKind(
      unlockSlots(after, { recoveryKey: formatRecoveryKey(v1.recoveryKey) }, v1.vaultId),
      'wrong-passphrase',
    );
  });
});
