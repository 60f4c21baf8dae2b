/**
 * The format-2 backup benchmark (issues 10 and 11): on the 10,000-note vault written by three
 * devices, a first full backup, then an incremental one after 10 changed notes, twice (real
 * 8 MiB segments, fsync on); then hourly backups of one changed note each up to LISTED generations;
 * listing them (from each generation's sealed summary, and again by merging every generation's
 * logs, as listing did before summaries), `attune verify` of one, and a restore.
 */
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kinds } from '../../services/RecordStore';
import {
  type BackupResult,
  backupSetDir,
  listBackupGenerations,
  restoreGeneration,
} from '../../vault/backupSet';
import { SUMMARY_FILE } from '../../vault/v2/backupSummary';
import { SyncedVault } from '../../vault/v2/SyncedVault';
import { verifyVault } from '../../vault/verifyVault';
import { DEVICES, writeSyncedBenchVault } from './measureSynced';
import { loadAverage, since } from './stats';

export interface SyncedBackupRun {
  /** backupTo from call to return: write (copy and link), verify, prune, audit entry. */
  totalMs: number;
  writeMs: number;
  verifyMs: number;
  pruneMs: number;
  copiedFiles: number;
  linkedFiles: number;
  bytesCopied: number;
  verified: 'full' | 'changed-files';
  ok: boolean;
  loadAverage: number[];
}

export interface SyncedBackupBench {
  records: number;
  /** Files in a generation: log segments, key, seen and presence files, the marker. */
  files: number;
  changedNotes: number;
  full: SyncedBackupRun;
  /** After `changedNotes` notes were saved again, right after the full backup. */
  incremental: SyncedBackupRun;
  /** The same again an hour later. */
  incrementalAgain: SyncedBackupRun;
  /** listBackupGenerations over LISTED generations: one Argon2 run, each generation's sealed summary. */
  list: { ms: number; generations: number; loadAverage: number[] };
  /** The same listing with the summaries removed: every generation's logs merged (as before summaries). */
  listMerged: { ms: number; generations: number; loadAverage: number[] };
  /** `attune verify` of the last generation (recovery key, so no Argon2). */
  verify: { ms: number; ok: boolean; loadAverage: number[] };
  /** restoreGeneration of the last generation: full check, copy, check of the copy (one Argon2 run). */
  restore: { ms: number; ok: boolean; loadAverage: number[] };
}

/** Generations listed: a day of hourly backups, as the restore screen would find them. */
const LISTED = 24;

const run = (result: BackupResult, totalMs: number): SyncedBackupRun => ({
  totalMs,
  writeMs: result.phases.writeMs,
  verifyMs: result.phases.verifyMs,
  pruneMs: result.phases.pruneMs,
  copiedFiles: result.copiedFiles,
  linkedFiles: result.linkedFiles,
  bytesCopied: result.bytesCopied,
  verified: result.verified,
  ok: result.verify.ok,
  loadAverage: loadAverage(),
});

export async function measureSyncedBackup(options: {
  notes: number;
  clients: number;
  dir?: string;
  changedNotes?: number;
  log: (line: string) => void;
}): Promise<SyncedBackupBench> {
  const work = await mkdtemp(join(options.dir ?? tmpdir(), 'attune-bench-v2-backup-'));
  try {
    return await measure(work, options);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

async function measure(
  work: string,
  options: { notes: number; clients: number; changedNotes?: number; log: (line: string) => void },
): Promise<SyncedBackupBench> {
  const changedNotes = options.changedNotes ?? 10;
  const dir = join(work, 'vault');
  let start = performance.now();
  const written = await writeSyncedBenchVault(dir, { ...options, layout: 'batched' });
  options.log(
    `Wrote ${written.items} records across ${DEVICES.length} devices in ${(since(start) / 1000).toFixed(1)} s.`,
  );
  const folder = join(work, 'backups');
  await mkdir(folder, { mode: 0o700 });
  // The measured device: real fsync, the real 8 MiB segments.
  const vault = await SyncedVault.open(
    dir,
    { recoveryKey: written.recoveryKey },
    { device: { hex: DEVICES[0]!, name: 'Office' }, heartbeatMs: 0 },
  );
  let full: SyncedBackupRun;
  const incrementals: SyncedBackupRun[] = [];
  let generation = '';
  try {
    const t0 = new Date();
    start = performance.now();
    const first = await vault.backupTo(folder, { now: t0 });
    full = run(first, since(start));
    generation = first.generation;
    const notes = written.data.notes.map((n) => n.id);
    for (const round of [1, 2]) {
      for (const id of notes.slice((round - 1) * changedNotes, round * changedNotes)) {
        const note = await vault.get<Record<string, unknown>>(kinds.note, id);
        await vault.put(kinds.note, id, { ...note, plan: `${String(note.plan)} (changed)` });
      }
      start = performance.now();
      const result = await vault.backupTo(folder, { now: new Date(t0.getTime() + round * 3_600_000) });
      incrementals.push(run(result, since(start)));
      generation = result.generation;
    }
    for (let round = 3; round < LISTED; round++) {
      const id = notes[(round * changedNotes) % notes.length]!;
      const note = await vault.get<Record<string, unknown>>(kinds.note, id);
      await vault.put(kinds.note, id, { ...note, plan: `${String(note.plan)} (changed)` });
      generation = (await vault.backupTo(folder, { now: new Date(t0.getTime() + round * 3_600_000) }))
        .generation;
    }
  } finally {
    await vault.lock();
  }
  const [incremental, incrementalAgain] = incrementals as [SyncedBackupRun, SyncedBackupRun];
  const generationDir = join(backupSetDir(folder, vault.vaultHex), generation);

  start = performance.now();
  const listed = await listBackupGenerations(folder, written.passphrase);
  const list = {
    ms: since(start),
    generations: listed.reduce((n, s) => n + s.generations.length, 0),
    loadAverage: loadAverage(),
  };
  const setDir = backupSetDir(folder, vault.vaultHex);
  for (const name of await readdir(setDir))
    if (/^\d{4}-/.test(name)) await rm(join(setDir, name, SUMMARY_FILE), { force: true });
  start = performance.now();
  const merged = await listBackupGenerations(folder, written.passphrase);
  const listMerged = {
    ms: since(start),
    generations: merged.reduce((n, s) => n + s.generations.length, 0),
    loadAverage: loadAverage(),
  };
  start = performance.now();
  const report = await verifyVault(generationDir, { recoveryKey: written.recoveryKey });
  const verify = { ms: since(start), ok: report.ok, loadAverage: loadAverage() };
  start = performance.now();
  const restored = await restoreGeneration(
    folder,
    vault.vaultHex,
    generation,
    written.passphrase,
    join(work, 'restored'),
  );
  const restore = { ms: since(start), ok: restored.verify.ok, loadAverage: loadAverage() };
  return {
    records: report.records,
    files: full.copiedFiles + full.linkedFiles,
    changedNotes,
    full,
    incremental,
    incrementalAgain,
    list,
    listMerged,
    verify,
    restore,
  };
}
