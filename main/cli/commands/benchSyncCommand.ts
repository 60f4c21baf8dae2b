import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { AttuneError } from '../../../shared/errors';
import { benchTable } from '../bench/benchReport';
import { measureSynced, type SyncedBench } from '../bench/measureSynced';
import { measureSyncedBackup } from '../bench/measureSyncedBackup';
import { syncedBackupRows } from '../bench/syncedBackupRows';
import { syncedBenchRows } from '../bench/syncedBenchRows';
import type { CliIo } from '../CliIo';
import { existingFolder } from '../cliPaths';

interface Flags {
  notes: string;
  clients: string;
  runs: string;
  layout: string;
  backup: string;
  dir?: string;
  results: string;
}

const whole = (text: string, flag: string, min: number, max: number): number => {
  const value = /^\d{1,9}$/.test(text) ? Number(text) : Number.NaN;
  if (!(value >= min && value <= max)) {
    throw new AttuneError('invalid-input', `${flag} must be a whole number from ${min} to ${max}.`);
  }
  return value;
};

/** `attune bench-sync`: the format-2 (synced folder) benchmark of issue 11. */
export function registerBenchSyncCommand(program: Command, io: CliIo): void {
  program
    .command('bench-sync')
    .description(
      'benchmark vault format 2 (a vault shared by several computers): load ratio against the same frames in plaintext, merging 100 incoming changes, padding overhead',
    )
    .option('--notes <n>', 'notes in the demo vault', '10000')
    .option('--clients <n>', 'clients the notes are spread across', '200')
    .option('--runs <n>', 'rounds per measurement (the median is reported)', '5')
    .option('--layout <layouts>', "frames as written: 'batched', 'single' or 'both'", 'both')
    .option(
      '--backup <when>',
      "also measure format-2 backups (full, incremental after 10 changed notes, list, verify, restore): 'yes', 'no' or 'only'",
      'yes',
    )
    .option('--dir <dir>', 'make the temporary vault in DIR (default: the system temp folder)')
    .option('--results <file>', 'also write the results as JSON to FILE', 'bench-results/synced.json')
    .action(async (flags: Flags) => {
      const clients = whole(flags.clients, '--clients', 1, 10_000);
      const notes = whole(flags.notes, '--notes', clients, 1_000_000);
      const runs = whole(flags.runs, '--runs', 1, 20);
      if (!['batched', 'single', 'both'].includes(flags.layout)) {
        throw new AttuneError('invalid-input', "--layout must be 'batched', 'single' or 'both'.");
      }
      if (!['yes', 'no', 'only'].includes(flags.backup)) {
        throw new AttuneError('invalid-input', "--backup must be 'yes', 'no' or 'only'.");
      }
      const layouts =
        flags.backup === 'only'
          ? []
          : flags.layout === 'both'
            ? (['batched', 'single'] as const)
            : [flags.layout as 'batched' | 'single'];
      const dir = flags.dir === undefined ? undefined : await existingFolder(flags.dir, '--dir');
      const results: SyncedBench[] = [];
      for (const layout of layouts) {
        results.push(
          await measureSynced({
            notes,
            clients,
            runs,
            layout,
            ...(dir ? { dir } : {}),
            log: (line) => io.err(line),
          }),
        );
      }
      const backup =
        flags.backup === 'no'
          ? null
          : await measureSyncedBackup({
              notes,
              clients,
              ...(dir ? { dir } : {}),
              log: (line) => io.err(line),
            });
      const rows = [...results.flatMap(syncedBenchRows), ...(backup ? syncedBackupRows(backup) : [])];
      const file = resolve(flags.results);
      await mkdir(dirname(file), { recursive: true });
      await writeFile(
        file,
        `${JSON.stringify({ at: new Date().toISOString(), results, backup, rows }, null, 2)}\n`,
      );
      io.out(benchTable(rows));
      io.err(`Results written to ${file}.`);
    });
}
