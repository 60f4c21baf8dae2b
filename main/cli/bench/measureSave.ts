/** The save benchmark: one durable note save in the vault, against a plain durable file write. */
import { close, fsync, open, rename, statSync, write } from 'node:fs';
import { join } from 'node:path';
import type { Note } from '../../../shared/domain/noteSchema';
import { AttuneError } from '../../../shared/errors';
import { kinds } from '../../services/RecordStore';
import { MANIFEST_FILE } from '../../vault/manifest';
import { Vault } from '../../vault/Vault';
import type { BenchFixture } from './benchFixture';
import { loadAverage, percentile, since } from './stats';

const call = <T>(fn: (cb: (err: NodeJS.ErrnoException | null, value: T) => void) => void): Promise<T> =>
  new Promise((resolve, reject) => fn((err, value) => (err ? reject(err) : resolve(value))));

/** Write a temp file, fsync, close, rename over the target; with `syncDir`, fsync the folder too. */
async function durableWrite(dir: string, name: string, bytes: Buffer, syncDir: boolean): Promise<void> {
  const target = join(dir, name);
  const temp = `${target}.tmp`;
  const fd = await call<number>((cb) => open(temp, 'w', 0o600, cb));
  let done = 0;
  while (done < bytes.length) {
    done += await call<number>((cb) => write(fd, bytes, done, bytes.length - done, null, cb));
  }
  await call<void>((cb) => fsync(fd, (err) => cb(err, undefined)));
  await call<void>((cb) => close(fd, (err) => cb(err, undefined)));
  await call<void>((cb) => rename(temp, target, (err) => cb(err, undefined)));
  if (syncDir) {
    const dfd = await call<number>((cb) => open(dir, 'r', cb));
    await call<void>((cb) => fsync(dfd, (err) => cb(err, undefined)));
    await call<void>((cb) => close(dfd, (err) => cb(err, undefined)));
  }
}

export interface Latency {
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  max: number;
}

export interface SaveResult {
  /**
   * One save's whole cost to the vault: `put` plus the background work it set off (a checkpoint
   * after every 256th commit), i.e. how long the next save would wait at worst. The ratios use this.
   */
  vault: Latency;
  /** `put` alone, as the caller waits for it when no checkpoint is running. */
  vaultPut: Latency;
  plain: Latency;
  plainWithDirSync: Latency;
  saves: number;
  /** Checkpoints that ran inside the timed window (the manifest file was replaced). */
  checkpoints: number;
  /** The slowest timed saves (whole cost), slowest first: checkpoints show here. */
  slowestMs: number[];
  noteBytes: number;
  loadAverage: number[];
}

const latency = (samples: number[]): Latency => ({
  p50: percentile(samples, 50),
  p95: percentile(samples, 95),
  p99: percentile(samples, 99),
  mean: samples.reduce((sum, s) => sum + s, 0) / Math.max(1, samples.length),
  max: Math.max(...samples),
});

/** A record id that is never used: deleting it is a no-op that waits for the vault's queue. */
const NO_SUCH_NOTE = 'bench-queue-barrier';

/**
 * Waits until the vault has finished everything queued so far (a checkpoint a save set off runs in
 * the vault's queue after that save resolved). A delete of a record that does not exist commits
 * nothing: it only reaches the front of the queue and reports "not found".
 */
async function drain(vault: Vault): Promise<void> {
  try {
    await vault.delete(kinds.note, NO_SUCH_NOTE);
  } catch (error) {
    if (!(error instanceof AttuneError && error.kind === 'not-found')) throw error;
  }
}

/** The manifest file's identity: a checkpoint replaces it (temp file, rename), so it changes. */
function manifestStamp(vaultDir: string): string {
  const stat = statSync(join(vaultDir, MANIFEST_FILE), { bigint: true });
  return `${stat.ino}:${stat.mtimeNs}`;
}

/**
 * Saves one note `saves` times through `vault.put` (as autosave does: no audit entry per save),
 * interleaved with plain durable writes of the same JSON bytes, so disk and cache conditions are
 * shared. Each vault save is timed to its `put` resolving and, separately, to the vault's queue
 * being empty again, so a checkpoint counts against the save that set it off rather than running
 * under the plain writes. Use more than 256 saves (the checkpoint interval) for checkpoints to
 * show in the mean, p99 and max. A few warm-up rounds are not counted.
 */
export async function measureSaves(fixture: BenchFixture, saves: number): Promise<SaveResult> {
  const warmup = 5;
  const vaultMs: number[] = [];
  const putMs: number[] = [];
  const plainMs: number[] = [];
  const dirSyncMs: number[] = [];
  let checkpoints = 0;
  const note: Note = structuredClone(fixture.sampleNote);
  const base = note.plan;
  let noteBytes = 0;
  const vault = await Vault.open(fixture.vaultDir, { recoveryKey: fixture.recoveryKey });
  try {
    await drain(vault);
    for (let i = 0; i < saves + warmup; i++) {
      note.plan = `${base} (revision ${i})`;
      note.updatedAt = new Date(Date.parse(note.createdAt) + (i + 1) * 1000).toISOString();
      const bytes = Buffer.from(JSON.stringify(note), 'utf8');
      noteBytes = bytes.length;
      const stamp = manifestStamp(fixture.vaultDir);
      let start = performance.now();
      await vault.put(kinds.note, note.id, note);
      const put = since(start);
      await drain(vault);
      const v = since(start);
      const checkpointed = manifestStamp(fixture.vaultDir) !== stamp;
      start = performance.now();
      await durableWrite(fixture.plainDir, 'save-bench.json', bytes, false);
      const p = since(start);
      start = performance.now();
      await durableWrite(fixture.plainDir, 'save-bench-dirsync.json', bytes, true);
      const d = since(start);
      if (i >= warmup) {
        vaultMs.push(v);
        putMs.push(put);
        plainMs.push(p);
        dirSyncMs.push(d);
        if (checkpointed) checkpoints++;
      }
    }
  } finally {
    await vault.lock();
  }
  return {
    vault: latency(vaultMs),
    vaultPut: latency(putMs),
    plain: latency(plainMs),
    plainWithDirSync: latency(dirSyncMs),
    saves,
    checkpoints,
    slowestMs: [...vaultMs].sort((a, b) => b - a).slice(0, 5),
    noteBytes,
    // Taken at the end: the 1-minute figure covers the timed saves.
    loadAverage: loadAverage(),
  };
}
