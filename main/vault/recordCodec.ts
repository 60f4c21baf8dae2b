import { createHmac, type KeyObject, randomBytes } from 'node:crypto';
import { AttuneError } from '../../shared/errors';
import { open, seal } from './aead';
import { ascii, u8 } from './binary';

/** Where record files live, relative to the vault folder. */
export const RECORDS_DIR = 'records';
export const RECORD_MAGIC = ascii('ATRC');
export const RECORD_VERSION = 1;
const RECORD_PREFIX = Buffer.concat([RECORD_MAGIC, u8(RECORD_VERSION)]);
const RECORD_LABEL = ascii('attune/v1/record');

export const KIND_PATTERN = /^[a-z][a-z0-9-]{0,31}$/;
/** Generated ids are 32 lowercase hex; callers may bring their own (e.g. on import). */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;

export interface RecordRef {
  kind: string;
  id: string;
  rev: number;
  /**
   * The commit sequence number that created this record. Sequence numbers are never reused, so
   * binding it means a record deleted and later re-created under the same id starts afresh:
   * files of the earlier record cannot be passed off as the new one's revisions.
   */
  born: number;
}

export function assertKind(kind: unknown): asserts kind is string {
  if (typeof kind !== 'string' || !KIND_PATTERN.test(kind)) {
    throw new AttuneError('invalid-input', `“${String(kind).slice(0, 40)}” is not a valid record kind.`);
  }
}

export function assertId(id: unknown): asserts id is string {
  if (typeof id !== 'string' || !ID_PATTERN.test(id)) {
    throw new AttuneError('invalid-input', `“${String(id).slice(0, 40)}” is not a valid record id.`);
  }
}

/** A new random 128-bit id in lowercase hex. */
export const newRecordId = (): string => randomBytes(16).toString('hex');

/**
 * Associated data of a record: vault id, kind, id, revision and birth. A file moved to another
 * record, another vault, or replayed from an older revision therefore fails authentication.
 */
export function recordAd(vaultId: Buffer, ref: RecordRef): Buffer {
  // Built in one allocation: this runs once per record when thousands are loaded at unlock.
  const ad = Buffer.allocUnsafe(recordAdLength(vaultId, ref));
  writeRecordAd(ad, 0, vaultId, ref);
  return ad;
}

export const recordAdLength = (vaultId: Buffer, ref: RecordRef): number =>
  RECORD_LABEL.length + vaultId.length + 2 + ref.kind.length + ref.id.length + 12;

/**
 * Writes the record's associated data into `target` at `at` and returns where it ends (verify
 * writes every record's into one buffer). Same bytes as
 * label || vaultId || sp(kind) || sp(id) || u32(rev) || u64(born).
 */
export function writeRecordAd(target: Buffer, at: number, vaultId: Buffer, ref: RecordRef): number {
  if (ref.kind.length > 255 || ref.id.length > 255) throw new RangeError('kind or id too long');
  let end = at + RECORD_LABEL.copy(target, at);
  end += vaultId.copy(target, end);
  end = target.writeUInt8(ref.kind.length, end);
  end += target.write(ref.kind, end, 'latin1');
  end = target.writeUInt8(ref.id.length, end);
  end += target.write(ref.id, end, 'latin1');
  end = target.writeUInt32BE(ref.rev, end);
  // u64 as two u32 halves (born is a safe integer): no BigInt per record.
  end = target.writeUInt32BE(Math.floor(ref.born / 2 ** 32), end);
  return target.writeUInt32BE(ref.born % 2 ** 32, end);
}

const nameInput = Buffer.alloc(2 + 255 + 255);

/**
 * The record's file name: a keyed hash of kind and id, so no file name reveals anything, not even
 * a caller-chosen id, and the same record always maps to the same file.
 */
export function recordFileName(fileNamesKey: Buffer, kind: string, id: string): string {
  // sp(kind) || sp(id) written into one reused buffer: this runs for every record at unlock and
  // at verify, and the allocations of building it from parts cost as much as the HMAC itself.
  if (kind.length > 255 || id.length > 255) throw new RangeError('short string too long');
  let at = nameInput.writeUInt8(kind.length, 0);
  at += nameInput.write(kind, at, 'latin1');
  at = nameInput.writeUInt8(id.length, at);
  at += nameInput.write(id, at, 'latin1');
  const mac = createHmac('sha256', fileNamesKey).update(nameInput.subarray(0, at)).digest();
  return `${mac.toString('hex', 0, 16)}.rec`;
}

/**
 * Serialises a record value to JSON. JSON.stringify writes lone surrogates as \uXXXX escapes
 * (well-formed JSON.stringify, ES2019), so every JS string, even one that is not valid UTF-16,
 * survives the round trip exactly; the stored bytes are always valid UTF-8.
 */
export function recordJson(value: unknown): string {
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch {
    json = undefined; // cycles and BigInt
  }
  if (json === undefined) {
    throw new AttuneError('invalid-input', 'This record cannot be saved: its value is not plain JSON data.');
  }
  return json;
}

/** The bytes of a record file: "ATRC" || 0x01 || nonce || AES-256-GCM(UTF-8 JSON) || tag. */
export function encodeRecord(key: Buffer, vaultId: Buffer, ref: RecordRef, json: string): Buffer {
  return seal(key, Buffer.from(json, 'utf8'), recordAd(vaultId, ref), RECORD_PREFIX);
}

/** The record's JSON text, or null when the bytes are not this revision of this record. */
export function decryptRecord(
  key: Buffer | KeyObject,
  vaultId: Buffer,
  ref: RecordRef,
  bytes: Buffer,
): string | null {
  if (bytes.length < RECORD_PREFIX.length || !bytes.subarray(0, RECORD_PREFIX.length).equals(RECORD_PREFIX)) {
    return null;
  }
  const plain = open(key, bytes, RECORD_PREFIX.length, recordAd(vaultId, ref));
  return plain ? plain.toString('utf8') : null;
}

export const recordIntegrityError = (kind: string): AttuneError =>
  new AttuneError(
    'integrity',
    `A saved ${kind} record is damaged or was altered, so Attune will not show it. Settings → Check the vault says which one and restores it from a backup (or run attune verify).`,
  );

/** Decrypts and parses a record; throws 'integrity' when the file is not the expected one. */
export function decodeRecord(key: Buffer, vaultId: Buffer, ref: RecordRef, bytes: Buffer): unknown {
  const json = decryptRecord(key, vaultId, ref, bytes);
  if (json === null) throw recordIntegrityError(ref.kind);
  return JSON.parse(json);
}
