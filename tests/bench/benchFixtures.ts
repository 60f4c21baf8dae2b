import { cp, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoMeasures } from '../../main/services/demo/demoMeasures';
import { demoPlans } from '../../main/services/demo/demoPlans';
import { DEMO_CLINICIAN, generateDemo } from '../../main/services/demo/generateDemo';
import { writeDemo } from '../../main/services/demo/writeDemo';
import { createServices } from '../../main/services/createServices';
import { DeviceConfigStore } from '../../main/services/device/DeviceConfigStore';
import { LOCAL_INDEX_DIR } from '../../main/services/device/localViewCache';
import { ThisDevice } from '../../main/services/device/ThisDevice';
import { VaultSession } from '../../main/services/VaultSession';
import { SyncedOpenVault } from '../../main/vault/v2/SyncedOpenVault';
import { SyncedVault } from '../../main/vault/v2/SyncedVault';
import { test as harness } from '../e2e/harness';
import { passphrase } from '../e2e/steps';

/** The two vaults the benchmark runs on: the caseload, and one long-running client. */
export const benchVaultSizes = {
  /** 200 clients × 50 sessions: the 10,000-note demo vault of issues 4 and 5. */
  caseload: {
    clients: Number(process.env.ATTUNE_BENCH_CLIENTS ?? 200),
    sessionsPerClient: Number(process.env.ATTUNE_BENCH_SESSIONS ?? 50),
    seed: 2025,
  },
  /** One client with 500 sessions (and outcome measures), for the client page and its charts. */
  longClient: { clients: 1, sessionsPerClient: 500, seed: 500 },
} as const;

export type BenchVaultName = keyof typeof benchVaultSizes;

export interface SeededVault {
  /**
   * A data folder: `vault/` (locked) and this computer's settings beside it, as the app keeps
   * them; copied whole for each test (the copy is the same computer), never used directly.
   */
  root: string;
  notes: number;
  clients: Array<{ id: string; code: string; status: 'active' | 'closed' }>;
  seedMs: number;
}

/**
 * Seeds a demo vault in format 2 (the app's format) as the computer whose data folder is `root`,
 * with the real default KDF (no test parameters: unlocking it costs what it costs the user).
 * Records go in big commits, as `attune demo` writes them.
 */
async function seedVault(name: BenchVaultName, root: string): Promise<SeededVault> {
  const start = performance.now();
  const data = generateDemo(benchVaultSizes[name]);
  await mkdir(root, { recursive: true });
  const device = await new ThisDevice(new DeviceConfigStore(root)).identity();
  const created = await SyncedVault.create(join(root, 'vault'), passphrase, { device, heartbeatMs: 0 });
  const vault = new SyncedOpenVault(created.vault);
  try {
    await writeDemo(vault, data, { batchSize: 2000 });
    // Treatment plans as `attune demo` writes them (issue 15): Today's "Plan reviews due" and the
    // Treatment tab are then timed over a caseload that has them.
    const plans = demoPlans(data.clients, data.sessions, DEMO_CLINICIAN);
    if (plans.length > 0) {
      await vault.putMany(
        plans.map((value) => ({ kind: 'treatment-plan', id: value.id, value })),
        { type: 'import', detail: { format: 'demo', what: 'treatment plans' } },
      );
    }
    // The long client's page is measured with its outcome measures (issue 14: an outcome rating
    // at each attended session, a PHQ-9 every fourth), which its Patterns tab charts.
    if (name === 'longClient') {
      const measures = demoMeasures(data.sessions).map((value) => ({ kind: 'measure', id: value.id, value }));
      await vault.putMany(measures, { type: 'import', detail: { format: 'demo', what: 'measures' } });
    }
  } finally {
    await vault.lock();
  }
  await keepLocalViews(root);
  return {
    root,
    notes: data.notes.length,
    clients: data.clients.map(({ id, code, status }) => ({ id, code, status })),
    seedMs: performance.now() - start,
  };
}

/**
 * Unlocks the seeded vault once as the app does after unlock (Today's slice, every summary, the
 * search's scan), so
 * its data folder holds the local views an unlock leaves behind (FORMAT.md §17): each run then
 * opens the vault as a therapist does every day after the first. The first unlock on a computer,
 * without them, is timed on its own (ui.bench.ts).
 */
async function keepLocalViews(root: string): Promise<void> {
  const session = new VaultSession(join(root, 'vault'), () => undefined, 1500, { refresh: { everyMs: 0 } });
  const services = createServices(session, { keepViewsAfterMs: 0 });
  await session.unlock({ passphrase });
  try {
    await services.index.today(new Date());
    await services.index.noteSummaries();
    await services.search.warmUp();
    const dir = join(root, LOCAL_INDEX_DIR);
    // note-facts, note-summaries and the search's note-scan.
    for (let waited = 0; (await readdir(dir).catch(() => [])).length < 3; waited += 100) {
      if (waited > 60_000) throw new Error('The local views were not written within a minute.');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    await session.lock('quit');
  }
}

interface BenchWorkerFixtures {
  seeded: Record<BenchVaultName, SeededVault>;
}

interface BenchTestFixtures {
  /** Which seeded vault this test's data folder is a copy of. */
  benchVault: BenchVaultName;
  /** The seeded vault behind this test's copy. */
  vaultInfo: SeededVault;
}

/**
 * The e2e harness (real router and services, built renderer) over a copy of a vault seeded once
 * per worker, so every test starts from the same untouched, locked vault.
 */
export const test = harness.extend<BenchTestFixtures, BenchWorkerFixtures>({
  seeded: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright's fixture signature needs the destructuring.
    async ({}, use) => {
      const base = await mkdtemp(join(tmpdir(), 'attune-bench-'));
      try {
        const caseload = await seedVault('caseload', join(base, 'caseload'));
        const longClient = await seedVault('longClient', join(base, 'long-client'));
        console.log(
          `Seeded ${caseload.notes} notes in ${(caseload.seedMs / 1000).toFixed(1)} s and ` +
            `${longClient.notes} in ${(longClient.seedMs / 1000).toFixed(1)} s.`,
        );
        await use({ caseload, longClient });
      } finally {
        await rm(base, { recursive: true, force: true });
      }
    },
    { scope: 'worker', timeout: 30 * 60_000 },
  ],
  benchVault: ['caseload', { option: true }],
  vaultInfo: async ({ seeded, benchVault }, use) => {
    await use(seeded[benchVault]);
  },
  dataDir: async ({ vaultInfo }, use) => {
    const dir = await mkdtemp(join(tmpdir(), 'attune-bench-run-'));
    // The vault and this computer's settings: the app opens it as the computer that wrote it.
    await cp(vaultInfo.root, dir, { recursive: true });
    await use(dir);
    await rm(dir, { recursive: true, force: true });
  },
});

export { expect } from '../e2e/harness';
