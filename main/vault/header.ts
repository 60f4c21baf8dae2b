import { createHmac } from 'node:crypto';
import { AttuneError } from '../../shared/errors';
import { open, seal } from './aead';
import { ascii, equalBytes, parseHex, sha256, u16, u32 } from './binary';
import { type KdfParams, kdfParamsProblem, SALT_BYTES } from './kdf';
import { readMarkerFile } from './v2/marker';
import { readFailure } from './vaultErrors';
import { isNotFound, type VaultFs } from './vaultFs';

/** The plaintext JSON file that marks a folder as a vault (FORMAT-v1.md, "Header"). */
export const HEADER_FILE = 'attune-vault.json';
export const FORMAT_NAME = 'attune-vault';
export const FORMAT_VERSION = 1;
export const VAULT_ID_BYTES = 16;

export interface WrappedKey {
  nonce: Buffer; // 12 bytes
  wrapped: Buffer; // 32-byte vault key + 16-byte GCM tag
}

export interface VaultHeader {
  version: number;
  vaultId: Buffer;
  kdf: KdfParams;
  salt: Buffer;
  passphrase: WrappedKey;
  recovery: WrappedKey;
  /** HMAC of the header core under a vault-key subkey: detects edits made by someone without the key. */
  mac: Buffer;
}

export type WrapSlot = 'passphrase' | 'recovery';

const damaged = (): AttuneError =>
  new AttuneError(
    'integrity',
    `The vault header (${HEADER_FILE}) is damaged, so the vault cannot be opened. Restore the vault from a backup.`,
  );

/**
 * Associated data of a wrapped vault key. The passphrase slot binds the format version, vault id
 * and KDF settings, so a downgrade or settings edit makes unwrapping fail. The recovery slot binds
 * version and vault id only: its key-encryption key does not depend on the KDF, and binding the
 * passphrase salt would make a passphrase change impossible without the recovery key. The header
 * MAC covers everything, including this slot.
 */
export function wrapAd(
  slot: WrapSlot,
  header: Pick<VaultHeader, 'version' | 'vaultId' | 'kdf' | 'salt'>,
): Buffer {
  if (slot === 'recovery') {
    return Buffer.concat([ascii('attune/v1/wrap/recovery'), u16(header.version), header.vaultId]);
  }
  return Buffer.concat([
    ascii('attune/v1/wrap/passphrase'),
    u16(header.version),
    header.vaultId,
    u32(header.kdf.memoryKiB),
    u32(header.kdf.iterations),
    u32(header.kdf.parallelism),
    header.salt,
  ]);
}

export function wrapKey(kek: Buffer, vaultKey: Buffer, ad: Buffer): WrappedKey {
  const sealed = seal(kek, vaultKey, ad);
  return { nonce: sealed.subarray(0, 12), wrapped: sealed.subarray(12) };
}

/** The vault key, or null when this key-encryption key (or the header) is not the right one. */
export function unwrapKey(kek: Buffer, slot: WrappedKey, ad: Buffer): Buffer | null {
  const key = open(kek, Buffer.concat([slot.nonce, slot.wrapped]), 0, ad);
  return key && key.length === 32 ? key : null;
}

/** The fixed binary serialisation that the MAC and checksum are computed over. */
export function headerCore(header: Omit<VaultHeader, 'mac'>): Buffer {
  return Buffer.concat([
    ascii(`${FORMAT_NAME}\0`),
    u16(header.version),
    header.vaultId,
    u32(header.kdf.memoryKiB),
    u32(header.kdf.iterations),
    u32(header.kdf.parallelism),
    header.salt,
    header.passphrase.nonce,
    header.passphrase.wrapped,
    header.recovery.nonce,
    header.recovery.wrapped,
  ]);
}

export const headerMac = (macKey: Buffer, header: Omit<VaultHeader, 'mac'>): Buffer =>
  createHmac('sha256', macKey).update(headerCore(header)).digest();

export const headerMacValid = (macKey: Buffer, header: VaultHeader): boolean =>
  equalBytes(headerMac(macKey, header), header.mac);

/**
 * An unkeyed checksum: it lets accidental damage be reported as damage before any key is derived,
 * instead of being mistaken for a wrong passphrase.
 */
