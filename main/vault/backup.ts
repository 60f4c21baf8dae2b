import { join } from 'node:path';
import { atomicWriteFile, fsyncDir } from './atomicWrite';
import { AUDIT_FILE } from './auditLog';
import { ensureEmptyDir, inParallel } from './dirs';
import { HEADER_FILE, serializeHeader, type VaultHeader } from './header';
import { JOURNAL_FILE } from './journal';
import { MANIFEST_FILE } from './manifest';
import { RECORDS_DIR } from './recordCodec';
import type { VaultState } from './state';
import { writeNewFile } from './folderTree';
import type { VaultFs } from './vaultFs';

/** Creates `path` (it must not exist) with `data`, fsynced before it is closed. */
export const writeDurably = writeNewFile;

/**
 * Copies a vault that has just been checkpointed (journal empty, every record file current) to
 * `dest`. Only files the manifest lists are copied, and audit.bin only as far as the manifest
 * vouches for it. The header is written last, so an interrupted backup is not a vault and cannot
 * be mistaken for a good copy.
 */
export async function copyVault(
  fs: VaultFs,
  dir: string,
  dest: string,
  header: VaultHeader,
  state: VaultState,
  onProgress?: (done: number, total: number) => void,
): Promise<void> {
  await ensureEmptyDir(fs, dest);
  await fs.mkdir(join(dest, RECORDS_DIR), { mode: 0o700 });
  const files = [...state.records.values()].map((r) => r.file);
  const step = Math.max(1, Math.floor(files.length / 100));
  let done = 0;
  await inParallel(files, 8, async (file) => {
    const bytes = await fs.readFile(join(dir, RECORDS_DIR, file));
    await writeDurably(fs, join(dest, RECORDS_DIR, file), bytes);
    done++;
    if (onProgress && (done % step === 0 || done === files.length)) onProgress(done, files.length);
  });
  await fsyncDir(fs, join(dest, RECORDS_DIR));
  await writeDurably(fs, join(dest, MANIFEST_FILE), await fs.readFile(join(dir, MANIFEST_FILE)));
  const audit = await fs.readFile(join(dir, AUDIT_FILE));
  await writeDurably(fs, join(dest, AUDIT_FILE), audit.subarray(0, state.auditBytes));
  await writeDurably(fs, join(dest, JOURNAL_FILE), Buffer.alloc(0));
  await fsyncDir(fs, dest);
  await atomicWriteFile(fs, join(dest, HEADER_FILE), serializeHeader(header), { syncDir: true });
}
