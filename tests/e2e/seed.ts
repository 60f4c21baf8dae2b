import { join } from 'node:path';
import { generateDemo } from '../../main/services/demo/generateDemo';
import { writeDemo } from '../../main/services/demo/writeDemo';
import { Vault } from '../../main/vault/Vault';
import { summarizeNote } from '../../shared/summaries/noteSummary';
import { passphrase } from './steps';

/** A vault in `<dataDir>/vault` filled with deterministic demo data, locked again; returns what was written. */
export async function seedDemoVault(
  dataDir: string,
  options: { clients: number; sessionsPerClient: number; seed: number },
) {
  const data = generateDemo(options);
  // Small KDF parameters keep the test quick; the app reads them from the header like any others.
  const { vault } = await Vault.create(join(dataDir, 'vault'), passphrase, {
    kdf: { memoryKiB: 8192, iterations: 1, parallelism: 1 },
  });
  await writeDemo(vault, data);
  await vault.lock();
  return { ...data, summaries: data.notes.map(summarizeNote) };
}
