import { join } from 'node:path';
import { open, seal } from '../aead';
import { ascii, sha256, shortString, u8 } from '../binary';
import type { VaultFs } from '../vaultFs';
import type { MergedState } from './MergedState';
import type { HeadClaim } from './types';

/**
 * A format-2 backup generation's counts, sealed (FORMAT.md §16, "Backup summary"): the restore
 * screen lists generations from it with one small decrypt each, instead of merging every
 * generation's logs. Beside the sidecar, outside the vault files a restore copies.
 */
export const SUMMARY_FILE = 'attune-backup-summary.bin';

const MAGIC = ascii('ATBS');
const VERSION = 1;

export interface GenerationCounts {
  clients: number;
  sessions: number;
  notes: number;
  records: number;
}

/**
 * What the summary is bound to: the vault, the generation's name, and the exact files its
 * sidecar lists (path → SHA-256 of the bytes), so a summary moved to another generation, or
 * left beside files that were changed, does not authenticate.
 */
export function summaryAd(vaultId: Buffer, generation: string, files: Record<string, string>): Buffer {
  const listed = Object.keys(files)
    .sort()
    .map((path) => `${path}\u0000${files[path]}\n`)
    .join('');
  return Buffer.concat([
    ascii('attune/v2/backup-summary'),
    vaultId,
    shortString(generation),
    sha256(Buffer.from(listed, 'utf8')),
  ]);
}

export function sealSummary(key: Buffer, ad: Buffer, counts: GenerationCounts): Buffer {
  const plaintext = Buffer.from(
    JSON.stringify({
      clients: counts.clients,
      sessions: counts.sessions,
      notes: counts.notes,
      records: counts.records,
    }),
    'utf8',
  );
  return seal(key, plaintext, ad, Buffer.concat([MAGIC, u8(VERSION)]));
}

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/** The counts a summary holds; null when it is absent, of another version, altered, or not this generation's. */
export function openSummary(key: Buffer, ad: Buffer, bytes: Buffer): GenerationCounts | null {
  if (bytes.length < MAGIC.length + 1 || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) return null;
  if (bytes[MAGIC.length] !== VERSION) return null;
  const plaintext = open(key, bytes, MAGIC.length + 1, ad);
  if (!plaintext) return null;
  try {
    const json: unknown = JSON.parse(plaintext.toString('utf8'));
    if (typeof json !== 'object' || json === null) return null;
    const { clients, sessions, notes, records } = json as Record<string, unknown>;
    if (!isCount(clients) || !isCount(sessions) || !isCount(notes) || !isCount(records)) return null;
    if (clients + sessions + notes > records) return null;
    return { clients, sessions, notes, records };
  } catch {
    return null;
  }
}

/** What a backup's summary is made from: the merged counts and the head of every log they come from. */
export interface MergedCounts {
  counts: GenerationCounts;
  heads: Record<string, HeadClaim>;
}

/**
 * The counts this device has merged and the frames they come from (each device's head), for the
 * backup's summary; null while frames wait for others or a log is forked (the state is then not
 * simply every device's log up to its head, FORMAT.md §16).
 */
export function mergedCounts(state: MergedState): MergedCounts | null {
  if (state.pending().length > 0 || state.forks().length > 0) return null;
  const heads: Record<string, HeadClaim> = {};
  for (const hex of state.devices()) {
    const head = state.head(hex);
    if (head) heads[hex] = head;
  }
  const counts: GenerationCounts = { clients: 0, sessions: 0, notes: 0, records: 0 };
  // One pass: the backup waits for it (10,000 notes are some 21,000 records).
  for (const { kind } of state.records()) {
    counts.records++;
    if (kind === 'client') counts.clients++;
    else if (kind === 'session') counts.sessions++;
    else if (kind === 'note') counts.notes++;
  }
  return { heads, counts };
}

/** Reads a generation's summary; null when there is none or it does not authenticate (then the logs are merged). */
export async function readSummary(
  fs: VaultFs,
  dir: string,
  key: Buffer,
  ad: Buffer,
): Promise<GenerationCounts | null> {
  const bytes = await fs.readFile(join(dir, SUMMARY_FILE)).catch(() => null);
  return bytes ? openSummary(key, ad, bytes) : null;
}
