/** The benchmark's data: a demo vault and the same records as plaintext JSON files beside it. */
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Note } from '../../../shared/domain/noteSchema';
import { type DemoData, generateDemo } from '../../services/demo/generateDemo';
import { writeDemo } from '../../services/demo/writeDemo';
import { DeviceConfigStore } from '../../services/device/DeviceConfigStore';
import { ThisDevice } from '../../services/device/ThisDevice';
import { kinds } from '../../services/RecordStore';
import { inParallel } from '../../vault/dirs';
import { Vault } from '../../vault/Vault';
import { SyncedOpenVault } from '../../vault/v2/SyncedOpenVault';
import { SyncedVault } from '../../vault/v2/SyncedVault';
import { since } from './stats';

export interface BenchFixture {
  vaultDir: string;
  /**
   * The same records in a format-2 vault (the app's format), written by the computer whose data
   * folder holds it (VaultSession's default: the vault folder's parent), same passphrase.
   */
  format2VaultDir: string;
  plainDir: string;
  passphrase: string;
  recoveryKey: string;
  /** Plaintext file names by record kind, in the vault's kind order. */
  plainFiles: Map<string, string[]>;
  /** The byte size of each of those files, in the same order (the vault knows its sizes too). */
  plainSizes: Map<string, number[]>;
  records: number;
  notes: number;
  avgNoteBytes: number;
  /** A note to save repeatedly in the save benchmark. */
  sampleNote: Note;
  generateMs: number;
  writeMs: number;
}

/** The kinds the app loads at unlock, in the order the load benchmark reads them. */
export const loadKinds = [
  kinds.setting,
  kinds.client,
  kinds.session,
  kinds.note,
  kinds.processNote,
  kinds.template,
];

/** Builds the vault (real KDF) and the plaintext copy under `root`. */
export async function buildFixture(
  root: string,
  size: { notes: number; clients: number },
  log: (line: string) => void,
): Promise<BenchFixture> {
  let start = performance.now();
  const data = benchDemoData(size);
  const generateMs = since(start);
  log(
    `Generated ${data.notes.length} notes for ${data.clients.length} clients in ${(generateMs / 1000).toFixed(1)} s.`,
  );

  const vaultDir = join(root, 'vault');
  const passphrase = randomBytes(16).toString('hex');
  const { vault, recoveryKey } = await Vault.create(vaultDir, passphrase);
  start = performance.now();
  try {
    await writeDemo(vault, data, { batchSize: 2000 });
  } finally {
    await vault.lock();
  }
  const writeMs = since(start);
  log(`Wrote the vault in ${(writeMs / 1000).toFixed(1)} s.`);
  const format2VaultDir = await writeFormat2Vault(join(root, 'format2'), passphrase, data);

  const plainDir = join(root, 'plain');
  await mkdir(plainDir, { mode: 0o700 });
  const byKind: Record<string, Array<{ id: string }>> = {
    [kinds.setting]: [{ id: 'settings', ...data.settings }],
    [kinds.client]: data.clients,
    [kinds.session]: data.sessions,
    [kinds.note]: data.notes,
    [kinds.processNote]: data.processNotes,
    [kinds.template]: [],
  };
  const plainFiles = new Map<string, string[]>();
  const plainSizes = new Map<string, number[]>();
  let noteBytes = 0;
  for (const kind of loadKinds) {
    const records = byKind[kind] ?? [];
    const names = records.map((r) => `${kind}-${r.id}.json`);
    const sizes = await inParallel(records, 32, async (record) => {
      // The same JSON text the vault encrypts (recordJson is JSON.stringify).
      const value = kind === kinds.setting ? data.settings : record;
      const json = JSON.stringify(value);
      const bytes = Buffer.byteLength(json);
      if (kind === kinds.note) noteBytes += bytes;
      await writeFile(join(plainDir, `${kind}-${record.id}.json`), json, { mode: 0o600 });
      return bytes;
    });
    plainFiles.set(kind, names);
    plainSizes.set(kind, sizes);
  }
  const records = [...plainFiles.values()].reduce((sum, names) => sum + names.length, 0);
  return {
    vaultDir,
    format2VaultDir,
    plainDir,
    passphrase,
    recoveryKey,
    plainFiles,
    plainSizes,
    records,
    notes: data.notes.length,
    avgNoteBytes: noteBytes / data.notes.length,
    sampleNote: structuredClone(data.notes[Math.floor(data.notes.length / 2)]!),
    generateMs,
    writeMs,
  };
}

/**
 * How many records the benchmarks' format-2 vault saves in one change (one frame of its log): the
 * demo writer's batches, far larger than a therapist's saves. `1` writes the vault as one save per
 * record does: ten thousand small frames, packed at lock (FORMAT.md §6.1) as the app packs them.
 */
export const BENCH_RECORDS_PER_SAVE = 2000;

/** Writes `data` as a format-2 vault in `<dataDir>/vault`, as the computer of `dataDir`; returns the vault folder. */
export async function writeFormat2Vault(
  dataDir: string,
  passphrase: string,
  data: DemoData,
  recordsPerSave = BENCH_RECORDS_PER_SAVE,
): Promise<string> {
  await mkdir(dataDir, { recursive: true });
  const device = await new ThisDevice(new DeviceConfigStore(dataDir)).identity();
  const vaultDir = join(dataDir, 'vault');
  const { vault } = await SyncedVault.create(vaultDir, passphrase, { device, heartbeatMs: 0 });
  const open = new SyncedOpenVault(vault);
  try {
    await writeDemo(open, data, { batchSize: recordsPerSave });
  } finally {
    await open.lock();
  }
  return vaultDir;
}

/** The benchmarks' demo data: the same seed every time, trimmed to exactly `size.notes` notes. */
export function benchDemoData(size: { notes: number; clients: number }): DemoData {
  return trimToNotes(
    generateDemo({
      clients: size.clients,
      sessionsPerClient: Math.ceil(size.notes / size.clients),
      seed: 2025,
    }),
    size.notes,
  );
}

/** Drops the last session (and its notes) of the last few clients until exactly `count` notes remain. */
export function trimToNotes(data: DemoData, count: number): DemoData {
  let excess = data.notes.length - count;
  if (excess <= 0) return data;
  const dropped = new Set<string>();
  for (let i = data.clients.length - 1; i >= 0 && excess > 0; i--) {
    const clientId = data.clients[i]!.id;
    const last = data.sessions.findLast((s) => s.clientId === clientId);
    if (last) {
      dropped.add(last.id);
      excess--;
    }
  }
  return {
    ...data,
    sessions: data.sessions.filter((s) => !dropped.has(s.id)),
    notes: data.notes.filter((n) => !dropped.has(n.sessionId)),
    processNotes: data.processNotes.filter((p) => !dropped.has(p.sessionId)),
  };
}