const headerChecksum = (header: VaultHeader): Buffer =>
  sha256(Buffer.concat([headerCore(header), header.mac]));

export function serializeHeader(header: VaultHeader): Buffer {
  const slot = (k: WrappedKey) => ({ nonce: k.nonce.toString('hex'), wrapped: k.wrapped.toString('hex') });
  const json = {
    format: FORMAT_NAME,
    version: header.version,
    vaultId: header.vaultId.toString('hex'),
    kdf: {
      algorithm: 'argon2id',
      memoryKiB: header.kdf.memoryKiB,
      iterations: header.kdf.iterations,
      parallelism: header.kdf.parallelism,
      salt: header.salt.toString('hex'),
    },
    keys: { passphrase: slot(header.passphrase), recovery: slot(header.recovery) },
    mac: header.mac.toString('hex'),
    checksum: headerChecksum(header).toString('hex'),
  };
  return Buffer.from(`${JSON.stringify(json, null, 2)}\n`, 'utf8');
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isU32 = (v: unknown): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 0xffffffff;

function parseSlot(value: unknown): WrappedKey | null {
  if (!isRecord(value)) return null;
  const nonce = parseHex(value.nonce, 12);
  const wrapped = parseHex(value.wrapped, 48);
  return nonce && wrapped ? { nonce, wrapped } : null;
}

/**
 * Parses and checks a header: version first (a newer vault may lay out the rest differently),
 * then shape, checksum and KDF limits. Throws 'unsupported-version' or 'integrity'.
 */
export function parseHeader(bytes: Buffer): VaultHeader {
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw damaged();
  }
  if (!isRecord(json) || json.format !== FORMAT_NAME) throw damaged();
  const version = json.version;
  if (typeof version === 'number' && Number.isInteger(version) && version > FORMAT_VERSION) {
    // Format 2 (a vault several computers share) is what a newer Attune upgrades this one to.
    throw new AttuneError(
      'unsupported-version',
      'This vault was upgraded (or made) by a newer version of Attune; install the newer version to open it. Nothing in the vault was changed.',
    );
  }
  if (version !== FORMAT_VERSION) throw damaged();
  const kdf = json.kdf;
  const keys = json.keys;
  if (!isRecord(kdf) || kdf.algorithm !== 'argon2id' || !isRecord(keys)) throw damaged();
  const { memoryKiB, iterations, parallelism } = kdf;
  if (!isU32(memoryKiB) || !isU32(iterations) || !isU32(parallelism)) throw damaged();
  const vaultId = parseHex(json.vaultId, VAULT_ID_BYTES);
  const salt = parseHex(kdf.salt, SALT_BYTES);
  const passphrase = parseSlot(keys.passphrase);
  const recovery = parseSlot(keys.recovery);
  const mac = parseHex(json.mac, 32);
  const checksum = parseHex(json.checksum, 32);
  if (!vaultId || !salt || !passphrase || !recovery || !mac || !checksum) throw damaged();
  const header: VaultHeader = {
    version,
    vaultId,
    kdf: { memoryKiB, iterations, parallelism },
    salt,
    passphrase,
    recovery,
    mac,
  };
  if (!equalBytes(headerChecksum(header), checksum)) throw damaged();
  const problem = kdfParamsProblem(header.kdf);
  if (problem) {
    throw new AttuneError(
      'integrity',
      `The vault header asks for key-derivation settings outside safe limits (${problem}), so it was altered or damaged. Restore the vault from a backup.`,
    );
  }
  return header;
}

/** Reads and parses the header of `dir`; a folder without one is 'not-a-vault'. */
export async function readHeader(fs: VaultFs, dir: string): Promise<VaultHeader> {
  let bytes: Buffer;
  try {
    // The same file as format 2's marker, read the same way: never a pipe, a link or a huge file.
    bytes = await readMarkerFile(fs, dir);
  } catch (error) {
    if (isNotFound(error) || (error as { code?: string }).code === 'ENOTDIR') throw notAVault();
    if (error instanceof AttuneError) throw error;
    throw readFailure(error, 'header');
  }
  return parseHeader(bytes);
}

export const notAVault = (): AttuneError =>
  new AttuneError(
    'not-a-vault',
    'This folder is not an Attune vault. Choose the folder that holds your vault, or create a new vault.',
  );
