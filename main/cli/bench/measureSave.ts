/** The save benchmark: one durable note save in the vault, against a plain durable file write. */
import { close, fsync, open, rename, write } from 'node:fs';
import { join } from 'node:path';
import type { Note } from '../../../shared/domain/noteSchema';
import { kinds } from '../../services/RecordStore';
import { Vault } from '../../vault/Vault';
import type { BenchFixture } from './benchFixture';
import { percentile, since } from './stats';

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
}

export interface SaveResult {
  vault: Latency;
  plain: Latency;
  plainWithDirSync: Latency;
  saves: number;
  noteBytes: number;
}

const latency = (samples: number[]): Latency => ({
  p50: percentile(samples, 50),
  p95: percentile(samples, 95),
});

/**
 * Saves one note `saves` times through `vault.put` (as autosave does: no audit entry per save),
 * interleaved with plain durable writes of the same JSON bytes, so disk and cache conditions are
 * shared. A few warm-up rounds are not counted.
 */
export async function measureSaves(fixture: BenchFixture, saves: number): Promise<SaveResult> {
  const warmup = 5;
  const vaultMs: number[] = [];
  const plainMs: number[] = [];
  const dirSyncMs: number[] = [];
  const note: Note = structuredClone(fixture.sampleNote);
  const base = note.plan;
  let noteBytes = 0;
  const vault = await Vault.open(fixture.vaultDir, { recoveryKey: fixture.recoveryKey });
  try {
    for (let i = 0; i < saves + warmup; i++) {
      note.plan = `${base} (revision ${i})`;
      note.updatedAt = new Date(Date.parse(note.createdAt) + (i + 1) * 1000).toISOString();
      const bytes = Buffer.from(JSON.stringify(note), 'utf8');
      noteBytes = bytes.length;
      let start = performance.now();
      await vault.put(kinds.note, note.id, note);
      const v = since(start);
      start = performance.now();
      await durableWrite(fixture.plainDir, 'save-bench.json', bytes, false);
      const p = since(start);
      start = performance.now();
      await durableWrite(fixture.plainDir, 'save-bench-dirsync.json', bytes, true);
      const d = since(start);
      if (i >= warmup) {
        vaultMs.push(v);
        plainMs.push(p);
        dirSyncMs.push(d);
      }
    }
  } finally {
    await vault.lock();
  }
  return {
    vault: latency(vaultMs),
    plain: latency(plainMs),
    plainWithDirSync: latency(dirSyncMs),
    saves,
    noteBytes,
  };
}
