import { AttuneError } from '../../shared/errors';
import { ascii, sha256Hex } from './binary';
import { encodeFrame, scanFrames } from './frames';
import type { AuditHead } from './manifest';

export const AUDIT_FILE = 'audit.bin';
export const AUDIT_MAGIC = ascii('ATAL');
/** The `prev` of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

export type AuditType =
  | 'vault-create'
  | 'unlock'
  | 'lock'
  | 'create'
  | 'update'
  | 'delete'
  | 'sign'
  | 'addendum'
  | 'export'
  | 'import'
  | 'backup'
  | 'passphrase-change'
  | 'recovery'
  | 'recovery-key-renewal'
  | 'comments-import'
  | 'key-rotation'
  | 'restore';

export const AUDIT_TYPES: readonly AuditType[] = [
  'vault-create',
  'unlock',
  'lock',
  'create',
  'update',
  'delete',
  'sign',
  'addendum',
  'export',
  'import',
  'backup',
  'passphrase-change',
  'recovery',
  'recovery-key-renewal',
  'comments-import',
  'key-rotation',
  'restore',
];

export type AuditDetail = Record<string, string | number | boolean>;

export interface AuditEntry {
  seq: number;
  at: string;
  type: AuditType;
  detail: AuditDetail;
}

export function assertAuditInput(type: unknown, detail: unknown): asserts detail is AuditDetail | undefined {
  const bad = (what: string) =>
    new AttuneError('invalid-input', `This audit entry cannot be recorded: ${what}.`);
  if (!AUDIT_TYPES.includes(type as AuditType))
    throw bad(`“${String(type).slice(0, 40)}” is not an audit type`);
  if (detail === undefined) return;
  if (typeof detail !== 'object' || detail === null || Array.isArray(detail))
    throw bad('its detail is not an object');
  for (const value of Object.values(detail)) {
    const t = typeof value;
    if (t !== 'string' && t !== 'boolean' && !(t === 'number' && Number.isFinite(value))) {
      throw bad('detail values must be text, numbers or true/false');
    }
  }
}

/**
 * Makes the next audit entry after `head`. Its text is what gets encrypted and hashed: the hash
 * of an entry is SHA-256 of its exact UTF-8 JSON, which includes the previous entry's hash.
 */
export function makeAuditEntry(
  head: AuditHead,
  type: AuditType,
  detail: AuditDetail,
  at = new Date(),
): { text: string; head: AuditHead } {
  const seq = head.seq + 1;
  const text = JSON.stringify({ seq, at: at.toISOString(), type, detail, prev: head.hash });
  return { text, head: { seq, hash: sha256Hex(text) } };
}

export const auditAdPrefix = (vaultId: Buffer): Buffer => Buffer.concat([ascii('attune/v1/audit'), vaultId]);

export const encodeAuditFrame = (key: Buffer, vaultId: Buffer, seq: number, text: string): Buffer =>
  encodeFrame(AUDIT_MAGIC, key, auditAdPrefix(vaultId), seq, Buffer.from(text, 'utf8'));

/**
 * Checks that `text` is the entry that follows `head`; returns the entry and the new head, or a
 * description of the break.
 */
export function followChain(
  head: AuditHead,
  text: string,
): { entry: AuditEntry; head: AuditHead } | { problem: string } {
  let parsed: { seq?: unknown; at?: unknown; type?: unknown; detail?: unknown; prev?: unknown };
  try {
    parsed = JSON.parse(text);
  } catch {
    return { problem: `entry after ${head.seq} is not readable` };
  }
  if (parsed.seq !== head.seq + 1) return { problem: `entry ${head.seq + 1} is missing or out of order` };
  if (parsed.prev !== head.hash)
    return { problem: `entry ${head.seq + 1} does not follow the one before it` };
  if (typeof parsed.at !== 'string' || !AUDIT_TYPES.includes(parsed.type as AuditType)) {
    return { problem: `entry ${head.seq + 1} is malformed` };
  }
  const entry: AuditEntry = {
    seq: head.seq + 1,
    at: parsed.at,
    type: parsed.type as AuditType,
    detail: (parsed.detail ?? {}) as AuditDetail,
  };
  return { entry, head: { seq: entry.seq, hash: sha256Hex(text) } };
}

export interface AuditRead {
  entries: AuditEntry[];
  head: AuditHead;
  problems: string[];
}

/**
 * Reads the first `length` bytes of audit.bin (the part a manifest snapshot vouches for) and
 * walks the chain from the genesis, then continues through `pending` (entries still only in the
 * journal). Bytes past `length` are a checkpoint that never completed and are ignored.
 */
export function readAuditChain(
  key: Buffer,
  vaultId: Buffer,
  bytes: Buffer,
  length: number,
  expectedHead: AuditHead,
  pending: string[],
): AuditRead {
  const problems: string[] = [];
  const entries: AuditEntry[] = [];
  let head: AuditHead = { seq: 0, hash: GENESIS_HASH };
  if (bytes.length < length)
    problems.push('the audit log is shorter than the manifest records (entries were removed)');
  const scan = scanFrames(bytes.subarray(0, length), AUDIT_MAGIC, key, auditAdPrefix(vaultId));
  if (scan.damage)
    problems.push(`the audit log is damaged: ${scan.damage.problem} at byte ${scan.damage.offset}`);
  else if (scan.tornTail && bytes.length >= length)
    problems.push('the audit log ends in the middle of an entry');
  let broken = problems.length > 0;
  for (const frame of scan.frames) {
    const next = followChain(head, frame.plaintext.toString('utf8'));
    if ('problem' in next || frame.seq !== head.seq + 1) {
      problems.push(`the audit chain is broken: ${'problem' in next ? next.problem : 'sequence mismatch'}`);
      broken = true;
      break;
    }
    entries.push(next.entry);
    head = next.head;
  }
  if (!broken && (head.seq !== expectedHead.seq || head.hash !== expectedHead.hash)) {
    problems.push(
      `the audit log ends at entry ${head.seq} but the manifest expects entry ${expectedHead.seq} (entries were removed or replaced)`,
    );
    broken = true;
  }
  if (broken) head = expectedHead; // continue with the journal's entries from the trusted head
  for (const text of pending) {
    const next = followChain(head, text);
    if ('problem' in next) {
      problems.push(`the audit chain is broken in the journal: ${next.problem}`);
      break;
    }
    entries.push(next.entry);
    head = next.head;
  }
  return { entries, head, problems };
}
