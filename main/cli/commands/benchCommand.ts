import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { AttuneError } from '../../../shared/errors';
import type { CliIo } from '../CliIo';
import { existingFolder } from '../cliPaths';
import { exitCodes } from '../exitCodes';

/** The hidden command that runs the memory benchmark's child process (measureFreshMemory.ts). */
const MEMORY_PROBE_COMMAND = 'bench-memory-probe';

interface BenchFlags {
  notes: string;
  clients: string;
  dir?: string;
  runs: string;
  saves: string;
  json?: boolean;
  results: string;
  keep?: boolean;
  memoryOnly?: boolean;
  recordsPerSave?: string;
}

function count(text: string, flag: string, min: number, max: number): number {
  const value = /^\d{1,9}$/.test(text) ? Number(text) : Number.NaN;
  if (!(value >= min && value <= max)) {
    throw new AttuneError('invalid-input', `${flag} must be a whole number from ${min} to ${max}.`);
  }
  return value;
}

/** `attune bench`: the vault benchmark of issue 3, on a temporary demo vault. */
export function registerBenchCommand(program: Command, io: CliIo, setCode: (code: number) => void): void {
  program
    .command('bench')
    .description(
      'benchmark the vault on a temporary demo vault: load and save ratios, search against SQLite FTS5, unlock, verify, memory',
    )
    .option('--notes <n>', 'notes in the demo vault', '10000')
    .option('--clients <n>', 'clients the notes are spread across', '200')
    .option('--dir <dir>', 'make the temporary vault in DIR (default: the system temp folder)')
    .option(
      '--runs <n>',
      'load and unlock rounds (the order of the sides rotates); the median is reported',
      '5',
    )
    .option(
      '--saves <n>',
      'saves timed for the save percentiles (a checkpoint runs every 256 commits: use more than 256)',
      '800',
    )
    .option('--json', 'print the results as JSON instead of a table')
    .option('--results <file>', 'also write the results as JSON to FILE', 'bench-results/vault.json')
    .option('--keep', 'keep the temporary vault and plaintext copy (their folder is printed)')
    .option(
      '--memory-only',
      "only the main process's memory at unlock, in fresh processes (writes no results file)",
    )
    .option(
      '--records-per-save <n>',
      "with --memory-only: records the demo vault saves per change (default 2000; 1 is one per save, packed at lock, as a therapist's saves leave a vault)",
    )
    .action(async (flags: BenchFlags) => {
      const clients = count(flags.clients, '--clients', 1, 10_000);
      const notes = count(flags.notes, '--notes', clients, 1_000_000);
      // A missing --dir is said in words now, not as mkdtemp's errno after the setup has run.
      const dir = flags.dir === undefined ? undefined : await existingFolder(flags.dir, '--dir');
      if (flags.memoryOnly) {
        const { benchMemoryOnly } = await import('../bench/benchMemoryOnly');
        const { keep, json } = flags;
        return benchMemoryOnly(io, {
          notes,
          clients,
          dir,
          keep,
          json,
          recordsPerSave:
            flags.recordsPerSave === undefined
              ? undefined
              : count(flags.recordsPerSave, '--records-per-save', 1, 1_000_000),
          memoryProbeArgs: [MEMORY_PROBE_COMMAND],
        });
      }
      // The benchmark (SQLite WASM, MiniSearch, the demo generator) is loaded only when it runs.
      const [{ runBench }, { benchRows, benchTable }] = await Promise.all([
        import('../bench/runBench'),
        import('../bench/benchReport'),
      ]);
      const results = await runBench({
        notes,
        clients,
        dir,
        runs: count(flags.runs, '--runs', 1, 20),
        saves: count(flags.saves, '--saves', 1, 100_000),
        keep: flags.keep === true,
        log: (line) => io.err(line),
        memoryProbeArgs: [MEMORY_PROBE_COMMAND],
      });
      const rows = benchRows(results);
      const file = resolve(flags.results);
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, `${JSON.stringify({ ...results, rows }, null, 2)}\n`);
      if (flags.json) io.out(JSON.stringify({ ...results, rows }, null, 2));
      else io.out(benchTable(rows));
      io.err(`Results written to ${file}.`);
      if (results.workDir) io.err(`Kept the benchmark vault in ${results.workDir}.`);
      // A vault that fails its own check is a defect, not a slow disk.
      if (!results.verify.ok) setCode(exitCodes.integrity);
    });
  registerMemoryProbeCommand(program);
}

/**
 * The child process of the memory benchmark (measureFreshMemory.ts): hidden, as it only answers
 * `attune bench` over the IPC channel that started it.
 */
function registerMemoryProbeCommand(program: Command): void {
  program.command(MEMORY_PROBE_COMMAND, { hidden: true }).action(async () => {
    const { runUnlockMemoryProbe } = await import('../bench/unlockMemoryProbe');
    await runUnlockMemoryProbe();
  });
}
