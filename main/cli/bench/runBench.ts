/** Runs the vault benchmark (issue 3) on a temporary demo vault and returns the numbers. */
import { randomBytes } from 'node:crypto';
import { cpus, tmpdir } from 'node:os';
import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULT_KDF, deriveKek } from '../../vault/kdf';
import { Vault } from '../../vault/Vault';
import { buildFixture } from './benchFixture';
import { type BackupBench, measureBackup } from './measureBackup';
import { loadPlain, loadVault, type VaultLoad } from './measureLoad';
import { measureSaves, type SaveResult } from './measureSave';
import { measureRotation, type RotationBench } from './measureRotation';
import { MemorySampler } from './memorySampler';
import { median, since } from './stats';

export interface BenchOptions {
  notes: number;
  clients: number;
  /** Folder to make the temporary work folder in (default: the OS temp folder). */
  dir?: string;
  runs: number;
  saves: number;
  keep: boolean;
  log: (line: string) => void;
}

export interface BenchResults {
  at: string;
  machine: { node: string; platform: string; cpus: number; cpuModel: string };
  params: {
    notes: number;
    clients: number;
    records: number;
    avgNoteBytes: number;
    runs: number;
    saves: number;
  };
  kdf: { algorithm: 'argon2id'; memoryKiB: number; iterations: number; parallelism: number; ms: number };
  setup: { generateMs: number; writeMs: number };
  load: {
    ratio: number;
    vaultMs: number;
    plainMs: number;
    pairedRatio: number;
    vaultRuns: VaultLoad[];
    plainRuns: number[];
  };
  save: SaveResult & { ratioP50: number; ratioP95: number };
  unlock: { ms: number; runs: number[] };
  verify: { ms: number; ok: boolean; records: number; problems: number };
  /** Backups of the same vault: full, incremental after 10 changed notes, verify, restore. */
  backup: BackupBench;
  /** Key rotation of the same vault (run last: it changes the vault's keys). */
  rotation: RotationBench;
  /** Whole run (including generating the demo data), and while one vault load ran. */
  memory: { sampledPeakMiB: number; maxRssMiB: number; loadPeakMiB: number };
  workDir: string | null;
}

export async function runBench(options: BenchOptions): Promise<BenchResults> {
  const memory = new MemorySampler();
  memory.start();
  const root = await mkdtemp(join(options.dir ?? tmpdir(), 'attune-bench-'));
  try {
    const fixture = await buildFixture(root, options, options.log);

    // Load: one uncounted warm-up round (JIT, caches), then alternate which side goes first so
    // neither always meets the colder cache.
    await loadPlain(fixture);
    memory.startPhase();
    await loadVault(fixture);
    const loadPeakMiB = memory.endPhase();
    const vaultRuns: VaultLoad[] = [];
    const plainRuns: number[] = [];
    for (let run = 0; run < options.runs; run++) {
      const plainFirst = run % 2 === 0;
      if (plainFirst) plainRuns.push((await loadPlain(fixture)).totalMs);
      vaultRuns.push(await loadVault(fixture));
      if (!plainFirst) plainRuns.push((await loadPlain(fixture)).totalMs);
    }
    const vaultMs = median(vaultRuns.map((r) => r.totalMs));
    const plainMs = median(plainRuns);
    options.log(`Load: vault ${vaultMs.toFixed(0)} ms, plaintext ${plainMs.toFixed(0)} ms.`);

    // Unlock: the whole open with the passphrase, and the KDF alone with the same parameters.
    const unlockRuns: number[] = [];
    for (let run = 0; run < options.runs; run++) {
      const start = performance.now();
      const vault = await Vault.open(fixture.vaultDir, { passphrase: fixture.passphrase });
      unlockRuns.push(since(start));
      await vault.lock();
    }
    const kdfRuns: number[] = [];
    for (let run = 0; run < options.runs; run++) {
      const start = performance.now();
      (await deriveKek(fixture.passphrase, randomBytes(16), DEFAULT_KDF)).fill(0);
      kdfRuns.push(since(start));
    }

    const save = await measureSaves(fixture, options.saves);
    options.log(
      `Save: vault p50 ${save.vault.p50.toFixed(2)} ms, plain p50 ${save.plain.p50.toFixed(2)} ms.`,
    );

    const vault = await Vault.open(fixture.vaultDir, { recoveryKey: fixture.recoveryKey });
    let verify: BenchResults['verify'];
    try {
      const start = performance.now();
      const report = await vault.verify();
      verify = { ms: since(start), ok: report.ok, records: report.records, problems: report.problems.length };
    } finally {
      await vault.lock();
    }

    const backup = await measureBackup(fixture, root);
    options.log(
      `Backup: full ${backup.full.totalMs.toFixed(0)} ms, incremental ${backup.incremental.totalMs.toFixed(0)} ms.`,
    );

    const rotation = await measureRotation(fixture);
    options.log(`Key rotation: ${rotation.ms.toFixed(0)} ms for ${rotation.records} records.`);

    return {
      at: new Date().toISOString(),
      machine: {
        node: process.version,
        platform: `${process.platform}-${process.arch}`,
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model ?? 'unknown',
      },
      params: {
        notes: fixture.notes,
        clients: options.clients,
        records: fixture.records,
        avgNoteBytes: Math.round(fixture.avgNoteBytes),
        runs: options.runs,
        saves: options.saves,
      },
      kdf: { algorithm: 'argon2id', ...DEFAULT_KDF, ms: median(kdfRuns) },
      setup: { generateMs: fixture.generateMs, writeMs: fixture.writeMs },
      load: {
        ratio: vaultMs / plainMs,
        vaultMs,
        plainMs,
        // Each run's own ratio: less affected by other load on the machine drifting between runs.
        pairedRatio: median(vaultRuns.map((r, i) => r.totalMs / plainRuns[i]!)),
        vaultRuns,
        plainRuns,
      },
      save: { ...save, ratioP50: save.vault.p50 / save.plain.p50, ratioP95: save.vault.p95 / save.plain.p95 },
      unlock: { ms: median(unlockRuns), runs: unlockRuns },
      verify,
      backup,
      rotation,
      memory: { ...memory.stop(), loadPeakMiB },
      workDir: options.keep ? root : null,
    };
  } finally {
    memory.stop();
    if (!options.keep) await rm(root, { recursive: true, force: true });
  }
}
