/**
 * Reading and writing `.attune-review` packets and `.attune-comments` files: the envelope's
 * crypto, plus the checks a file from elsewhere must pass before anything uses its content.
 */
import { readFile, stat } from 'node:fs/promises';
import type { z } from 'zod';
import { AttuneError, describeIssues } from '../../../shared/errors';
import {
  COMMENTS_FORMAT,
  COMMENTS_VERSION,
  type CommentsFile,
  commentsFileSchema,
} from '../../../shared/review/commentsSchema';
import {
  PACKET_FORMAT,
  PACKET_VERSION,
  packetSchema,
  type ReviewPacket,
} from '../../../shared/review/packetSchema';
import { atomicWriteFile } from '../../vault/atomicWrite';
import type { KdfParams } from '../../vault/kdf';
import { fileWriteFailure } from '../../vault/vaultErrors';
import { nodeVaultFs } from '../../vault/vaultFs';
import { scanJson } from '../exchange/scanJson';
import {
  dropKey,
  envelopeFormats,
  MAX_ENVELOPE_BYTES,
  openEnvelope,
  type PassphraseCheck,
  type ReviewKey,
  sealEnvelope,
  sealWithKey,
} from './reviewEnvelope';

export interface SealOptions {
  /** Argon2id settings; the default (64 MiB, t=3, p=1) unless a test passes smaller ones. */
  kdf?: KdfParams;
}

/** Encrypts a packet to `path` (atomically, mode 0600); returns what checks its passphrase later. */
export async function writePacketFile(
  content: ReviewPacket,
  passphrase: string,
  path: string,
  options: SealOptions = {},
): Promise<PassphraseCheck> {
  let check: PassphraseCheck | undefined;
  await writeSealed(packetSchema, content, path, async (plain) => {
    const sealed = await sealEnvelope(envelopeFormats.packet, plain, passphrase, options.kdf);
    check = sealed.check;
    return sealed.bytes;
  });
  return check!;
}

/** Decrypts and checks a packet. Errors: see `openEnvelope`, and 'invalid-input' for bad content. */
export async function openPacketFile(
  path: string,
  passphrase: string,
): Promise<{ packet: ReviewPacket; check: PassphraseCheck }> {
  const { packet, check, key } = await openPacketFileWithKey(path, passphrase);
  dropKey(key);
  return { packet, check };
}

/**
 * As `openPacketFile`, and also the key derived to open it, so review mode can seal the
 * comments file without running Argon2id again. The caller keeps it in memory only and must
 * `dropKey` it.
 */
export async function openPacketFileWithKey(
  path: string,
  passphrase: string,
): Promise<{ packet: ReviewPacket; check: PassphraseCheck; key: ReviewKey }> {
  const bytes = await readSealed(path, 'review packet');
  const { content, check, key } = await openEnvelope(bytes, envelopeFormats.packet, passphrase, {
    keepKey: true,
  });
  if (!key) throw new AttuneError('internal', 'The packet’s key was not kept. Open the packet again.');
  try {
    const packet = parseContent(content, packetSchema, PACKET_FORMAT, PACKET_VERSION, 'review packet');
    return { packet, check, key };
  } catch (error) {
    dropKey(key);
    throw error;
  }
}

/**
 * Encrypts a comments file to `path` (atomically, mode 0600) under the packet's key: the same
 * salt and settings as the packet, a fresh nonce, so it opens with the packet's passphrase.
 */
export async function writeCommentsFile(content: CommentsFile, key: ReviewKey, path: string): Promise<void> {
  await writeSealed(commentsFileSchema, content, path, (plain) =>
    sealWithKey(envelopeFormats.comments, plain, key),
  );
}

export async function openCommentsFile(path: string, passphrase: string): Promise<CommentsFile> {
  const { content } = await openEnvelope(
    await readSealed(path, 'comments file'),
    envelopeFormats.comments,
    passphrase,
  );
  return parseContent(content, commentsFileSchema, COMMENTS_FORMAT, COMMENTS_VERSION, 'comments file');
}

async function writeSealed<S extends z.ZodType>(
  schema: S,
  content: z.input<S>,
  path: string,
  seal: (plain: Buffer) => Buffer | Promise<Buffer>,
): Promise<void> {
  // Never seal what the reader would refuse.
  const checked = schema.safeParse(content);
  if (!checked.success) throw new AttuneError('invalid-input', describeIssues(checked.error.issues));
  const plain = Buffer.from(JSON.stringify(checked.data), 'utf8');
  if (plain.length > MAX_ENVELOPE_BYTES - 4096) {
    throw new AttuneError('invalid-input', 'This would make a file over 128 MB; choose fewer sessions.');
  }
  let bytes: Buffer;
  try {
    bytes = await seal(plain);
  } finally {
    plain.fill(0);
  }
  try {
    await atomicWriteFile(nodeVaultFs, path, bytes, { syncDir: true });
  } catch (error) {
    throw fileWriteFailure(error, path);
  }
}

async function readSealed(path: string, what: string): Promise<Buffer> {
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new AttuneError('invalid-input', `${path} is not a file.`);
    if (info.size > MAX_ENVELOPE_BYTES) {
      throw new AttuneError('invalid-input', `This file is too large to be an Attune ${what}.`);
    }
    return await readFile(path);
  } catch (error) {
    if (error instanceof AttuneError) throw error;
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new AttuneError('not-found', `There is no file at ${path}; it may have been moved.`);
    }
    throw new AttuneError('io', `Cannot read ${path}; check that you may open it.`);
  }
}

/** Content that decrypted: still from elsewhere, so checked as hostile JSON before its schema. */
function parseContent<S extends z.ZodType>(
  bytes: Buffer,
  schema: S,
  format: string,
  version: number,
  what: string,
): z.output<S> {
  const damaged = (detail: string) =>
    new AttuneError('invalid-input', `This ${what} cannot be used: ${detail}.`);
  let data: unknown;
  try {
    data = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw damaged('its content is not readable JSON');
  } finally {
    bytes.fill(0);
  }
  const problems: string[] = [];
  scanJson(data, (path, message) => problems.push(path ? `${path}: ${message}` : message));
  if (problems.length > 0) throw damaged(problems[0]!);
  const found = typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {};
  const newer =
    (typeof found.version === 'number' && found.version > version) ||
    (found.format !== format && typeof found.format === 'string' && found.format.startsWith('attune-'));
  if (newer) {
    throw new AttuneError(
      'unsupported-version',
      `This ${what} was made by a newer version of Attune. Update Attune to open it.`,
    );
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw damaged(describeIssues(parsed.error.issues));
  return parsed.data;
}
