/**
 * The format-2 benchmark (issue 11): a vault written across three devices into one folder, loaded
 * against a plaintext copy of the same frames in files of the same number and grouping; the time
 * to merge 100 changes arriving from another device while unlocked; the disk cost of padding.
 */

import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kinds } from '../../services/RecordStore';
import { DEFAULT_KDF, deriveKek } from '../../vault/kdf';
import { decodeFramePayload } from '../../vault/v2/framePayload';
import { MARKER_FILE, parseMarker } from '../../vault/v2/marker';
import { listDeviceFolders } from '../../vault/v2/readAllLogs';
import { readDeviceLog } from '../../vault/v2/readDeviceLog';
import { readKeySlotFiles } from '../../vault/v2/readKeySlotFiles';
import { SyncedVault } from '../../vault/v2/SyncedVault';
import { unlockSlots } from '../../vault/v2/unlockSlots';
import { nodeVaultFs, type VaultFs } from '../../vault/vaultFs';
import { benchDemoData } from './benchFixture';
import { loadAverage, median, since } from './stats';

export interface SyncedBenchOptions {
  notes: number;
  clients: number;
  runs: number;
  /** Frames as written: 'batched' (≤ 64 KiB of values per frame, as an upgrade or import writes) or 'single' (one record per frame, as saves write). */
  layout: 'batched' | 'single';
  dir?: string;
  log: (line: string) => void;
}

export interface SyncedBench {
  layout: 'batched' | 'single';
  devices: number;
  records: number;
  frames: number;
  segments: number;
  load: {
    ratio: number;
    vaultMs: number;
    plainMs: number;
    pairedRatio: number;
    /** The same runs in CPU time of this process (all its threads, the garbage collector's too). */
    cpuRatio: number;
    vaultCpuMs: number;
    plainCpuMs: number;
    loadAverage: number[];
  };
  clientList: { beyondKdfMs: number; kdfMs: number; loadAverage: number[] };
  merge100: { medianMs: number; runs: number[]; loadAverage: number[] };
  padding: { diskBytes: number; payloadBytes: number; overheadPct: number };
  /** Every device's log on disk: segments, and the packs beside them (FORMAT.md §6.1). */
  logs: { segmentBytes: number; packBytes: number };
}

/** The three devices the benchmark vault is written by; the first is the one measured. */
export const DEVICES = ['a'.repeat(32), 'b'.repeat(32), 'c'.repeat(32)];
const LOAD_KINDS = [
  kinds.setting,
  kinds.client,
  kinds.session,
  kinds.note,
  kinds.processNote,
  kinds.template,
];
const BATCH_BYTES = 64 * 1024;

/** Writing the fixture is setup, not measured: without fsync it takes seconds instead of minutes. */
const setupFs: VaultFs = { ...nodeVaultFs, fsync: async () => undefined, fdatasync: async () => undefined };

