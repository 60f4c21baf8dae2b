import { type BenchRow, loadText } from './benchReport';
import type { SyncedBench } from './measureSynced';

/** Issue 11's targets for format 2. */
export const SYNCED_TARGETS = { loadRatio: 1.5, loadRatioGoal: 1.2, merge100Ms: 200 };

const ms = (value: number) => (value >= 100 ? `${value.toFixed(0)} ms` : `${value.toFixed(1)} ms`);
const pass = (ok: boolean): BenchRow['result'] => (ok ? 'pass' : 'FAIL');

export function syncedBenchRows(r: SyncedBench): BenchRow[] {
  const layout =
    r.layout === 'batched'
      ? 'frames of ≤ 64 KiB (as an upgrade writes), packed at lock'
      : 'one record per frame (as saves write), packed at lock';
  return [
    {
      metric: `format 2, ${r.records} records by ${r.devices} devices, ${layout}: load ratio vs the same frames in plaintext`,
      value: `${r.load.ratio.toFixed(2)}×`,
      target: `≤ ${SYNCED_TARGETS.loadRatio}× (goal ${SYNCED_TARGETS.loadRatioGoal}×)`,
      result: pass(r.load.ratio <= SYNCED_TARGETS.loadRatio),
      load: loadText(r.load.loadAverage),
    },
    {
      metric: `  vault: open without KDF, read ${r.segments} files (packs, and segments after them), ${r.frames} frames, merge, parse every record`,
      value: ms(r.load.vaultMs),
      target: '',
      result: 'info',
      load: loadText(r.load.loadAverage),
    },
    {
      metric:
        '  plaintext: the same frames unencrypted, same files, read whole, meta and values parsed and kept',
      value: ms(r.load.plainMs),
      target: '',
      result: 'info',
      load: loadText(r.load.loadAverage),
    },
    {
      metric: `  in CPU time of this process (vault ${ms(r.load.vaultCpuMs)}, plaintext ${ms(r.load.plainCpuMs)}): steadier than wall time on a busy machine`,
      value: `${r.load.cpuRatio.toFixed(2)}×`,
      target: '',
      result: 'info',
      load: loadText(r.load.loadAverage),
    },
    {
      metric: '  median of the per-run ratios',
      value: `${r.load.pairedRatio.toFixed(2)}×`,
      target: '',
      result: 'info',
      load: loadText(r.load.loadAverage),
    },
    {
      metric: `  unlock with the passphrase to the client list, beyond the KDF (KDF ${ms(r.clientList.kdfMs)})`,
      value: ms(r.clientList.beyondKdfMs),
      target: '',
      result: 'info',
      load: loadText(r.clientList.loadAverage),
    },
    {
      metric: '  merge 100 changes arriving from another device while unlocked (median)',
      value: ms(r.merge100.medianMs),
      target: `≤ ${SYNCED_TARGETS.merge100Ms} ms`,
      result: pass(r.merge100.medianMs <= SYNCED_TARGETS.merge100Ms),
      load: loadText(r.merge100.loadAverage),
    },
    {
      metric: `  logs on disk: segments ${(r.logs.segmentBytes / 1e6).toFixed(1)} MB, packs ${(r.logs.packBytes / 1e6).toFixed(1)} MB (the segments are kept beside their pack)`,
      value: `${((r.logs.packBytes / Math.max(1, r.logs.segmentBytes)) * 100).toFixed(0)} % more`,
      target: 'report',
      result: 'info',
    },
    {
      metric: '  padding (Padmé, 1 KiB minimum) and framing: share of the log read, on disk',
      value: `${r.padding.overheadPct.toFixed(1)} %`,
      target: 'report',
      result: 'info',
    },
  ];
}
