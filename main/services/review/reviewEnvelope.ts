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
import { DEFAULT_KDF, deriveKek, type KdfParams, kdfParamsProblem, SALT_BYTES } from '../../vault/kdf';

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

async function deriveKeys(passphrase: string, salt: Buffer, kdf: KdfParams) {
  const master = await deriveKek(passphrase, salt, kdf);
  try {
    const expand = (label: string, bytes: number) =>
      Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), `attune-review/v1/${label}`, bytes));
    return { content: expand('content', 32), keyCheck: expand('key-check', KEY_CHECK_BYTES) };
  } finally {
    master.fill(0);
  }
}

/**
 * Encrypts `content` under `passphrase`. `kdf` defaults to Argon2id 64 MiB, t=3, p=1; tests pass
 * smaller settings (still within the bounds every reader enforces).
 */
export async function sealEnvelope(
  format: EnvelopeFormat,
  content: Buffer,
  passphrase: string,
  kdf: KdfParams = DEFAULT_KDF,
): Promise<{ bytes: Buffer; check: PassphraseCheck }> {
  const problem = kdfParamsProblem(kdf);
  if (problem)
    throw new AttuneError('invalid-input', `These key-derivation settings are unsafe: ${problem}.`);
  const salt = randomBytes(SALT_BYTES);
  const nonce = randomBytes(NONCE_BYTES);
  const keys = await deriveKeys(passphrase, salt, kdf);
  const fields = {
    format,
    version: ENVELOPE_VERSION,
    kdf: { ...pickKdf(kdf), salt: salt.toString('base64') },
    nonce: nonce.toString('base64'),
    keyCheck: keys.keyCheck.toString('base64'),
  } as const;
  const headerLine = Buffer.from(`${serializeHeader({ ...fields, check: headerDigest(fields) })}\n`, 'utf8');
  const cipher = createCipheriv('aes-256-gcm', keys.content, nonce);
  cipher.setAAD(headerLine);
  const body = Buffer.concat([cipher.update(content), cipher.final(), cipher.getAuthTag()]);
  keys.content.fill(0);
  return {
    bytes: Buffer.concat([headerLine, body]),
    check: { kdf: pickKdf(kdf), salt: fields.kdf.salt, keyCheck: fields.keyCheck },
  };
}

/**
 * Decrypts an envelope of `format`. Failures, in the order they are checked: not this kind of
 * file → 'invalid-input'; a newer format → 'unsupported-version'; a header that was edited or
 * asks for unsafe key settings → 'integrity'; a wrong passphrase → 'wrong-passphrase'; altered
 * ciphertext → 'integrity'.
 */
export async function openEnvelope(
  bytes: Buffer,
  format: EnvelopeFormat,
  passphrase: string,
): Promise<{ content: Buffer; check: PassphraseCheck }> {
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
  const salt = parseBase64(header.kdf.salt)!;
  const keys = await deriveKeys(passphrase, salt, header.kdf);
  try {
    if (!equalBytes(keys.keyCheck, parseBase64(header.keyCheck)!)) {
      throw new AttuneError(
        'wrong-passphrase',
        `Wrong passphrase for this ${what}: use the passphrase the clinician set when making the packet.`,
      );
    }
    const body = bytes.subarray(newline + 1);
    if (body.length < TAG_BYTES) throw altered;
    const decipher = createDecipheriv('aes-256-gcm', keys.content, parseBase64(header.nonce)!);
    decipher.setAAD(headerLine);
    decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
    const head = decipher.update(body.subarray(0, body.length - TAG_BYTES));
    try {
      return {
        content: Buffer.concat([head, decipher.final()]),
        check: { kdf: pickKdf(header.kdf), salt: header.kdf.salt, keyCheck: header.keyCheck },
      };
    } catch {
      head.fill(0);
      throw altered;
    }
  } finally {
    keys.content.fill(0);
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
  const problem = kdfParamsProblem(header.kdf);
  if (problem) {
    throw new AttuneError(
      'integrity',
      `This ${what} asks for key settings outside safe limits (${problem}); it was not made by Attune as it is.`,
    );
  }
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

/** Whether `passphrase` is the one behind `check` (one Argon2id run). */
export async function passphraseMatches(check: PassphraseCheck, passphrase: string): Promise<boolean> {
  const salt = parseBase64(check.salt);
  const expected = parseBase64(check.keyCheck);
  if (!salt || !expected || kdfParamsProblem(check.kdf)) return false;
  const keys = await deriveKeys(passphrase, salt, check.kdf);
  keys.content.fill(0);
  return equalBytes(keys.keyCheck, expected);
}
