import { createSecretKey, type KeyObject } from 'node:crypto';
import { join } from 'node:path';
import { AttuneError } from '../../shared/errors';
import { decryptRecord, RECORDS_DIR, recordIntegrityError } from './recordCodec';
import type { RecordEntry } from './state';
import { readFailure } from './vaultErrors';
import { isNotFound, type VaultFs } from './vaultFs';

export interface ReaderContext {
  fs: VaultFs;
  dir: string;
  vaultId: Buffer;
  /** The record key, or a 'locked' error once the vault is locked (checked after every wait). */
  recordKey: () => Buffer;
}

export type ReadResult = { value: unknown } | { error: AttuneError };

/**
 * Reads one record as `entry` describes it. The AEAD check suffices: the associated data pins
 * kind, id, revision and birth (verify also compares the manifest's content hash).
 */
export async function readRecord(ctx: ReaderContext, entry: RecordEntry): Promise<ReadResult> {
  let bytes = entry.blob;
  if (!bytes) {
    try {
      bytes = await ctx.fs.readFile(join(ctx.dir, RECORDS_DIR, entry.file));
    } catch (error) {
      return {
        error: isNotFound(error)
          ? new AttuneError(
              'integrity',
              `A saved ${entry.kind} record is missing from the vault folder. Settings → Check the vault says which one and restores it from a backup (or run attune verify).`,
            )
          : readFailure(error, 'record file'),
      };
    }
  }
  const json = decryptRecord(ctx.recordKey(), ctx.vaultId, entry, bytes);
  if (json === null) return { error: recordIntegrityError(entry.kind) };
  return { value: JSON.parse(json) };
}

/**
 * Reads many records (the unlock path). Files are read synchronously in slices of a few
 * milliseconds, yielding to the event loop between slices: for thousands of small files that is
 * several times faster than async reads, whose thread-pool round trips cost more than the reads.
 * A record that does not read cleanly is handed to `careful` (which retries or explains).
 */
export async function readMany<T>(
  ctx: ReaderContext,
  entries: RecordEntry[],
  careful: (entry: RecordEntry) => Promise<{ rev: number; value: T } | null>,
): Promise<Array<{ id: string; rev: number; value: T }>> {
  const out: Array<{ id: string; rev: number; value: T }> = [];
  const recordsDir = join(ctx.dir, RECORDS_DIR);
  // A KeyObject spares re-importing the key for every record. It lives only for this call;
  // OpenSSL frees its copy with a cleansing free once it is collected.
  let key: KeyObject | null = null;
  // File bytes are needed only until decrypted, so one buffer serves every read (less garbage).
  let scratch = Buffer.allocUnsafe(64 * 1024);
  let sliceStart = performance.now();
  for (const entry of entries) {
    if (performance.now() - sliceStart > 8) {
      await new Promise((resolve) => setImmediate(resolve));
      sliceStart = performance.now();
    }
    const raw = ctx.recordKey();
    key ??= createSecretKey(raw);
    let bytes = entry.blob;
    if (!bytes) {
      try {
        if (scratch.length <= entry.size) scratch = Buffer.allocUnsafe(entry.size * 2);
        bytes = ctx.fs.readFileSync(`${recordsDir}/${entry.file}`, entry.size, scratch);
      } catch {
        bytes = undefined;
      }
    }
    const json = bytes && decryptRecord(key, ctx.vaultId, entry, bytes);
    if (json) {
      out.push({ id: entry.id, rev: entry.rev, value: JSON.parse(json) as T });
      continue;
    }
    const slow = await careful(entry);
    if (slow) out.push({ id: entry.id, ...slow });
  }
  return out;
}
