/**
 * The encrypted envelope of review packets and comments files (docs/review-packet-format.md):
 * one line of JSON header, then AES-256-GCM ciphertext and tag. The key comes from the packet
 * passphrase by Argon2id, split by HKDF into a content key and a key check; the exact header
 * bytes are the associated data, so any change to the header or the ciphertext fails to open.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { AttuneError } from '../../../shared/errors';
import { NONCE_BYTES, TAG_BYTES } from '../../vault/aead';
import { equalBytes, parseBase64, sha256Hex } from '../../vault/binary';
import { DEFAULT_KDF, deriveKek, type KdfParams, SALT_BYTES } from '../../vault/kdf';
import { reviewKdfProblem, TOO_LITTLE_WORK, TOO_MUCH_WORK } from './reviewKdf';

export const ENVELOPE_VERSION = 1;
/** The envelope formats: a review packet and a comments file. */
export const envelopeFormats = { packet: 'attune-review', comments: 'attune-comments' } as const;
export type EnvelopeFormat = (typeof envelopeFormats)[keyof typeof envelopeFormats];

/** The longest header line read; real ones are about 250 bytes. */
const MAX_HEADER_BYTES = 4096;
/** The largest file opened: far above a year of notes, far below what would strain memory. */
export const MAX_ENVELOPE_BYTES = 128 * 1024 * 1024;
const KEY_CHECK_BYTES = 16;

/** What is needed to tell later whether a passphrase is the one a file was sealed with. */
export interface PassphraseCheck {
  kdf: KdfParams;
  salt: string;
  keyCheck: string;
}

const names: Record<EnvelopeFormat, { what: string; other: string }> = {
  'attune-review': {
    what: 'review packet',
    other: 'This is a comments file, not a review packet: import it on the clinician’s side.',
  },
  'attune-comments': {
    what: 'comments file',
    other: 'This is a review packet, not a comments file: open it in review mode.',
  },
};

const base64 = (bytes: number) =>
  z.string().refine((s) => parseBase64(s)?.length === bytes, `must be ${bytes} bytes of base64`);

const headerSchema = z.strictObject({
  format: z.enum([envelopeFormats.packet, envelopeFormats.comments]),
  version: z.literal(ENVELOPE_VERSION),
  kdf: z.strictObject({
    memoryKiB: z.int(),
    iterations: z.int(),
    parallelism: z.int(),
    salt: base64(SALT_BYTES),
  }),
  nonce: base64(NONCE_BYTES),
  keyCheck: base64(KEY_CHECK_BYTES),
  check: z.string().regex(/^[0-9a-f]{32}$/),
});
type Header = z.infer<typeof headerSchema>;

/** The header as written: fixed key order, no spaces; `check` is a digest of the rest. */
function serializeHeader(h: Omit<Header, 'check'> & { check?: string }): string {
  const { memoryKiB, iterations, parallelism, salt } = h.kdf;
  const body = {
    format: h.format,
    version: h.version,
    kdf: { memoryKiB, iterations, parallelism, salt },
    nonce: h.nonce,
    keyCheck: h.keyCheck,
    ...(h.check === undefined ? {} : { check: h.check }),
  };
  return JSON.stringify(body);
}

const headerDigest = (h: Omit<Header, 'check'>): string => sha256Hex(serializeHeader(h)).slice(0, 32);

/**
 * The Argon2id output for one salt and passphrase: what seals and opens every file made with
 * that salt. Review mode keeps the key of an opened packet in main memory (never on disk) so a
 * comments file can be sealed without running Argon2id again; `dropKey` wipes it.
 */
export interface ReviewKey {
  readonly master: Buffer;
  readonly check: PassphraseCheck;
}

export function dropKey(key: ReviewKey): void {
  key.master.fill(0);
}

/** Refuses settings outside the review bounds, before any derivation. */
function requireReviewKdf(kdf: KdfParams): void {
  const problem = reviewKdfProblem(kdf);
  if (problem) throw new AttuneError('integrity', problem === 'too-much' ? TOO_MUCH_WORK : TOO_LITTLE_WORK);
}

