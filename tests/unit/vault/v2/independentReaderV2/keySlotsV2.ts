/**
 * The key slots of FORMAT.md §3–4 (`devices/<d>/keys.json`), read and unlocked from the text
 * alone. Argon2id comes from hash-wasm, as FORMAT-v1.md §3 describes it.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { argon2id } from 'hash-wasm';
import { ascii, hkdf32, hmac256, isHex, openParts, sha256, u16, u32 } from './bytes';
import { parseRecoveryKey } from './recoveryKeyText';

export interface KeysFile {
  deviceHex: string;
  text: string;
  epoch: number;
  kdf: { memoryKiB: number; iterations: number; parallelism: number; salt: Buffer };
  pass: { nonce: Buffer; wrapped: Buffer };
  /** `format1`: a recovery slot carried over from format 1 by the upgrade (§4, §14), without recoveryId. */
  rec: { nonce: Buffer; wrapped: Buffer; recoveryId: Buffer; format1: boolean };
  core: Buffer;
  mac: Buffer;
}

export interface SubKeys {
  log: Buffer;
  seen: Buffer;
  presence: Buffer;
  keysMac: Buffer;
}

export type Secret = { passphrase: string } | { recoveryKey: string };

const int = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

/** Parses one keys.json; returns null when malformed or its checksum does not match (damage). */
export function parseKeysFile(deviceHex: string, text: string, vaultId: Buffer): KeysFile | null {
  let j: Record<string, unknown>;
  try {
    j = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return null;
  }
  const kdf = j.kdf as Record<string, unknown> | undefined;
  const keys = j.keys as Record<string, Record<string, unknown> | undefined> | undefined;
  const p = keys?.passphrase;
  const r = keys?.recovery;
  if (
    j.format !== 'attune-keys' ||
    j.version !== 2 ||
    j.vaultId !== vaultId.toString('hex') ||
    !int(j.epoch) ||
    !kdf ||
    kdf.algorithm !== 'argon2id' ||
    !int(kdf.memoryKiB) ||
    !int(kdf.iterations) ||
    !int(kdf.parallelism) ||
    !isHex(kdf.salt, 32) ||
    !p ||
    !r ||
    !isHex(p.nonce, 24) ||
    !isHex(p.wrapped, 96) ||
    !isHex(r.nonce, 24) ||
    !isHex(r.wrapped, 96) ||
    (r.type === 'format-1' ? r.recoveryId !== undefined : r.type !== undefined || !isHex(r.recoveryId, 16)) ||
    !isHex(j.mac, 64) ||
    !isHex(j.checksum, 64)
  ) {
    return null;
  }
  const h = (s: string) => Buffer.from(s, 'hex');
  const file: KeysFile = {
    deviceHex,
    text,
    epoch: j.epoch,
    kdf: {
      memoryKiB: kdf.memoryKiB,
      iterations: kdf.iterations,
      parallelism: kdf.parallelism,
      salt: h(kdf.salt),
    },
    pass: { nonce: h(p.nonce), wrapped: h(p.wrapped) },
    rec: {
      nonce: h(r.nonce),
      wrapped: h(r.wrapped),
      recoveryId: r.type === 'format-1' ? Buffer.alloc(0) : h(r.recoveryId as string),
      format1: r.type === 'format-1',
    },
    core: Buffer.alloc(0),
    mac: h(j.mac),
  };
  file.core = Buffer.concat([
    ascii('attune-keys'),
    Buffer.from([0]),
    u16(2),
    vaultId,
    u32(file.epoch),
    u32(file.kdf.memoryKiB),
    u32(file.kdf.iterations),
    u32(file.kdf.parallelism),
    file.kdf.salt,
    file.pass.nonce,
    file.pass.wrapped,
    file.rec.nonce,
    file.rec.wrapped,
    // §4: a format-1 slot's core ends with ascii("format-1").
    file.rec.format1 ? ascii('format-1') : Buffer.alloc(0),
  ]);
  if (!sha256(Buffer.concat([file.core, file.mac])).equals(h(j.checksum))) return null;
  return file;
}

