import { join } from 'node:path';
import { atomicWriteFile, fsyncDir } from './atomicWrite';
import { AUDIT_FILE, encodeAuditFrame } from './auditLog';
import { inParallel } from './dirs';
import type { JournalWriter } from './journalWriter';
import type { VaultKeys } from './keys';
import { encodeManifest, MANIFEST_FILE } from './manifest';
import { RECORDS_DIR } from './recordCodec';
import type { VaultState } from './state';
import { isNotFound, type VaultFs } from './vaultFs';

export interface CheckpointContext {
  fs: VaultFs;
  dir: string;
  vaultId: Buffer;
  keys: VaultKeys;
  state: VaultState;
  journal: JournalWriter;
}

/**
 * Moves everything committed in the journal into the files it describes, then empties the
 * journal (FORMAT-v1.md, "Checkpoint"). Order matters; each step is safe to crash after:
 *  1. record files written (temp, fsync, rename) and deleted records' files removed, then one
 *     fsync of records/ — a crash here leaves files the journal will rewrite on the next open;
 *  2. audit entries appended to audit.bin from the length the old snapshot vouches for, fsynced;
 *  3. the new manifest snapshot written atomically — the checkpoint's commit point;
 *  4. the journal emptied — entries it still holds are at or below the snapshot and are skipped.
 * Memory is updated only after step 3, so a failure before it leaves the session as it was.
 */
export async function checkpoint(ctx: CheckpointContext): Promise<void> {
  const { fs, dir, vaultId, keys, state, journal } = ctx;
  if (state.entriesSinceSnapshot === 0) {
    if (journal.size > 0) await journal.reset();
    return;
  }
  const recordsDir = join(dir, RECORDS_DIR);
  const pending = state.pendingRecords();
  await inParallel(pending, 8, (r) =>
    atomicWriteFile(fs, join(recordsDir, r.file), r.blob!, { syncDir: false }),
  );
  for (const file of state.pendingDeletes.values()) {
    await fs.unlink(join(recordsDir, file)).catch((error: unknown) => {
      if (!isNotFound(error)) throw error;
    });
  }
  if (pending.length > 0 || state.pendingDeletes.size > 0) await fsyncDir(fs, recordsDir);

  let auditBytes = state.auditBytes;
  if (state.pendingAudit.length > 0) {
    const firstSeq = state.audit.seq - state.pendingAudit.length + 1;
    const frames = Buffer.concat(
      state.pendingAudit.map((text, i) => encodeAuditFrame(keys.audit, vaultId, firstSeq + i, text)),
    );
    const path = join(dir, AUDIT_FILE);
    const fd = await fs.open(path, 'r+').catch((error: unknown) => {
      // A missing audit log is reported by verify; recreate it so saving can go on.
      if (isNotFound(error)) return fs.open(path, 'w+', 0o600);
      throw error;
    });
    try {
      // Cut off what a checkpoint that never reached step 3 appended: those entries are
      // still in the journal and are written again here.
      await fs.ftruncate(fd, auditBytes);
      await fs.write(fd, frames, auditBytes);
      await fs.fdatasync(fd);
    } finally {
      await fs.close(fd);
    }
    auditBytes += frames.length;
  }

  const snapshot = encodeManifest(keys.manifest, vaultId, state.toSnapshot(auditBytes));
  await atomicWriteFile(fs, join(dir, MANIFEST_FILE), snapshot, { syncDir: true });
  state.markCheckpointed(auditBytes);
  await journal.reset();
}