function subkeys(master: Buffer) {
  const expand = (label: string, bytes: number) =>
    Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), `attune-review/v1/${label}`, bytes));
  return { content: expand('content', 32), keyCheck: expand('key-check', KEY_CHECK_BYTES) };
}

async function deriveKey(passphrase: string, salt: string, kdf: KdfParams): Promise<ReviewKey> {
  requireReviewKdf(kdf);
  const master = await deriveKek(passphrase, parseBase64(salt)!, kdf);
  const { content, keyCheck } = subkeys(master);
  content.fill(0);
  return { master, check: { kdf: pickKdf(kdf), salt, keyCheck: keyCheck.toString('base64') } };
}

/**
 * Encrypts `content` under `passphrase` with a fresh salt. `kdf` defaults to Argon2id 64 MiB,
 * t=3, p=1; tests pass smaller settings (still within the bounds every reader enforces).
 */
export async function sealEnvelope(
  format: EnvelopeFormat,
  content: Buffer,
  passphrase: string,
  kdf: KdfParams = DEFAULT_KDF,
): Promise<{ bytes: Buffer; check: PassphraseCheck }> {
  // Never write a file its reader would refuse.
  if (reviewKdfProblem(kdf)) {
    throw new AttuneError(
      'invalid-input',
      'These key-derivation settings are outside the limits of review files; use the defaults.',
    );
  }
  const key = await deriveKey(passphrase, randomBytes(SALT_BYTES).toString('base64'), kdf);
  try {
    return { bytes: sealWithKey(format, content, key), check: key.check };
  } finally {
    dropKey(key);
  }
}

/**
 * Encrypts `content` under a key already derived (same salt and settings as the file it came
 * from, a fresh nonce): no Argon2id run. A comments file sealed this way opens with the packet's
 * passphrase like any other.
 */
export function sealWithKey(format: EnvelopeFormat, content: Buffer, key: ReviewKey): Buffer {
  const nonce = randomBytes(NONCE_BYTES);
  const fields = {
    format,
    version: ENVELOPE_VERSION,
    kdf: { ...pickKdf(key.check.kdf), salt: key.check.salt },
    nonce: nonce.toString('base64'),
    keyCheck: key.check.keyCheck,
  } as const;
  const headerLine = Buffer.from(`${serializeHeader({ ...fields, check: headerDigest(fields) })}\n`, 'utf8');
  const contentKey = subkeys(key.master).content;
  try {
    const cipher = createCipheriv('aes-256-gcm', contentKey, nonce);
    cipher.setAAD(headerLine);
    const body = Buffer.concat([cipher.update(content), cipher.final(), cipher.getAuthTag()]);
    return Buffer.concat([headerLine, body]);
  } finally {
    contentKey.fill(0);
  }
}

/**
 * Decrypts an envelope of `format`. Failures, in the order they are checked: not this kind of
 * file → 'invalid-input'; a newer format → 'unsupported-version'; a header that was edited or
 * asks for key settings outside the review bounds → 'integrity' (before any derivation); a
 * wrong passphrase → 'wrong-passphrase'; altered ciphertext → 'integrity'. With `keepKey` the
 * derived key is returned too; the caller must `dropKey` it.
 */
