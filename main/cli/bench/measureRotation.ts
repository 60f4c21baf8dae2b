import { rm } from 'node:fs/promises';
import { rotateVaultKey } from '../../vault/rotateVaultKey';
import { Vault } from '../../vault/Vault';
import type { BenchFixture } from './benchFixture';
import { loadAverage, since } from './stats';

export interface RotationBench {
  /** The whole rotation: unlock (1 KDF run), re-encrypt, write, verify the copy, switch folders. */
  ms: number;
  /** The re-encryption part (first to last progress report). */
  reencryptMs: number;
  records: number;
  /** The rotated vault opens with the passphrase and verifies. */
  ok: boolean;
  loadAverage: number[];
}

/**
 * Rotates the demo vault's key once (issue 10). Run last: the fixture's recovery key no longer
 * opens the vault afterwards. The folder kept aside is removed, as the user would.
 */
export async function measureRotation(fixture: BenchFixture): Promise<RotationBench> {
  let first = 0;
  let last = 0;
  let records = 0;
  const start = performance.now();
  const { keptAside } = await rotateVaultKey(fixture.vaultDir, fixture.passphrase, {
    onProgress: (done, total) => {
      if (done === 0) first = performance.now();
      last = performance.now();
      records = total;
    },
  });
  const ms = since(start);
  const atEnd = loadAverage();
  await rm(keptAside, { recursive: true, force: true });
  const vault = await Vault.open(fixture.vaultDir, { passphrase: fixture.passphrase });
  let ok: boolean;
  try {
    ok = (await vault.verify()).ok;
  } finally {
    await vault.lock();
  }
  return { ms, reencryptMs: last - first, records, ok, loadAverage: atEnd };
}
