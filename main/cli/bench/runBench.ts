/** Runs the vault benchmark (issue 3) on a temporary demo vault and returns the numbers. */
import { randomBytes } from 'node:crypto';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { DEFAULT_KDF, deriveKek } from '../../vault/kdf';
import { Vault } from '../../vault/Vault';
import {
  BENCH_RECORDS_PER_SAVE,
  type BenchFixture,
  benchDemoData,
  buildFixture,
  writeFormat2Vault,
} from './benchFixture';
import { type Fts5Reference, measureFts5 } from './fts5Reference';
import { type BackupBench, measureBackup } from './measureBackup';
import { type DiagnosisSearchBench, measureDiagnosisSearch } from './measureDiagnosisSearch';
import { type FreshMemoryBench, measureFreshMemory, memoryProbeCommand } from './measureFreshMemory';
import { loadPlainAsync, loadPlainSync, loadVault, type VaultLoad } from './measureLoad';
import { measureRotation, type RotationBench } from './measureRotation';
import { measureSaves, type SaveResult } from './measureSave';
import { measureSearch, type SearchBench, searchQueries as searchQueriesFrom } from './measureSearch';
import { MemorySampler } from './memorySampler';
import { loadAverage, median, since } from './stats';

export interface BenchOptions {
  notes: number;
  clients: number;
  /** Folder to make the temporary work folder in (default: the OS temp folder). */
  dir?: string;
  runs: number;
  saves: number;
  keep: boolean;
  log: (line: string) => void;
  /** The arguments that make `attune` run the memory probe in a child (benchCommand's hidden command). */
  memoryProbeArgs: readonly string[];
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
    /** Vault time over the fair baseline's (plaintext read the way the vault reads: a sync loop). */
    ratio: number;
    vaultMs: number;
    /** The same files read and parsed in a sync loop, as recordReader.readMany reads. */
    plainMs: number;
    pairedRatio: number;
    /** The old baseline (async reads, 32 in flight): about 3× the CPU of the sync loop here. */
    plainAsyncMs: number;
    ratioAsync: number;
    pairedRatioAsync: number;
    vaultRuns: VaultLoad[];
    plainRuns: number[];
    plainAsyncRuns: number[];
    /** Every side is read once before the timed rounds, so all meet a warm page cache. */
    pageCache: 'warm';
    loadAverage: number[];
  };
  /** Our search (scan, then the index thread) on the demo vault's notes. */
  search: SearchBench;
  /** The reference search engine on the same notes and the same queries (SQLite FTS5). */
  searchReference: Fts5Reference;
  /** The ICD-10-CM code search of the diagnoses panel (issue 15), on the shipped codes. */
  diagnosisSearch: DiagnosisSearchBench;
  save: SaveResult & { ratioP50: number; ratioP95: number };
  unlock: { ms: number; runs: number[]; loadAverage: number[] };
  verify: { ms: number; ok: boolean; records: number; problems: number; loadAverage: number[] };
  /** Backups of the same vault: full, incremental after 10 changed notes, verify, restore. */
  backup: BackupBench;
  /** Key rotation of the same vault (run last: it changes the vault's keys). */
  rotation: RotationBench;
  /** This process, whole run (including generating the demo data), and while one vault load ran. */
  memory: { sampledPeakMiB: number; maxRssMiB: number; loadPeakMiB: number };
  /** The app's main process at unlock, each unlock in a fresh process (issue 12); null when run in-process (tests). */
  freshMemory: FreshMemoryBench | null;
  /**
   * The same on the same records saved one per change and packed at lock, as a therapist's saves
   * leave a vault (the vault above is saved BENCH_RECORDS_PER_SAVE records per change); null with freshMemory.
   */
  freshMemoryOnePerSave: FreshMemoryBench | null;
  workDir: string | null;
}

