/** The load benchmark: opening the vault and reading every record, against plaintext files. */
import { closeSync, openSync, readFile, readSync } from 'node:fs';
import { join } from 'node:path';
import { inParallel } from '../../vault/dirs';
import { Vault } from '../../vault/Vault';
import { type BenchFixture, loadKinds } from './benchFixture';
import { since } from './stats';

export interface VaultLoad {
  /** Vault.open with the recovery key: no Argon2, only HKDF, so this is open without the KDF. */
  openMs: number;
  /** getAll of every kind: read, authenticate, decrypt and JSON.parse each record. */
  readMs: number;
  totalMs: number;
  records: number;
}

/**
 * Opens with the recovery key (which needs no slow KDF, so none is in the timing) and reads every
 * kind the app loads at unlock. Locking is not timed.
 */
export async function loadVault(fixture: BenchFixture): Promise<VaultLoad> {
  const start = performance.now();
  const vault = await Vault.open(fixture.vaultDir, { recoveryKey: fixture.recoveryKey });
  const openMs = since(start);
  let records = 0;
  let totalMs = 0;
  try {
    for (const kind of loadKinds) records += (await vault.getAll(kind)).length;
    totalMs = since(start);
  } finally {
    await vault.lock();
  }
  return { openMs, readMs: totalMs - openMs, totalMs, records };
}

export interface PlainLoad {
  totalMs: number;
  records: number;
}

/** How long the sync loop may hold the event loop before yielding: the vault's reader uses 8 ms. */
const SLICE_MS = 8;

/**
 * The fair baseline: reads and JSON.parses the plaintext copy of the same records exactly as the
 * vault's unlock path reads its files (recordReader.readMany): kind by kind, synchronously, each
 * file opened, read into one reused buffer (its size known in advance, as the manifest tells the
 * vault), closed, yielding to the event loop every few milliseconds.
 */
export async function loadPlainSync(fixture: BenchFixture): Promise<PlainLoad> {
  const start = performance.now();
  let records = 0;
  let scratch = Buffer.allocUnsafe(64 * 1024);
  let sliceStart = performance.now();
  for (const kind of loadKinds) {
    const names = fixture.plainFiles.get(kind) ?? [];
    const sizes = fixture.plainSizes.get(kind) ?? [];
    for (let i = 0; i < names.length; i++) {
      if (performance.now() - sliceStart > SLICE_MS) {
        await new Promise((resolve) => setImmediate(resolve));
        sliceStart = performance.now();
      }
      const size = sizes[i]!;
      if (scratch.length <= size) scratch = Buffer.allocUnsafe(size * 2);
      const fd = openSync(join(fixture.plainDir, names[i]!), 'r');
      let n = 0;
      try {
        // One byte more than expected, as the vault reads: a longer file shows as a longer read.
        const buffer = scratch.subarray(0, size + 1);
        while (n < buffer.length) {
          const got = readSync(fd, buffer, n, buffer.length - n, n);
          if (got === 0) break;
          n += got;
        }
      } finally {
        closeSync(fd);
      }
      JSON.parse(scratch.toString('utf8', 0, n));
      records++;
    }
  }
  return { totalMs: since(start), records };
}

/** Async reads with this many in flight: the old baseline, kept for comparison with earlier runs. */
const PARALLEL_READS = 32;

// The callback API (faster than fs/promises for small files).
const read = (path: string): Promise<Buffer> =>
  new Promise((resolve, reject) => readFile(path, (err, data) => (err ? reject(err) : resolve(data))));

/**
 * Reads and JSON.parses the same plaintext records with async reads, 32 at a time. Not how the
 * vault reads (it reads synchronously), and on this kind of machine about 3× the CPU of the sync
 * loop, so its ratio flatters the vault: printed beside the fair one, labelled, never alone.
 */
export async function loadPlainAsync(fixture: BenchFixture): Promise<PlainLoad> {
  const start = performance.now();
  let records = 0;
  for (const kind of loadKinds) {
    const names = fixture.plainFiles.get(kind) ?? [];
    const values = await inParallel(names, PARALLEL_READS, async (name) =>
      JSON.parse((await read(join(fixture.plainDir, name))).toString('utf8')),
    );
    records += values.length;
  }
  return { totalMs: since(start), records };
}
