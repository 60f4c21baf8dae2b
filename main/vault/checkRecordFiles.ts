import { createSecretKey, type KeyObject } from 'node:crypto';
import { join } from 'node:path';
import { sha256Hex } from './binary';
import { RECORDS_DIR, recordAuthentic } from './recordCodec';
import type { RecordEntry } from './state';
import type { VaultFs } from './vaultFs';

/** How verify's read of the record files went: the records that did not check out. */
export interface RecordFilesChecked {
  /** Records whose bytes (all of them, as on disk) are not the revision the manifest expects. */
  failed: Array<{ entry: RecordEntry; bytes: Buffer }>;
  /** Records whose file could not be read, with the error the file system gave. */
  unreadable: Array<{ entry: RecordEntry; error: unknown }>;
}

/** Work between two yields to the event loop, so a big vault's check does not freeze the app. */
const SLICE_MS = 8;

/**
 * Reads and checks every record file of `entries` (or its journal blob): its length and SHA-256
 * against the manifest, and that it authenticates as this revision of this record. Files are read
 * synchronously into one reused buffer, in slices of a few milliseconds: for thousands of small
 * files the thread-pool round trips and garbage of async reads cost several times the reads.
 * `progressed` is called once per record.
 */
export async function checkRecordFiles(
  fs: VaultFs,
  dir: string,
  vaultId: Buffer,
  recordKey: Buffer,
  entries: readonly RecordEntry[],
  progressed: () => void,
): Promise<RecordFilesChecked> {
  const checked: RecordFilesChecked = { failed: [], unreadable: [] };
  const recordsDir = join(dir, RECORDS_DIR);
  // One KeyObject spares importing the raw key for each record; it lives only for this call.
  const key: KeyObject = createSecretKey(recordKey);
  let scratch = Buffer.allocUnsafe(64 * 1024);
  let sliceStart = performance.now();
  for (const entry of entries) {
    if (performance.now() - sliceStart > SLICE_MS) {
      await new Promise((resolve) => setImmediate(resolve));
      sliceStart = performance.now();
    }
    let bytes = entry.blob;
    if (!bytes) {
      try {
        if (scratch.length <= entry.size) scratch = Buffer.allocUnsafe(entry.size * 2);
        // At most size + 1 bytes: a longer file still shows as the wrong length.
        bytes = fs.readFileSync(`${recordsDir}/${entry.file}`, entry.size, scratch);
      } catch (error) {
        checked.unreadable.push({ entry, error });
        progressed();
        continue;
      }
    }
    const ok =
      bytes.length === entry.size &&
      sha256Hex(bytes) === entry.hash &&
      recordAuthentic(key, vaultId, entry, bytes);
    if (!ok) {
      // Diagnosis needs the whole file (an older revision may be longer), and `bytes` may be a
      // view of the scratch buffer, which the next read overwrites.
      try {
        checked.failed.push({
          entry,
          bytes: entry.blob ?? (await fs.readFile(`${recordsDir}/${entry.file}`)),
        });
      } catch (error) {
        checked.unreadable.push({ entry, error });
      }
    }
    progressed();
  }
  return checked;
}