export async function runBench(options: BenchOptions): Promise<BenchResults> {
  const memory = new MemorySampler();
  memory.start();
  const root = await mkdtemp(join(options.dir ?? tmpdir(), 'attune-bench-'));
  try {
    const fixture = await buildFixture(root, options, options.log);

    // Load: one uncounted warm-up round of every side (JIT, and the page cache warm for all),
    // then rounds in which the order of the sides rotates, so none always goes first or last.
    await loadPlainSync(fixture);
    await loadPlainAsync(fixture);
    memory.startPhase();
    await loadVault(fixture);
    const loadPeakMiB = memory.endPhase();
    const vaultRuns: VaultLoad[] = [];
    const plainRuns: number[] = [];
    const plainAsyncRuns: number[] = [];
    const sides = [
      async () => void vaultRuns.push(await loadVault(fixture)),
      async () => void plainRuns.push((await loadPlainSync(fixture)).totalMs),
      async () => void plainAsyncRuns.push((await loadPlainAsync(fixture)).totalMs),
    ];
    for (let run = 0; run < options.runs; run++) {
      for (let k = 0; k < sides.length; k++) await sides[(run + k) % sides.length]!();
    }
    const loadLoadAverage = loadAverage();
    const vaultMs = median(vaultRuns.map((r) => r.totalMs));
    const plainMs = median(plainRuns);
    const plainAsyncMs = median(plainAsyncRuns);
    options.log(
      `Load: vault ${vaultMs.toFixed(0)} ms, plaintext sync loop ${plainMs.toFixed(0)} ms, plaintext async ×32 ${plainAsyncMs.toFixed(0)} ms.`,
    );

    // A copy of the format-2 vault's data folder as it was written, for the fresh processes'
    // unlocks: the search benchmark's unlock keeps local copies of the views in its own.
    const memoryDataDir = join(root, 'memory');
    await cp(dirname(fixture.format2VaultDir), memoryDataDir, { recursive: true });

    // Search: ours, then the reference engine on the same notes with the same queries.
    const search = await measureSearch(fixture, options.log);
    const searchReference = await measureFts5(fixture, 2, searchQueriesFrom(fixture.sampleNote));
    options.log(
      `Search reference (${searchReference.engine}): first query ${searchReference.firstQueryMs.toFixed(1)} ms, p50 ${searchReference.warm.p50.toFixed(1)} ms.`,
    );

    const probe = memoryProbeCommand(options.memoryProbeArgs);
    const freshMemory = probe
      ? await measureFreshMemory(probe, memoryProbeInput(memoryDataDir, fixture), options.log)
      : null;
    let freshMemoryOnePerSave: FreshMemoryBench | null = null;
    if (probe) {
      const onePerSaveDir = join(root, 'memory-one-per-save');
      await writeFormat2Vault(onePerSaveDir, fixture.passphrase, benchDemoData(options), 1);
      options.log('Wrote the same records again, one per save, packed at lock.');
      freshMemoryOnePerSave = await measureFreshMemory(
        probe,
        memoryProbeInput(onePerSaveDir, fixture),
        options.log,
      );
    }

    const diagnosisSearch = measureDiagnosisSearch();
    options.log(
      `Diagnosis search (${diagnosisSearch.codes} codes): p50 ${diagnosisSearch.p50.toFixed(2)} ms, p95 ${diagnosisSearch.p95.toFixed(2)} ms over ${diagnosisSearch.samples} queries.`,
    );

    // Unlock: the whole open with the passphrase, and the KDF alone with the same parameters.
    const unlockRuns: number[] = [];
    for (let run = 0; run < options.runs; run++) {
      const start = performance.now();
      const vault = await Vault.open(fixture.vaultDir, { passphrase: fixture.passphrase });
      unlockRuns.push(since(start));
      await vault.lock();
    }
    const unlockLoadAverage = loadAverage();
    const kdfRuns: number[] = [];
    for (let run = 0; run < options.runs; run++) {
      const start = performance.now();
      (await deriveKek(fixture.passphrase, randomBytes(16), DEFAULT_KDF)).fill(0);
      kdfRuns.push(since(start));
    }

    const save = await measureSaves(fixture, options.saves);
    options.log(
      `Save: vault p50 ${save.vault.p50.toFixed(2)} ms, mean ${save.vault.mean.toFixed(2)} ms, max ${save.vault.max.toFixed(0)} ms (${save.checkpoints} checkpoints); plain p50 ${save.plain.p50.toFixed(2)} ms.`,
    );

    const vault = await Vault.open(fixture.vaultDir, { recoveryKey: fixture.recoveryKey });
    let verify: BenchResults['verify'];
    try {
      const start = performance.now();
      const report = await vault.verify();
      verify = {
        ms: since(start),
        ok: report.ok,
        records: report.records,
        problems: report.problems.length,
        loadAverage: loadAverage(),
      };
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
        plainAsyncMs,
        ratioAsync: vaultMs / plainAsyncMs,
        pairedRatioAsync: median(vaultRuns.map((r, i) => r.totalMs / plainAsyncRuns[i]!)),
        vaultRuns,
        plainRuns,
        plainAsyncRuns,
        pageCache: 'warm',
        loadAverage: loadLoadAverage,
      },
      search,
      searchReference,
      diagnosisSearch,
      save: { ...save, ratioP50: save.vault.p50 / save.plain.p50, ratioP95: save.vault.p95 / save.plain.p95 },
      unlock: { ms: median(unlockRuns), runs: unlockRuns, loadAverage: unlockLoadAverage },
      verify,
      backup,
      rotation,
      memory: { ...memory.stop(), loadPeakMiB },
      freshMemory,
      freshMemoryOnePerSave,
      workDir: options.keep ? root : null,
    };
  } finally {
    memory.stop();
    if (!options.keep) await rm(root, { recursive: true, force: true });
  }
}

