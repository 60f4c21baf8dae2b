/**
 * The main process's memory at unlock (issue 12), measured in a fresh process of its own: the
 * benchmark's process holds the fixture and its earlier phases' leftovers, which the app does not.
 */
import { fork } from 'node:child_process';
import { loadAverage } from './stats';
import type { ProbeInput, UnlockMemory } from './unlockMemoryProbe';

export interface FreshUnlockMemory extends UnlockMemory {
  /** The load average (1, 5, 15 min) when the child had answered. */
  loadAverage: number[];
}

export interface FreshMemoryBench {
  /** The first unlock on this computer: no local copies of the views yet, every note is parsed. */
  firstUnlock: FreshUnlockMemory;
  /** The next unlock, in another fresh process, with the copies the first one kept: the usual case. */
  laterUnlock: FreshUnlockMemory;
}

/**
 * The command line that runs the probe: the `attune` this process runs as (bin/attune.cjs, or the
 * built out/main/cli.js: the same Node and the same built code) with `probeArgs`; null where it
 * runs otherwise (the CLI run in-process by tests, or by the app under Electron).
 */
export function memoryProbeCommand(probeArgs: readonly string[]): string[] | null {
  const entry = process.argv[1];
  if (process.versions.electron || !entry) return null;
  return /attune\.cjs$|[\\/]out[\\/]main[\\/]cli\.js$/.test(entry) ? [entry, ...probeArgs] : null;
}

/** Runs the probe in a child, handing it the passphrase over the IPC channel rather than the command line. */
function probeInChild(command: readonly string[], input: ProbeInput): Promise<FreshUnlockMemory> {
  return new Promise((resolve, reject) => {
    const [entry, ...args] = command as [string, ...string[]];
    const child = fork(entry, args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let answer: { ok: true; memory: UnlockMemory } | { ok: false; error: string } | undefined;
    child.once('message', (message: typeof answer) => {
      answer = message;
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (answer?.ok) resolve({ ...answer.memory, loadAverage: loadAverage() });
      else reject(new Error(`the memory probe failed (exit code ${code}): ${answer?.error ?? 'no answer'}`));
    });
    child.send(input);
  });
}

/** Two unlocks of the vault in `dataDir`, each in a fresh process: the first on this computer, then a later one. */
export async function measureFreshMemory(
  command: readonly string[],
  input: ProbeInput,
  log: (line: string) => void = () => undefined,
): Promise<FreshMemoryBench> {
  const firstUnlock = await probeInChild(command, input);
  const laterUnlock = await probeInChild(command, input);
  log(
    `Memory, fresh process: peak ${laterUnlock.peakMiB.toFixed(0)} MiB (first unlock on this computer ${firstUnlock.peakMiB.toFixed(0)} MiB), before unlock ${laterUnlock.baseline.rssMiB.toFixed(0)} MiB.`,
  );
  return { firstUnlock, laterUnlock };
}
