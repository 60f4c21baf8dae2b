/** The load benchmark: opening the vault and reading every record, against plaintext files. */
import { readFile } from 'node:fs';
import { join } from 'node:path';
import { inParallel } from '../../vault/dirs';
import { Vault } from '../../vault/Vault';
import { type BenchFixture, loadKinds } from './benchFixture';
import { since } from './stats';

/** Same parallelism as Vault.getAll, so the comparison is of the work, not of the scheduling. */
const PARALLEL_READS = 32;

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

// The callback API, as the vault's own file layer uses it (faster than fs/promises for small files).
const read = (path: string): Promise<Buffer> =>
  new Promise((resolve, reject) => readFile(path, (err, data) => (err ? reject(err) : resolve(data))));

/** Reads and JSON.parses the plaintext copy of the same records, kind by kind, 32 at a time. */
export async function loadPlain(fixture: BenchFixture): Promise<{ totalMs: number; records: number }> {
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