/** What the fresh processes do after unlock: the search benchmark's warm searches, one uncounted round and three. */
function memoryProbeInput(dataDir: string, fixture: Pick<BenchFixture, 'passphrase' | 'sampleNote'>) {
  return {
    dataDir,
    passphrase: fixture.passphrase,
    queries: searchQueriesFrom(fixture.sampleNote),
    rounds: 4,
  };
}

/**
 * Only the main process's memory at unlock (`attune bench --memory-only`): the format-2 demo vault
 * alone is written, then unlocked twice, each time in a fresh process.
 */
export async function runMemoryBench(
  options: Pick<BenchOptions, 'notes' | 'clients' | 'dir' | 'keep' | 'log' | 'memoryProbeArgs'> & {
    /** Records per saved change in the vault measured (writeFormat2Vault); 1 is as a therapist's saves leave it. */
    recordsPerSave?: number;
  },
): Promise<{
  params: { notes: number; clients: number; recordsPerSave: number };
  freshMemory: FreshMemoryBench;
  workDir: string | null;
}> {
  const root = await mkdtemp(join(options.dir ?? tmpdir(), 'attune-bench-'));
  try {
    const data = benchDemoData(options);
    const passphrase = randomBytes(16).toString('hex');
    const dataDir = join(root, 'format2');
    const recordsPerSave = options.recordsPerSave ?? BENCH_RECORDS_PER_SAVE;
    await writeFormat2Vault(dataDir, passphrase, data, recordsPerSave);
    options.log(`Wrote a format-2 vault of ${data.notes.length} notes, ${recordsPerSave} records per save.`);
    const probe = memoryProbeCommand(options.memoryProbeArgs);
    if (!probe) throw new Error('The memory benchmark runs as `node bin/attune.cjs bench --memory-only`.');
    const sampleNote = data.notes[Math.floor(data.notes.length / 2)]!;
    const input = memoryProbeInput(dataDir, { passphrase, sampleNote });
    const freshMemory = await measureFreshMemory(probe, input, options.log);
    return {
      params: { notes: data.notes.length, clients: data.clients.length, recordsPerSave },
      freshMemory,
      workDir: options.keep ? root : null,
    };
  } finally {
    if (!options.keep) await rm(root, { recursive: true, force: true });
  }
}
