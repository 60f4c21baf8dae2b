import { resolve } from 'node:path';
import type { CliIo } from '../CliIo';
import { benchTable, freshMemoryRows } from './benchReport';
import { runMemoryBench } from './runBench';

/** `attune bench --memory-only`: the fresh-process memory rows alone, quicker to repeat. */
export async function benchMemoryOnly(
  io: CliIo,
  flags: {
    notes: number;
    clients: number;
    dir?: string;
    keep?: boolean;
    json?: boolean;
    recordsPerSave: number | undefined;
    memoryProbeArgs: readonly string[];
  },
): Promise<void> {
  const results = await runMemoryBench({
    notes: flags.notes,
    clients: flags.clients,
    dir: flags.dir === undefined ? undefined : resolve(flags.dir),
    keep: flags.keep === true,
    log: (line) => io.err(line),
    recordsPerSave: flags.recordsPerSave,
    memoryProbeArgs: flags.memoryProbeArgs,
  });
  const rows = freshMemoryRows(results.freshMemory, results.params.recordsPerSave);
  io.out(flags.json ? JSON.stringify({ ...results, rows }, null, 2) : benchTable(rows));
  if (results.workDir) io.err(`Kept the benchmark vault in ${results.workDir}.`);
}
