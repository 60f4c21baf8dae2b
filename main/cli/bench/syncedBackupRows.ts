import { type BenchRow, loadText } from './benchReport';
import type { SyncedBackupBench, SyncedBackupRun } from './measureSyncedBackup';

/** Issue 10's target for an incremental backup after 10 changed notes, on the 10,000-note vault. */
export const SYNCED_BACKUP_TARGETS = { incrementalMs: 1000, incrementalOfFull: 0.05 };

const ms = (value: number) => (value >= 100 ? `${value.toFixed(0)} ms` : `${value.toFixed(1)} ms`);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;

function detail(r: SyncedBackupRun): string {
  return `${r.verified} check; write ${ms(r.writeMs)}, verify ${ms(r.verifyMs)}, prune ${ms(r.pruneMs)}; ${r.copiedFiles} files copied (${mb(r.bytesCopied)}), ${r.linkedFiles} linked`;
}

export function syncedBackupRows(b: SyncedBackupBench): BenchRow[] {
  const rows: BenchRow[] = [
    {
      metric: `format 2, ${b.records} records by 3 devices (${b.files} files): first full backup (${detail(b.full)})`,
      value: ms(b.full.totalMs),
      target: '',
      result: b.full.ok ? 'info' : 'FAIL',
      load: loadText(b.full.loadAverage),
    },
  ];
  for (const [label, r] of [
    ['incremental backup', b.incremental],
    ['  again an hour later', b.incrementalAgain],
  ] as const) {
    const ratio = r.totalMs / b.full.totalMs;
    const ok =
      r.ok &&
      r.totalMs <= SYNCED_BACKUP_TARGETS.incrementalMs &&
      ratio <= SYNCED_BACKUP_TARGETS.incrementalOfFull;
    rows.push({
      metric: `format 2: ${label} after ${b.changedNotes} changed notes (${detail(r)}); ${(ratio * 100).toFixed(1)} % of the full one`,
      value: ms(r.totalMs),
      target: `≤ ${SYNCED_BACKUP_TARGETS.incrementalMs} ms and ≤ ${SYNCED_BACKUP_TARGETS.incrementalOfFull * 100} % of full`,
      result: ok ? 'pass' : 'FAIL',
      load: loadText(r.loadAverage),
    });
  }
  rows.push(
    {
      metric: `format 2: list ${b.list.generations} backup generations with counts (one Argon2, each generation's sealed summary)`,
      value: ms(b.list.ms),
      target: '',
      result: 'info',
      load: loadText(b.list.loadAverage),
    },
    {
      metric: `format 2: the same listing without summaries (${b.listMerged.generations} generations, every log merged, as before summaries)`,
      value: ms(b.listMerged.ms),
      target: '',
      result: 'info',
      load: loadText(b.listMerged.loadAverage),
    },
    {
      metric: 'format 2: attune verify of a backup generation (recovery key)',
      value: ms(b.verify.ms),
      target: '',
      result: b.verify.ok ? 'info' : 'FAIL',
      load: loadText(b.verify.loadAverage),
    },
    {
      metric: 'format 2: restore a generation (check, copy, check the copy; one Argon2)',
      value: ms(b.restore.ms),
      target: '',
      result: b.restore.ok ? 'info' : 'FAIL',
      load: loadText(b.restore.loadAverage),
    },
  );
  return rows;
}
