import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { AttuneError } from '../../../shared/errors';
import { ascii, equalBytes, sha256, u16, u32 } from '../binary';
import { type KdfParams, kdfParamsProblem, SALT_BYTES } from '../kdf';

/** One device's copy of the key slots, `devices/<d>/keys.json` (FORMAT.md §4). */
export interface KeySlots {
  vaultId: Buffer;
  /** The device whose folder holds this copy; outside the MAC and checksum, so a copy adopted from another device stays valid. */
  deviceHex: string;
  epoch: number;
  kdf: KdfParams;
  salt: Buffer;
  passphrase: { nonce: Buffer; wrapped: Buffer };
  recovery: RecoverySlot;
  mac: Buffer;
}

/**
 * The recovery slot: format 2's own, or (`format1`) the slot of a format-1 vault carried over
 * unchanged by the upgrade (FORMAT.md §14), so the recovery key the user already keeps still
 * opens the vault. A format-1 slot has no recoveryId: that id is derived from the key itself.
 */
export type RecoverySlot =
  | { nonce: Buffer; wrapped: Buffer; recoveryId: Buffer; format1?: undefined }
  | { nonce: Buffer; wrapped: Buffer; format1: true };

export const KEYS_FILE = 'keys.json';
const FORMAT_NAME = 'attune-keys';
const VERSION = 2;

/*
 * FORMAT.md §4 puts u32(epoch) into both wrapping ADs. Then changing the passphrase (which
 * raises the epoch) would have to re-wrap the recovery slot, which needs the recovery key, shown
 * once and not at hand; renewing the recovery key would need the passphrase. So, as format 1 does
 * for the salt, the ADs leave the epoch out: it is bound by the MAC (and checksum) of the core,
 * which covers both slots and is checked after every unlock (unlockSlots).
 */
export function passphraseAd(s: Pick<KeySlots, 'vaultId' | 'kdf' | 'salt'>): Buffer {
  return Buffer.concat([
    ascii('attune/v2/wrap/passphrase'),
    s.vaultId,
    u32(s.kdf.memoryKiB),
    u32(s.kdf.iterations),
    u32(s.kdf.parallelism),
    s.salt,
  ]);
}

export const recoveryAd = (vaultId: Buffer, recoveryId: Buffer): Buffer =>
  Buffer.concat([ascii('attune/v2/wrap/recovery'), vaultId, recoveryId]);

/** Format 1's AD_rec (FORMAT-v1.md §4, version 1), under which a carried-over recovery slot was wrapped. */
export const format1RecoveryAd = (vaultId: Buffer): Buffer =>
  Buffer.concat([ascii('attune/v1/wrap/recovery'), u16(1), vaultId]);

/** The bytes the MAC and the checksum cover. As the spec says, `recoveryId` is not among them (AD_rec binds it). */
export function slotsCore(s: Omit<KeySlots, 'mac' | 'deviceHex'>): Buffer {
  return Buffer.concat([
    ascii(`${FORMAT_NAME}\0`),
    u16(VERSION),
    s.vaultId,
    u32(s.epoch),
    u32(s.kdf.memoryKiB),
    u32(s.kdf.iterations),
    u32(s.kdf.parallelism),
    s.salt,
    s.passphrase.nonce,
    s.passphrase.wrapped,
    s.recovery.nonce,
    s.recovery.wrapped,
    // A carried-over format-1 slot says so in what the MAC covers (the core's length differs too).
    ...(s.recovery.format1 ? [ascii('format-1')] : []),
  ]);
}

export const slotsMac = (keysMac: Buffer, s: Omit<KeySlots, 'mac' | 'deviceHex'>): Buffer =>
  createHmac('sha256', keysMac).update(slotsCore(s)).digest();

export const slotsMacValid = (keysMac: Buffer, s: KeySlots): boolean =>
  equalBytes(slotsMac(keysMac, s), s.mac);

/** Unkeyed, so damage is reported as damage before any key is derived (not as a wrong passphrase). */
const checksumOf = (s: KeySlots): Buffer => sha256(Buffer.concat([slotsCore(s), s.mac]));

/** The same slots (what the MAC covers, and the MAC), whichever device's folder holds them. */
export const sameSlots = (a: KeySlots, b: KeySlots): boolean =>
  slotsCore(a).equals(slotsCore(b)) && a.mac.equals(b.mac) && recoveryIdOfSlot(a).equals(recoveryIdOfSlot(b));

const recoveryIdOfSlot = (s: KeySlots): Buffer =>
  s.recovery.format1 ? Buffer.alloc(0) : s.recovery.recoveryId;

