import { randomBytes } from 'node:crypto';
import { AttuneError } from '../../../shared/errors';
import { wrapKey } from '../header';
import { deriveKek, type KdfParams, kdfParamsProblem, SALT_BYTES } from '../kdf';
import { generateRecoveryKey } from '../recoveryKey';
import { type KeySlots, passphraseAd, recoveryAd, slotsMac } from './keySlotsCodec';
import { recoveryIdOf, recoveryKekV2, type V2Keys } from './v2Keys';

// One import site for the engine: the file format, reading every device's copy, and unlocking.
export {
  KEYS_FILE,
  type KeySlots,
  parseKeySlots,
  sameSlots,
  serializeKeySlots,
  withDevice,
} from './keySlotsCodec';
export { readKeySlotFiles } from './readKeySlotFiles';
export { MAX_DERIVATIONS, unlockSlots } from './unlockSlots';

function assertSlotArgs(epoch: number, deviceHex: string, kdf: KdfParams): void {
  if (!Number.isInteger(epoch) || epoch < 1 || epoch > 0xffffffff) {
    throw new AttuneError('internal', `Key slots need an epoch of 1 or more (got ${epoch}).`);
  }
  if (!/^[0-9a-f]{32}$/.test(deviceHex)) {
    throw new AttuneError('internal', 'Key slots need a device id of 32 lowercase hex digits.');
  }
  const problem = kdfParamsProblem(kdf);
  if (problem) {
    throw new AttuneError(
      'invalid-input',
      `These key-derivation settings are outside safe limits (${problem}).`,
    );
  }
}

// A change at an epoch not above the current one would lose to the slots it replaces (§4).
function assertLater(current: KeySlots, epoch: number): void {
  if (epoch <= current.epoch) {
    throw new AttuneError(
      'internal',
      `A change of keys needs an epoch above ${current.epoch} (got ${epoch}).`,
    );
  }
}

/** A passphrase slot under a fresh salt: the slow KDF runs once here. */
async function passphraseSlot(
  vaultKey: Buffer,
  vaultId: Buffer,
  passphrase: string,
  kdf: KdfParams,
): Promise<Pick<KeySlots, 'kdf' | 'salt' | 'passphrase'>> {
  const salt = randomBytes(SALT_BYTES);
  const kek = await deriveKek(passphrase, salt, kdf);
  try {
    return {
      kdf: { ...kdf },
      salt,
      passphrase: wrapKey(kek, vaultKey, passphraseAd({ vaultId, kdf, salt })),
    };
  } finally {
    kek.fill(0);
  }
}

function recoverySlot(vaultKey: Buffer, vaultId: Buffer, recoveryKey: Buffer): KeySlots['recovery'] {
  const recoveryId = recoveryIdOf(recoveryKey);
  const kek = recoveryKekV2(recoveryKey, vaultId);
  try {
    return { ...wrapKey(kek, vaultKey, recoveryAd(vaultId, recoveryId)), recoveryId };
  } finally {
    kek.fill(0);
  }
}

const withMac = (keysMac: Buffer, s: Omit<KeySlots, 'mac'>): KeySlots => ({
  ...s,
  mac: slotsMac(keysMac, s),
});

/** The slots of a new vault (epoch 1) or of a key rotation: the vault key wrapped by the passphrase and by the recovery key. */
export async function makeKeySlots(args: {
  vaultKey: Buffer;
  vaultId: Buffer;
  deviceHex: string;
  epoch: number;
  passphrase: string;
  kdf: KdfParams;
  recoveryKey: Buffer;
  keysMac: Buffer;
}): Promise<KeySlots> {
  assertSlotArgs(args.epoch, args.deviceHex, args.kdf);
  const pass = await passphraseSlot(args.vaultKey, args.vaultId, args.passphrase, args.kdf);
  return withMac(args.keysMac, {
    vaultId: args.vaultId,
    deviceHex: args.deviceHex,
    epoch: args.epoch,
    ...pass,
    recovery: recoverySlot(args.vaultKey, args.vaultId, args.recoveryKey),
  });
}

/** The slots with a new passphrase at `epoch`; the recovery slot is kept as it is. */
export async function changePassphraseSlots(
  current: KeySlots,
  keys: V2Keys,
  next: string,
  epoch: number,
  deviceHex: string,
  kdf: KdfParams = current.kdf,
): Promise<KeySlots> {
  assertSlotArgs(epoch, deviceHex, kdf);
  assertLater(current, epoch);
  const pass = await passphraseSlot(keys.vaultKey, current.vaultId, next, kdf);
  return withMac(keys.keysMac, { ...current, deviceHex, epoch, ...pass });
}

/** The slots with a new recovery key at `epoch` (returned once, for the user to keep); the passphrase slot is kept. */
export function renewRecoverySlots(
  current: KeySlots,
  keys: V2Keys,
  epoch: number,
  deviceHex: string,
): { slots: KeySlots; recoveryKey: Buffer } {
  assertSlotArgs(epoch, deviceHex, current.kdf);
  assertLater(current, epoch);
  const recoveryKey = generateRecoveryKey();
  const recovery = recoverySlot(keys.vaultKey, current.vaultId, recoveryKey);
  return { slots: withMac(keys.keysMac, { ...current, deviceHex, epoch, recovery }), recoveryKey };
}

/**
 * The slots of a format-1 vault upgraded to format 2 (FORMAT.md §14), epoch 1: the same vault
 * key under the same passphrase, wrapped with the key format 1's slot already derived from it
 * (format 1's salt and settings: no second Argon2 run), and format 1's recovery slot carried
 * over as it is, so the recovery key the user already keeps opens the upgraded vault.
 */
export function upgradedKeySlots(args: {
  vaultKey: Buffer;
  vaultId: Buffer;
  deviceHex: string;
  /** KEK_pass of format 1: Argon2id of the passphrase with `salt` and `kdf`. */
  passphraseKek: Buffer;
  salt: Buffer;
  kdf: KdfParams;
  format1Recovery: { nonce: Buffer; wrapped: Buffer };
  keysMac: Buffer;
}): KeySlots {
  assertSlotArgs(1, args.deviceHex, args.kdf);
  const { vaultId, kdf } = args;
  const salt = Buffer.from(args.salt);
  return withMac(args.keysMac, {
    vaultId,
    deviceHex: args.deviceHex,
    epoch: 1,
    kdf: { ...kdf },
    salt,
    passphrase: wrapKey(args.passphraseKek, args.vaultKey, passphraseAd({ vaultId, kdf, salt })),
    recovery: {
      nonce: Buffer.from(args.format1Recovery.nonce),
      wrapped: Buffer.from(args.format1Recovery.wrapped),
      format1: true,
    },
  });
}
