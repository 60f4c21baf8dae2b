/** The backup benchmark (issue 10): full and incremental backups, verify of a backup, restore. */
import { mkdir } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { kinds } from '../../services/RecordStore';
import { type BackupResult, backupSetDir, restoreGeneration } from '../../vault/backupSet';
import { Vault } from '../../vault/Vault';
import { verifyVault } from '../../vault/verifyVault';
import type { BenchFixture } from './benchFixture';
import { since } from './stats';

export interface BackupRun {
  /** backupTo from call to return: checkpoint, write (copy and link), verify, prune, audit entry. */
  totalMs: number;
  writeMs: number;
  verifyMs: number;
  pruneMs: number;
  copiedFiles: number;
  linkedFiles: number;
  bytesCopied: number;
  verified: boolean;
}

export interface BackupBench {
  records: number;
  full: BackupRun;
  /** After `changedNotes` notes were saved again, right after the full backup. */
  incremental: BackupRun;
  /** The same again an hour later (the disk no longer busy with the full backup's writes). */
  incrementalAgain: BackupRun;
  changedNotes: number;
  /** `attune verify` of the incremental generation (recovery key, so no Argon2). */
  verify: { ms: number; ok: boolean };
  /** restoreGeneration of the incremental generation: verify it, copy, verify the copy (includes one Argon2 run). */
  restore: { ms: number; ok: boolean };
  /** The 1, 5 and 15 minute load averages when the backup benchmark started (2 cores shared). */
  loadAverage: number[];
}

const run = (result: BackupResult, totalMs: number): BackupRun => ({
  totalMs,
  writeMs: result.phases.writeMs,
  verifyMs: result.phases.verifyMs,
  pruneMs: result.phases.pruneMs,
  copiedFiles: result.copiedFiles,
  linkedFiles: result.linkedFiles,
  bytesCopied: result.bytesCopied,
  verified: result.verify.ok,
});

/**
 * Backs the bench vault up into a folder beside it (same file system, so unchanged records are
 * hard-linked), changes `changedNotes` notes and backs up again, twice, then verifies and
 * restores the last generation.
 */
export async function measureBackup(
  fixture: BenchFixture,
  root: string,
  changedNotes = 10,
): Promise<BackupBench> {
  const loadAverage = loadavg().map((n) => Math.round(n * 100) / 100);
  const folder = join(root, 'backups');
  await mkdir(folder, { mode: 0o700 });
  const vault = await Vault.open(fixture.vaultDir, { recoveryKey: fixture.recoveryKey });
  let full: BackupRun;
  let incremental: BackupRun;
  let incrementalAgain: BackupRun;
  let generation: string;
  try {
    const t0 = new Date();
    let start = performance.now();
    full = run(await vault.backupTo(folder, { now: t0 }), since(start));

    const notes = await vault.getAll<Record<string, unknown>>(kinds.note);
    const incrementals: BackupRun[] = [];
    generation = '';
    for (const round of [1, 2]) {
      for (const note of notes.slice((round - 1) * changedNotes, round * changedNotes)) {
        await vault.put(kinds.note, note.id, { ...note.value, plan: `${String(note.value.plan)} (changed)` });
      }
      start = performance.now();
      const result = await vault.backupTo(folder, { now: new Date(t0.getTime() + round * 3_600_000) });
      incrementals.push(run(result, since(start)));
      generation = result.generation;
    }
    [incremental, incrementalAgain] = incrementals as [BackupRun, BackupRun];
  } finally {
    await vault.lock();
  }

  const generationDir = join(backupSetDir(folder, vault.id), generation);
  let start = performance.now();
  const report = await verifyVault(generationDir, { recoveryKey: fixture.recoveryKey });
  const verify = { ms: since(start), ok: report.ok };

  start = performance.now();
  const restored = await restoreGeneration(
    folder,
    vault.id,
    generation,
    fixture.passphrase,
    join(root, 'restored'),
  );
  const restore = { ms: since(start), ok: restored.verify.ok };
  return {
    records: report.records,
    full,
    incremental,
    incrementalAgain,
    changedNotes,
    verify,
    restore,
    loadAverage,
  };
}