function recoveryJson(r: RecoverySlot): Record<string, string> {
  const slot = { nonce: r.nonce.toString('hex'), wrapped: r.wrapped.toString('hex') };
  return r.format1 ? { type: 'format-1', ...slot } : { ...slot, recoveryId: r.recoveryId.toString('hex') };
}

export function serializeKeySlots(s: KeySlots): Buffer {
  const json = {
    format: FORMAT_NAME,
    version: VERSION,
    vaultId: s.vaultId.toString('hex'),
    deviceId: s.deviceHex,
    epoch: s.epoch,
    kdf: {
      algorithm: 'argon2id',
      memoryKiB: s.kdf.memoryKiB,
      iterations: s.kdf.iterations,
      parallelism: s.kdf.parallelism,
      salt: s.salt.toString('hex'),
    },
    keys: {
      passphrase: {
        nonce: s.passphrase.nonce.toString('hex'),
        wrapped: s.passphrase.wrapped.toString('hex'),
      },
      recovery: recoveryJson(s.recovery),
    },
    mac: s.mac.toString('hex'),
    checksum: checksumOf(s).toString('hex'),
  };
  return Buffer.from(`${JSON.stringify(json, null, 2)}\n`, 'utf8');
}

/** A copy of `s` for another device's folder: the slots, MAC and checksum are unchanged. */
export const withDevice = (s: KeySlots, deviceHex: string): KeySlots => ({ ...s, deviceHex });

const hex = (bytes: number) => z.string().regex(new RegExp(`^[0-9a-f]{${bytes * 2}}$`));
const u32Schema = z.number().int().min(0).max(0xffffffff);
const slotSchema = { nonce: hex(12), wrapped: hex(48) };
const fileSchema = z.object({
  format: z.literal(FORMAT_NAME),
  version: z.literal(VERSION),
  vaultId: hex(16),
  deviceId: hex(16),
  epoch: u32Schema.min(1),
  kdf: z.object({
    algorithm: z.literal('argon2id'),
    memoryKiB: u32Schema,
    iterations: u32Schema,
    parallelism: u32Schema,
    salt: hex(SALT_BYTES),
  }),
  keys: z.object({
    passphrase: z.object(slotSchema),
    recovery: z.union([
      z.object({ type: z.literal('format-1'), ...slotSchema }),
      z.object({ ...slotSchema, recoveryId: hex(8) }),
    ]),
  }),
  mac: hex(32),
  checksum: hex(32),
});

const damaged = (): AttuneError =>
  new AttuneError(
    'integrity',
    `A copy of the vault’s keys (${KEYS_FILE}) is damaged. If the vault is still syncing, wait for it to finish; otherwise restore the vault from a backup.`,
  );

/**
 * Parses and checks one keys.json: version first (a newer Attune may lay out the rest
 * differently), then shape, checksum and the KDF limits of format 1 (a tampered file must not
 * freeze the app or downgrade the KDF). Throws 'unsupported-version' or 'integrity'.
 */
export function parseKeySlots(bytes: Buffer): KeySlots {
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw damaged();
  }
  const version = (json as { version?: unknown } | null)?.version;
  if (typeof version === 'number' && Number.isInteger(version) && version > VERSION) {
    throw new AttuneError(
      'unsupported-version',
      'This vault was made by a newer version of Attune; update Attune to open it.',
    );
  }
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) throw damaged();
  const f = parsed.data;
  const b = (text: string) => Buffer.from(text, 'hex');
  const slots: KeySlots = {
    vaultId: b(f.vaultId),
    deviceHex: f.deviceId,
    epoch: f.epoch,
    kdf: { memoryKiB: f.kdf.memoryKiB, iterations: f.kdf.iterations, parallelism: f.kdf.parallelism },
    salt: b(f.kdf.salt),
    passphrase: { nonce: b(f.keys.passphrase.nonce), wrapped: b(f.keys.passphrase.wrapped) },
    recovery:
      'recoveryId' in f.keys.recovery
        ? {
            nonce: b(f.keys.recovery.nonce),
            wrapped: b(f.keys.recovery.wrapped),
            recoveryId: b(f.keys.recovery.recoveryId),
          }
        : { nonce: b(f.keys.recovery.nonce), wrapped: b(f.keys.recovery.wrapped), format1: true },
    mac: b(f.mac),
  };
  if (!equalBytes(checksumOf(slots), b(f.checksum))) throw damaged();
  const problem = kdfParamsProblem(slots.kdf);
  if (problem) {
    throw new AttuneError(
      'integrity',
      `A copy of the vault’s keys (${KEYS_FILE}) asks for key-derivation settings outside safe limits (${problem}), so it was altered or damaged. Restore the vault from a backup.`,
    );
  }
  return slots;
}
