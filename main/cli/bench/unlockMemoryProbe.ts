/**
 * The memory benchmark's child process (issue 12): a fresh process that does what the app's main
 * process does at unlock, through the same handlers the renderer calls, and reports its resident
 * memory as the kernel counts it (the search thread included: it is a thread of this process).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { serialize } from 'node:v8';
import { createHandlers } from '../../ipc/createHandlers';
import { createRouter } from '../../ipc/createRouter';
import { createSafetyServices } from '../../services/backup/createSafetyServices';
import { createServices } from '../../services/createServices';
import { DeviceConfigStore } from '../../services/device/DeviceConfigStore';
import { ThisDevice } from '../../services/device/ThisDevice';
import { VaultSession } from '../../services/VaultSession';
import { SEARCH_PAGE } from './searchQueries';

export interface ProbeInput {
  /** The data folder: this computer's settings, and the vault in `<dataDir>/vault` (createBackend's layout). */
  dataDir: string;
  passphrase: string;
  /** Searches made once the full index is built, as the search benchmark's warm ones. */
  queries: string[];
  /** Rounds of those searches (the first uncounted round included). */
  rounds: number;
}

/** One process's memory, in MiB: V8's heaps of the main thread, and what the kernel counts. */
export interface MemoryBreakdown {
  rssMiB: number;
  heapUsedMiB: number;
  heapTotalMiB: number;
  /** Memory outside V8's heap that V8 is told of (Buffers, typed arrays, WASM). */
  externalMiB: number;
  /** ArrayBuffers' bytes (Buffers, typed arrays), live or awaiting collection. */
  arrayBuffersMiB: number;
  /** The kernel's split of RSS: anonymous memory (heaps, buffers, stacks) and mapped files (the binary, libraries). */
  rssAnonMiB: number;
  rssFileMiB: number;
}

export interface UnlockMemory {
  /** Before unlocking: the modules loaded, nothing decrypted. */
  baseline: MemoryBreakdown;
  /**
   * The kernel's high-water mark (VmHWM) from unlock to the end of the warm searches: it was
   * reset just before unlocking, when `peakFromUnlock`; else it counts from the process's start.
   * The kernel records its mark lazily (when memory is unmapped, say, and from per-thread counts
   * a few hundred kB behind), so an RSS read along the way can be higher: the largest is taken.
   */
  peakMiB: number;
  peakFromUnlock: boolean;
  /** The largest RSS sampled every 10 ms (a busy event loop samples less often), as a check. */
  sampledPeakMiB: number;
  /** The step under way when that sample was taken (the first step's name is "unlock"). */
  sampledPeakDuring: string;
  /** RSS (VmRSS) once each step of the unlock was answered, in order. */
  phases: Array<{ phase: string; rssMiB: number }>;
  /** Once the warm searches are done. */
  end: MemoryBreakdown;
  /** The search thread's heap in use once its scan was ready and once its index was built. */
  threadHeapMiB: { scanned: number; built: number };
  searches: number;
}

const MiB = 2 ** 20;
const mib = (bytes: number) => Math.round((bytes / MiB) * 10) / 10;

/** A field of /proc/self/status in MiB (the kernel gives kB), or NaN where there is none. */
function procStatusMiB(field: 'VmRSS' | 'VmHWM' | 'RssAnon' | 'RssFile'): number {
  try {
    const kB = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(
      readFileSync('/proc/self/status', 'utf8'),
    )?.[1];
    return kB === undefined ? Number.NaN : mib(Number(kB) * 1024);
  } catch {
    return Number.NaN;
  }
}