export async function openEnvelope(
  bytes: Buffer,
  format: EnvelopeFormat,
  passphrase: string,
  options: { keepKey?: boolean } = {},
): Promise<{ content: Buffer; check: PassphraseCheck; key?: ReviewKey }> {
  const { what } = names[format];
  const newline = bytes.subarray(0, MAX_HEADER_BYTES + 1).indexOf(0x0a);
  const notOurs = new AttuneError('invalid-input', `This file is not an Attune ${what}.`);
  if (newline <= 0 || bytes[0] !== 0x7b) throw notOurs;
  const headerLine = bytes.subarray(0, newline + 1);
  let raw: unknown;
  try {
    raw = JSON.parse(headerLine.toString('utf8'));
  } catch {
    throw notOurs;
  }
  const header = checkHeader(raw, format, headerLine.toString('utf8').slice(0, -1));
  const altered = new AttuneError(
    'integrity',
    `This ${what} was altered or damaged after it was made, so it was not opened. Ask for a fresh copy.`,
  );
  const key = await deriveKey(passphrase, header.kdf.salt, header.kdf);
  let kept = false;
  const contentKey = subkeys(key.master).content;
  try {
    if (!equalBytes(parseBase64(key.check.keyCheck)!, parseBase64(header.keyCheck)!)) {
      throw new AttuneError(
        'wrong-passphrase',
        `Wrong passphrase for this ${what}: use the passphrase the clinician set when making the packet.`,
      );
    }
    const body = bytes.subarray(newline + 1);
    if (body.length < TAG_BYTES) throw altered;
    const decipher = createDecipheriv('aes-256-gcm', contentKey, parseBase64(header.nonce)!);
    decipher.setAAD(headerLine);
    decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
    const head = decipher.update(body.subarray(0, body.length - TAG_BYTES));
    let content: Buffer;
    try {
      content = Buffer.concat([head, decipher.final()]);
    } catch {
      head.fill(0);
      throw altered;
    }
    kept = options.keepKey === true;
    return { content, check: key.check, ...(kept ? { key } : {}) };
  } finally {
    contentKey.fill(0);
    if (!kept) dropKey(key);
  }
}

/** The header, checked in the order that gives the clearest message. */
function checkHeader(raw: unknown, format: EnvelopeFormat, line: string): Header {
  const { what, other } = names[format];
  const found = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  if (found.format !== format) {
    if (found.format === envelopeFormats.packet || found.format === envelopeFormats.comments) {
      throw new AttuneError('invalid-input', other);
    }
    if (typeof found.format === 'string' && found.format.startsWith('attune-')) throw newer(what);
    throw new AttuneError('invalid-input', `This file is not an Attune ${what}.`);
  }
  if (
    typeof found.version === 'number' &&
    Number.isInteger(found.version) &&
    found.version > ENVELOPE_VERSION
  ) {
    throw newer(what);
  }
  const parsed = headerSchema.safeParse(raw);
  if (!parsed.success) {
    throw new AttuneError('invalid-input', `This ${what} is damaged: its header cannot be read.`);
  }
  const header = parsed.data;
  const { check, ...fields } = header;
  if (check !== headerDigest(fields) || line !== serializeHeader(header)) {
    throw new AttuneError(
      'integrity',
      `This ${what} was altered or damaged after it was made, so it was not opened. Ask for a fresh copy.`,
    );
  }
  // Before any derivation: a hostile header must not cost more than a genuine one.
  requireReviewKdf(header.kdf);
  return header;
}

const newer = (what: string) =>
  new AttuneError(
    'unsupported-version',
    `This ${what} was made by a newer version of Attune. Update Attune to open it.`,
  );

const pickKdf = ({ memoryKiB, iterations, parallelism }: KdfParams): KdfParams => ({
  memoryKiB,
  iterations,
  parallelism,
});

/**
 * The key behind `check` if `passphrase` is the one it was made with, else null (one Argon2id
 * run, refused before it starts when the settings are outside the review bounds). The caller
 * must `dropKey` what it gets.
 */
export async function unlockCheck(check: PassphraseCheck, passphrase: string): Promise<ReviewKey | null> {
  const salt = parseBase64(check.salt);
  const expected = parseBase64(check.keyCheck);
  if (salt?.length !== SALT_BYTES || expected?.length !== KEY_CHECK_BYTES) return null;
  const key = await deriveKey(passphrase, check.salt, check.kdf);
  if (equalBytes(parseBase64(key.check.keyCheck)!, expected)) return key;
  dropKey(key);
  return null;
}

/** Whether `passphrase` is the one behind `check` (one Argon2id run). */
export async function passphraseMatches(check: PassphraseCheck, passphrase: string): Promise<boolean> {
  const key = await unlockCheck(check, passphrase);
  if (!key) return false;
  dropKey(key);
  return true;
}