export async function measureSynced(options: SyncedBenchOptions): Promise<SyncedBench> {
  const work = await mkdtemp(join(options.dir ?? tmpdir(), 'attune-bench-v2-'));
  try {
    return await run(work, options);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/**
 * Writes the benchmark's format-2 vault into `dir`: the demo practice's records shared out across
 * three devices, each writing its share into its own log (batched frames or one record per frame)
 * and locking, which packs its log as the app does (FORMAT.md §6.1). Setup, not measured: without
 * fsync.
 */
export async function writeSyncedBenchVault(
  dir: string,
  options: Pick<SyncedBenchOptions, 'notes' | 'clients' | 'layout'>,
): Promise<{
  data: ReturnType<typeof benchDemoData>;
  items: number;
  passphrase: string;
  recoveryKey: string;
}> {
  const data = benchDemoData(options);
  const items = [
    { kind: kinds.setting, id: 'settings', value: data.settings as unknown },
    ...data.clients.map((value) => ({ kind: kinds.client, id: value.id, value: value as unknown })),
    ...data.sessions.map((value) => ({ kind: kinds.session, id: value.id, value: value as unknown })),
    ...data.notes.map((value) => ({ kind: kinds.note, id: value.id, value: value as unknown })),
    ...data.processNotes.map((value) => ({ kind: kinds.processNote, id: value.id, value: value as unknown })),
  ];
  const passphrase = randomBytes(16).toString('hex');
  const created = await SyncedVault.create(dir, passphrase, {
    fs: setupFs,
    device: { hex: DEVICES[0]!, name: 'Office' },
    heartbeatMs: 0,
  });
  const recoveryKey = created.recoveryKey;
  let vault = created.vault;
  for (const [d, hex] of DEVICES.entries()) {
    if (d > 0)
      vault = await SyncedVault.open(
        dir,
        { recoveryKey },
        { fs: setupFs, device: { hex, name: `Device ${d}` }, heartbeatMs: 0 },
      );
    const share = items.filter((_, i) => i % DEVICES.length === d);
    for (const batch of batches(share, options.layout)) await vault.putMany(batch);
    await vault.lock();
  }
  return { data, items: items.length, passphrase, recoveryKey };
}

async function run(work: string, options: SyncedBenchOptions): Promise<SyncedBench> {
  const { log } = options;
  const dir = join(work, 'vault');
  let start = performance.now();
  const { data, items, passphrase, recoveryKey } = await writeSyncedBenchVault(dir, options);
  log(
    `Wrote ${items} records across ${DEVICES.length} devices (${options.layout} frames) in ${(since(start) / 1000).toFixed(1)} s.`,
  );

  const plain = await plaintextCopy(dir, join(work, 'plain'), recoveryKey);
  log(`Plaintext copy: ${plain.files.length} files, ${plain.frames} frames.`);

  // Load: open (recovery key: no Argon2) + every kind's records, against the plaintext copy read
  // the same way (each file read whole, each frame's meta and values parsed). Sides alternate.
  await loadVault(dir, recoveryKey);
  await loadPlain(plain.files);
  const vaultRuns: LoadTime[] = [];
  const plainRuns: LoadTime[] = [];
  for (let r = 0; r < options.runs; r++) {
    if (r % 2 === 0) {
      vaultRuns.push(await loadVault(dir, recoveryKey));
      plainRuns.push(await loadPlain(plain.files));
    } else {
      plainRuns.push(await loadPlain(plain.files));
      vaultRuns.push(await loadVault(dir, recoveryKey));
    }
  }
  const loadAt = loadAverage();

  // Unlock with the passphrase to an interactive client list, beyond the KDF: each round times
  // the KDF alone and then the whole unlock, and the medians are reported (one subtraction of two
  // single noisy figures could even come out negative). The last round's vault stays open.
  const kdfRuns: number[] = [];
  const unlockRuns: number[] = [];
  let unlocked: SyncedVault | null = null;
  for (let r = 0; r < options.runs; r++) {
    const kdfStart = performance.now();
    (await deriveKek(passphrase, randomBytes(16), DEFAULT_KDF)).fill(0);
    kdfRuns.push(since(kdfStart));
    await unlocked?.lock();
    start = performance.now();
    unlocked = await SyncedVault.open(
      dir,
      { passphrase },
      { device: { hex: DEVICES[0]!, name: 'Office' }, heartbeatMs: 0 },
    );
    await unlocked.getAll(kinds.client);
    unlockRuns.push(since(start));
  }
  if (!unlocked) throw new Error('no unlock was timed');
  const kdfMs = median(kdfRuns);
  const clientListMs = median(unlockRuns);
  const clientAt = loadAverage();

  // Merge 100 changes from another device while unlocked: the other device saves 100 notes one
  // by one into its own log (real fsync), then this one refreshes.
  const other = await SyncedVault.open(
    dir,
    { recoveryKey },
    { device: { hex: DEVICES[1]!, name: 'Device 1' }, heartbeatMs: 0 },
  );
  await unlocked.refresh();
  const mergeRuns: number[] = [];
  const noteIds = data.notes.map((n) => n.id).filter((_, i) => i % DEVICES.length === 1);
  for (let r = 0; r < options.runs; r++) {
    for (let i = 0; i < 100; i++) {
      const id = noteIds[(r * 100 + i) % noteIds.length]!;
      await other.put(kinds.note, id, {
        ...(await other.get<Record<string, unknown>>(kinds.note, id)),
        bench: r,
      });
    }
    const t = performance.now();
    const { applied } = await unlocked.refresh();
    mergeRuns.push(since(t));
    if (applied !== 100) throw new Error(`merged ${applied} frames, expected 100`);
  }
  const mergeAt = loadAverage();
  await other.lock();
  await unlocked.lock();

  const vaultMs = median(vaultRuns.map((t) => t.ms));
  const plainMs = median(plainRuns.map((t) => t.ms));
  const vaultCpuMs = median(vaultRuns.map((t) => t.cpuMs));
  const plainCpuMs = median(plainRuns.map((t) => t.cpuMs));
  return {
    layout: options.layout,
    devices: DEVICES.length,
    records: items,
    frames: plain.frames,
    segments: plain.files.length,
    load: {
      ratio: vaultMs / plainMs,
      vaultMs,
      plainMs,
      pairedRatio: median(vaultRuns.map((v, i) => v.ms / plainRuns[i]!.ms)),
      cpuRatio: vaultCpuMs / plainCpuMs,
      vaultCpuMs,
      plainCpuMs,
      loadAverage: loadAt,
    },
    clientList: { beyondKdfMs: Math.max(0, clientListMs - kdfMs), kdfMs, loadAverage: clientAt },
    merge100: { medianMs: median(mergeRuns), runs: mergeRuns, loadAverage: mergeAt },
    logs: await logBytes(dir),
    padding: {
      diskBytes: plain.diskBytes,
      payloadBytes: plain.payloadBytes,
      overheadPct: ((plain.diskBytes - plain.payloadBytes) / plain.diskBytes) * 100,
    },
  };
}

async function logBytes(dir: string): Promise<SyncedBench['logs']> {
  const logs = { segmentBytes: 0, packBytes: 0 };
  for (const hex of await listDeviceFolders(nodeVaultFs, dir)) {
    for (const name of await readdir(join(dir, 'devices', hex))) {
      const size = (await stat(join(dir, 'devices', hex, name))).size;
      if (/^log-\d{6}\.bin$/.test(name)) logs.segmentBytes += size;
      else if (/^pack-\d{6}\.bin$/.test(name)) logs.packBytes += size;
    }
  }
  return logs;
}

function* batches<T extends { value: unknown }>(share: T[], layout: 'batched' | 'single'): Generator<T[]> {
  if (layout === 'single') {
    for (const item of share) yield [item];
    return;
  }
  let batch: T[] = [];
  let bytes = 0;
  for (const item of share) {
    const size = Buffer.byteLength(JSON.stringify(item.value));
    if (batch.length > 0 && bytes + size > BATCH_BYTES) {
      yield batch;
      batch = [];
      bytes = 0;
    }
    batch.push(item);
    bytes += size;
  }
  if (batch.length > 0) yield batch;
}

/** One load: wall time, and CPU time of this process (which other processes on the machine barely change). */
export interface LoadTime {
  ms: number;
  cpuMs: number;
}

function startTimer(): () => LoadTime {
  const start = performance.now();
  const cpu = process.cpuUsage();
  return () => {
    const used = process.cpuUsage(cpu);
    return { ms: since(start), cpuMs: (used.user + used.system) / 1000 };
  };
}

export async function loadVault(dir: string, recoveryKey: string): Promise<LoadTime> {
  const stop = startTimer();
  // Open as the first device (it exists, so nothing is joined), reading every device's log.
  const vault = await SyncedVault.open(
    dir,
    { recoveryKey },
    { device: { hex: DEVICES[0]!, name: 'Office' }, heartbeatMs: 0 },
  );
  let records = 0;
  for (const kind of LOAD_KINDS) records += (await vault.getAll(kind)).length;
  const time = stop();
  await vault.lock();
  if (records === 0) throw new Error('no records loaded');
  return time;
}

/**
 * The fair baseline's data: every frame's payload (meta and values, unpadded, in the clear),
 * length-prefixed, in one file per log segment, so it is read with the same number of reads of
 * files of nearly the same sizes. Built by decrypting the vault's own segments.
 */
export async function plaintextCopy(
  dir: string,
  plainDir: string,
  recoveryKey: string,
): Promise<{ files: string[]; frames: number; diskBytes: number; payloadBytes: number }> {
  await mkdir(plainDir, { recursive: true });
  const { vaultId } = parseMarker(await readFile(join(dir, MARKER_FILE))) as { vaultId: Buffer };
  const { files: slotFiles } = await readKeySlotFiles(nodeVaultFs, dir);
  const unlocked = await unlockSlots(slotFiles, { recoveryKey }, vaultId);
  const files: string[] = [];
  let frames = 0;
  let diskBytes = 0;
  let payloadBytes = 0;
  for (const hex of await listDeviceFolders(nodeVaultFs, dir)) {
    const read = await readDeviceLog(
      nodeVaultFs,
      dir,
      { id: Buffer.from(hex, 'hex'), hex },
      unlocked.keys.log,
      vaultId,
      { own: false },
    );
    const bySegment = new Map<string, Buffer[]>();
    for (const [, [frame]] of [...read.frames].sort((a, b) => a[0] - b[0])) {
      if (!frame) continue;
      const parts = bySegment.get(frame.file) ?? [];
      const prefix = Buffer.alloc(4);
      prefix.writeUInt32BE(frame.payload.length);
      parts.push(prefix, frame.payload);
      bySegment.set(frame.file, parts);
      frames++;
      payloadBytes += frame.payload.length;
    }
    for (const [segment, parts] of bySegment) {
      diskBytes += (await stat(join(dir, 'devices', hex, segment))).size;
      const file = join(plainDir, `${hex}-${segment}`);
      await writeFile(file, Buffer.concat(parts));
      files.push(file);
    }
  }
  return { files, frames, diskBytes, payloadBytes };
}

/**
 * Reads the plaintext copy as the engine reads its segments: each file whole (the engine's file
 * system calls), each frame's meta and values parsed, and the parsed records kept until the end,
 * as the vault's `getAll` hands them to its caller. Keeping them is part of a fair figure: parsed
 * records that live on are copied by the garbage collector, records dropped at once are not (on
 * the 21,285-record vault, dropping them made this baseline about a third of what it is keeping
 * them: 190 against 520–610 ms of CPU).
 */
export async function loadPlain(files: string[]): Promise<LoadTime> {
  const stop = startTimer();
  const kept: unknown[] = [];
  for (const file of files) {
    const bytes = await nodeVaultFs.readFile(file);
    for (let at = 0; at < bytes.length; ) {
      const length = bytes.readUInt32BE(at);
      const payload = decodeFramePayload(bytes.subarray(at + 4, at + 4 + length));
      for (const value of payload.values) kept.push(JSON.parse(value.toString('utf8')));
      at += 4 + length;
    }
  }
  const time = stop();
  if (kept.length === 0) throw new Error('no plaintext values read');
  return time;
}