/** Resets the kernel's high-water mark to the current RSS (Linux ≥ 4.0); false where it cannot. */
function resetPeak(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

function breakdown(): MemoryBreakdown {
  const m = process.memoryUsage();
  return {
    rssMiB: mib(m.rss),
    heapUsedMiB: mib(m.heapUsed),
    heapTotalMiB: mib(m.heapTotal),
    externalMiB: mib(m.external),
    arrayBuffersMiB: mib(m.arrayBuffers),
    rssAnonMiB: procStatusMiB('RssAnon'),
    rssFileMiB: procStatusMiB('RssFile'),
  };
}

/**
 * Unlocks the vault in `input.dataDir` as the app's main process does (createBackend's services
 * and handlers), answers what the renderer asks for after unlock in its order (fillIndex.ts: the
 * clients and Today, Today's plan reviews, the sessions and note summaries, the measures), waits
 * for the search thread's full index, makes the warm searches, and reports the memory it took.
 * Each answer is serialized as Electron's IPC does, so its copy counts too.
 */
export async function probeUnlockMemory(input: ProbeInput): Promise<UnlockMemory> {
  const emit = () => undefined;
  const config = new DeviceConfigStore(input.dataDir);
  const session = new VaultSession(join(input.dataDir, 'vault'), emit, undefined, {
    device: new ThisDevice(config),
  });
  const safety = createSafetyServices(session, emit, { dataDir: input.dataDir, config });
  const services = createServices(session);
  const router = createRouter(createHandlers(session, 'bench', services, undefined, {}, safety));
  const call = async (method: string, payload?: unknown): Promise<unknown> => {
    const result = await router.call(method, payload);
    if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
    serialize(result.value);
    return result.value;
  };
  const phases: UnlockMemory['phases'] = [];
  // The step under way: the one after the last finished (named by what finishing it means).
  const steps = ['unlock', 'clients and Today', 'caseload', 'index build', 'warm searches'];
  const phase = (name: string) => phases.push({ phase: name, rssMiB: procStatusMiB('VmRSS') });

  const baseline = breakdown();
  let sampledPeak = 0;
  let sampledPeakDuring = steps[0]!;
  const sample = () => {
    const rss = process.memoryUsage.rss();
    if (rss <= sampledPeak) return;
    sampledPeak = rss;
    sampledPeakDuring = steps[phases.length] ?? 'the end';
  };
  const timer = setInterval(sample, 10);
  const peakFromUnlock = resetPeak();
  try {
    await call('vault:unlock', { passphrase: input.passphrase });
    phase('unlocked');
    const [clients, today] = [call('index:clients'), call('index:today', { now: new Date().toISOString() })];
    await clients;
    await today;
    phase('clients and Today answered');
    await call('plans:reviewsDue', { today: new Date().toISOString().slice(0, 10) });
    await Promise.all([call('index:sessions'), call('index:noteSummaries')]);
    await call('measures:all');
    phase('caseload answered');
    await services.search.indexReady();
    phase('search index built');
    let searches = 0;
    for (let round = 0; round < input.rounds; round++) {
      for (const query of input.queries) {
        await call('search:notes', { query, limit: SEARCH_PAGE, offset: 0 });
        searches++;
      }
    }
    phase('warm searches done');
    sample();
    const heap = services.search.stats().threadHeapBytes;
    return {
      baseline,
      peakMiB: Math.max(procStatusMiB('VmHWM'), mib(sampledPeak), ...phases.map((p) => p.rssMiB)),
      peakFromUnlock,
      sampledPeakMiB: mib(sampledPeak),
      sampledPeakDuring,
      phases,
      end: breakdown(),
      threadHeapMiB: { scanned: mib(heap?.scanned ?? Number.NaN), built: mib(heap?.built ?? Number.NaN) },
      searches,
    };
  } finally {
    clearInterval(timer);
    await session.lock('user');
  }
}

/** The child's side: takes its input from the parent's one message, answers with the figures, ends. */
export async function runUnlockMemoryProbe(): Promise<void> {
  const send = process.send?.bind(process);
  if (!send) throw new Error('bench-memory-probe is run by `attune bench`, not by hand.');
  const input = await new Promise<ProbeInput>((resolve) => process.once('message', resolve));
  const answer = await probeUnlockMemory(input).then(
    (memory) => ({ ok: true, memory }),
    (error: unknown) => ({ ok: false, error: error instanceof Error ? error.message : String(error) }),
  );
  await new Promise((resolve) => send(answer, resolve));
  process.disconnect();
}