/** Every device's keys.json that parses and whose checksum holds; the others are named. */
export async function readKeysFiles(
  dir: string,
  deviceHexes: string[],
  vaultId: Buffer,
): Promise<{ files: KeysFile[]; damaged: string[] }> {
  const files: KeysFile[] = [];
  const damaged: string[] = [];
  for (const d of deviceHexes) {
    const text = await readFile(join(dir, 'devices', d, 'keys.json'), 'utf8').catch(() => null);
    if (text === null) continue;
    const f = parseKeysFile(d, text, vaultId);
    if (f) files.push(f);
    else damaged.push(d);
  }
  return { files, damaged };
}

export function subKeys(vk: Buffer, vaultId: Buffer): SubKeys {
  const k = (label: string) => hkdf32(vk, vaultId, `attune/v2/key/${label}`);
  return { log: k('log'), seen: k('seen'), presence: k('presence'), keysMac: k('keys-mac') };
}

async function openSlot(f: KeysFile, vaultId: Buffer, secret: Secret): Promise<Buffer | null> {
  if ('passphrase' in secret) {
    const kek = Buffer.from(
      await argon2id({
        password: Buffer.from(secret.passphrase.normalize('NFC'), 'utf8'),
        salt: f.kdf.salt,
        parallelism: f.kdf.parallelism,
        iterations: f.kdf.iterations,
        memorySize: f.kdf.memoryKiB,
        hashLength: 32,
        outputType: 'binary',
      }),
    );
    // WRONG in FORMAT.md §4: AD_pass is written there with u32(epoch) after vaultId; the
    // engine's slots open only without it (observed on the bytes).
    const ad = Buffer.concat([
      ascii('attune/v2/wrap/passphrase'),
      vaultId,
      u32(f.kdf.memoryKiB),
      u32(f.kdf.iterations),
      u32(f.kdf.parallelism),
      f.kdf.salt,
    ]);
    return openParts(kek, f.pass.nonce, f.pass.wrapped, ad);
  }
  const rk = parseRecoveryKey(secret.recoveryKey);
  if (f.rec.format1) {
    // §4: format 1's KEK_rec and AD_rec (FORMAT-v1.md §3–4), the slot as format 1 wrote it.
    const kek1 = hkdf32(rk, vaultId, 'attune/v1/key/recovery-kek');
    const ad1 = Buffer.concat([ascii('attune/v1/wrap/recovery'), u16(1), vaultId]);
    return openParts(kek1, f.rec.nonce, f.rec.wrapped, ad1);
  }
  const recoveryId = sha256(Buffer.concat([ascii('attune/v2/recovery-id'), rk])).subarray(0, 8);
  if (!recoveryId.equals(f.rec.recoveryId)) return null;
  const kek = hkdf32(rk, vaultId, 'attune/v2/key/recovery-kek');
  // WRONG in FORMAT.md §4 as for AD_pass: no u32(epoch) in AD_rec (observed on the bytes).
  const ad = Buffer.concat([ascii('attune/v2/wrap/recovery'), vaultId, f.rec.recoveryId]);
  return openParts(kek, f.rec.nonce, f.rec.wrapped, ad);
}

/**
 * §4 "Unlocking": only the files of the highest epoch present count; their slots are tried
 * (identical ones once); the MAC of the file opened must hold. Throws "wrong secret" otherwise.
 */
export async function unlock(
  files: KeysFile[],
  vaultId: Buffer,
  secret: Secret,
): Promise<{ vk: Buffer; keys: SubKeys; epoch: number; winner: KeysFile; opened: KeysFile }> {
  if (files.length === 0) throw new Error('no valid keys.json');
  const epoch = Math.max(...files.map((f) => f.epoch));
  const top = files.filter((f) => f.epoch === epoch);
  // Winner: highest epoch, then highest device id hex.
  const winner = [...top].sort((a, b) => (a.deviceHex < b.deviceHex ? 1 : -1))[0] as KeysFile;
  const tried = new Set<string>();
  for (const f of top) {
    const slotKey = f.core.toString('hex');
    if (tried.has(slotKey)) continue;
    tried.add(slotKey);
    const vk = await openSlot(f, vaultId, secret);
    if (!vk) continue;
    const keys = subKeys(vk, vaultId);
    if (!hmac256(keys.keysMac, f.core).equals(f.mac))
      throw new Error(`keys.json of ${f.deviceHex}: MAC does not match`);
    return { vk, keys, epoch, winner, opened: f };
  }
  throw new Error('wrong secret');
}
