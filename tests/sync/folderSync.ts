import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { conflictCopyName } from './conflictCopyName';
import { createRng, type Rng } from './createRng';
import { replaceByRename } from './replaceByRename';
import { snapshotFolder } from './snapshotFolder';
import { defaultFaults, incomingWins, type SyncFaults, type SyncTool } from './syncTools';
import type { DeviceState, Download, FileState, Transfer, Upload, Version } from './transfers';

export interface FolderSyncOptions {
  /** One folder per device: the same vault folder as each computer sees it. */
  folders: readonly string[];
  seed: number;
  tool: SyncTool;
  /** Computer names, as they appear in Dropbox and OneDrive conflict copies. */
  deviceNames?: readonly string[];
  /** Overrides of the tool's default fault rates (see defaultFaults). */
  faults?: Partial<SyncFaults>;
  /** Start of the simulated clock, ms since epoch (conflict copy names carry it). */
  startTime?: number;
}

/** What the simulator counted, for tests that a fault really happened. */
export interface FolderSyncStats {
  uploads: number;
  downloads: number;
  partials: number;
  conflicts: number;
  staleOverwrites: number;
}

const DEFAULT_NAMES = ['OFFICE-IMAC', 'LAPTOP', 'HOME-PC', 'SPARE-MAC'];
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
/** Older contents kept per path for stale overwrites. */
const HISTORY = 8;

/**
 * A seeded, deterministic model of a folder-sync tool moving files between N device folders.
 * It works on any files (it knows nothing of the vault format). The tools' shared behaviour is
 * modelled as one index of versions per path (the server for Dropbox, OneDrive, iCloud, Google
 * Drive and Nextcloud; the cluster's agreed global state for Syncthing): each device uploads what
 * changed since its last scan and downloads what others changed, with delays, in random order,
 * partially, with the tool's conflict copies and, for "newer wins" tools, older versions winning.
 * Every decision comes from the seeded Rng and a simulated clock, so a seed replays exactly;
 * `log` says what happened, step by step.
 */
export class FolderSync {
  readonly tool: SyncTool;
  readonly faults: SyncFaults;
  readonly log: string[] = [];
  readonly stats: FolderSyncStats = {
    uploads: 0,
    downloads: 0,
    partials: 0,
    conflicts: 0,
    staleOverwrites: 0,
  };
  private readonly rng: Rng;
  private readonly devices: DeviceState[];
  private readonly index = new Map<string, { current: Version; older: Version[] }>();
  private readonly queue: Transfer[] = [];
  private seq = 0;
  private stepNo = 0;
  private now: number;
  private settling = false;
  private tempCounter = 0;

  constructor(options: FolderSyncOptions) {
    this.tool = options.tool;
    this.faults = { ...defaultFaults(options.tool), ...options.faults };
    this.rng = createRng(options.seed);
    this.now = options.startTime ?? Date.UTC(2026, 0, 5, 10, 10, 10);
    this.devices = options.folders.map((folder, index) => ({
      index,
      folder,
      name: options.deviceNames?.[index] ?? DEFAULT_NAMES[index] ?? `DEVICE-${index + 1}`,
      shortId: Array.from({ length: 7 }, () => this.rng.pick([...BASE32])).join(''),
      online: true,
      base: new Map(),
      seen: new Map(),
    }));
  }

  /** The device's name and Syncthing short id, as conflict copies show them. */
  device(index: number): { name: string; shortId: string; online: boolean } {
    const d = this.at(index);
    return { name: d.name, shortId: d.shortId, online: d.online };
  }

  /** The simulated time, ms since epoch. */
  get time(): number {
    return this.now;
  }

  /** Transfers queued and not yet delivered. */
  get pending(): number {
    return this.queue.length;
  }

  /** An offline device neither sends nor receives; back online, it exchanges everything. */
  setOnline(index: number, online: boolean): void {
    const d = this.at(index);
    if (d.online === online) return;
    d.online = online;
    this.note(`${this.label(d)} ${online ? 'back online' : 'offline'}`);
  }

  /**
   * One round of the tool: scan every online folder, then deliver some ready transfers in random
   * order. Call it between the devices' operations, not while one runs. (Async although the work
   * inside is synchronous, for speed: callers await it, so the I/O can change without them.)
   */
  async step(): Promise<void> {
    this.stepNo++;
    this.now += 1000 * (1 + this.rng.int(120));
    for (const d of this.devices) if (d.online) this.scan(d);
    if (this.rng.chance(this.faults.staleOverwriteRate)) this.staleOverwrite();
    const ready = this.queue.filter(
      (t) => t.readyAt <= this.stepNo && this.at(t.device).online && this.rng.chance(this.faults.deliverRate),
    );
    for (const t of this.rng.shuffle(ready)) this.deliver(t);
  }

  /**
   * Brings every device online and delivers everything outstanding with no more faults (no
   * partial files, no stale overwrites, no delays) until every folder holds the same files,
   * conflict copies included. Throws, with the end of the log, if they do not converge.
   */
  async settle(): Promise<void> {
    this.settling = true;
    try {
      for (const d of this.devices) this.setOnline(d.index, true);
      for (let round = 0; round < 1000; round++) {
        this.stepNo++;
        this.now += 1000;
        let changed = false;
        for (const d of this.devices) changed = this.scan(d) || changed;
        if (!changed && this.queue.length === 0) return this.assertConverged();
        // Uploads first: a download waits while its device has its own change of that path in flight.
        for (const t of this.queue.filter((q) => q.kind === 'upload')) this.deliver(t);
        for (const t of this.queue.filter((q) => q.kind === 'download')) this.deliver(t);
      }
      throw new Error(`folder sync did not settle in 1000 rounds\n${this.log.slice(-40).join('\n')}`);
    } finally {
      this.settling = false;
    }
  }

  /** Removes the staging folders the tool wrote whole files through (beside each device folder). */
  async dispose(): Promise<void> {
    for (const d of this.devices) if (d.staging) rmSync(d.staging, { recursive: true, force: true });
  }

  private at(index: number): DeviceState {
    const d = this.devices[index];
    if (!d) throw new Error(`no device ${index}`);
    return d;
  }

  private label(d: DeviceState): string {
    return `d${d.index}`;
  }

  private note(line: string): void {
    this.log.push(`${this.stepNo}: ${line}`);
  }

  /** Steps a queued transfer waits: usually a few, sometimes many (a file arriving long after). */
  private delay(): number {
    let steps = 1 + this.rng.int(this.faults.maxDelay + 1);
    if (this.rng.chance(this.faults.longDelayRate)) steps += this.rng.int(this.faults.longDelay + 1);
    return steps;
  }

  /** Compares the folder with what the tool last saw there; queues an upload per change. */
  private scan(d: DeviceState): boolean {
    const files = snapshotFolder(d.folder);
    let changed = false;
    for (const [path, bytes] of files) {
      const hash = hashOf(bytes);
      if (d.seen.get(path) === hash) continue;
      d.seen.set(path, hash);
      const diskMtime = statIfThere(join(d.folder, path))?.mtimeMs ?? this.now;
      this.localChange(d, path, { bytes, hash, mtime: this.now, diskMtime });
      changed = true;
    }
    for (const path of [...d.seen.keys()]) {
      if (files.has(path)) continue;
      d.seen.delete(path);
      this.localChange(d, path, { bytes: null, hash: null, mtime: this.now, diskMtime: this.now });
      changed = true;
    }
    return changed;
  }

  private localChange(d: DeviceState, path: string, state: FileState): void {
    const base = d.base.get(path);
    const pending = this.queue.find(
      (t): t is Upload => t.kind === 'upload' && t.device === d.index && t.path === path,
    );
    if (state.hash === (base?.hash ?? null)) {
      if (pending) this.remove(pending);
      return;
    }
    if (pending) {
      // The tools send a path's latest state, not every intermediate one.
      pending.state = state;
      return;
    }
    const readyAt = this.stepNo + (this.settling ? 0 : this.delay());
    const parentSeq = base?.seq ?? 0;
    this.queue.push({ kind: 'upload', device: d.index, path, parentSeq, state, readyAt });
    const what = state.bytes ? `changed ${path} (${state.bytes.length} B)` : `deleted ${path}`;
    this.note(`${this.label(d)} ${what}`);
  }

  private deliver(t: Transfer): void {
    if (t.kind === 'upload') {
      this.remove(t);
      this.receiveUpload(t);
      return;
    }
    const outcome = this.receiveDownload(t);
    if (outcome === 'done') this.remove(t);
    else t.readyAt = this.stepNo + (outcome === 'partial' && !this.settling ? this.delay() : 1);
  }

  private remove(t: Transfer): void {
    const at = this.queue.indexOf(t);
    if (at >= 0) this.queue.splice(at, 1);
  }

  /** The index takes a device's change: a new version, or a conflict resolved the tool's way. */
  private receiveUpload(u: Upload): void {
    this.stats.uploads++;
    const d = this.at(u.device);
    const { hash } = u.state;
    const current = this.index.get(u.path)?.current;
    if (current && current.hash === hash) {
      d.base.set(u.path, { seq: current.seq, hash });
      return;
    }
    if (!current && hash === null) {
      d.base.delete(u.path);
      return;
    }
    const concurrent = current !== undefined && current.seq !== u.parentSeq;
    if (!concurrent || current.hash === null) {
      // A change over a deletion made meanwhile wins too: every tool keeps the edited file.
      const v = this.publish(u.path, u.state, d.index, d.index);
      d.base.set(u.path, { seq: v.seq, hash });
      return;
    }
    if (hash === null) {
      // Deleted here, changed elsewhere: the change wins and comes back (Syncthing's WinsConflict).
      this.note(`${this.label(d)}'s deletion of ${u.path} lost to a change from d${current.device}`);
      d.base.set(u.path, { seq: u.parentSeq, hash: null });
      this.send(d, u.path, current);
      return;
    }
    this.stats.conflicts++;
    const owner = this.at(current.device);
    if (
      incomingWins(
        this.tool,
        { mtime: u.state.mtime, shortId: d.shortId },
        { mtime: current.mtime, shortId: owner.shortId },
      )
    ) {
      const v = this.publish(u.path, u.state, d.index, d.index);
      d.base.set(u.path, { seq: v.seq, hash });
      this.conflictCopy(u.path, current, owner, d);
    } else {
      d.base.set(u.path, { seq: u.parentSeq, hash });
      this.send(d, u.path, current);
      this.conflictCopy(u.path, u.state, d, owner);
    }
  }

  private conflictCopy(path: string, state: FileState, loser: DeviceState, winner: DeviceState): void {
    const time = new Date(this.tool === 'nextcloud' ? state.mtime : this.now);
    let copy = conflictCopyName(this.tool, path, { deviceName: loser.name, shortId: loser.shortId, time });
    for (let attempt = 1; (this.index.get(copy)?.current.hash ?? null) !== null; attempt++) {
      copy = conflictCopyName(
        this.tool,
        path,
        { deviceName: loser.name, shortId: loser.shortId, time },
        attempt,
      );
    }
    this.note(
      `conflict on ${path}: d${winner.index}'s version keeps the name, d${loser.index}'s becomes ${copy}`,
    );
    this.publish(copy, state, loser.index, -1);
  }

  /** Makes a new current version of `path` and queues it to every device but `except`. */
  private publish(path: string, state: FileState, device: number, except: number): Version {
    const { bytes, hash, mtime, diskMtime } = state;
    const v: Version = { seq: ++this.seq, bytes, hash, mtime, diskMtime, device };
    const entry = this.index.get(path);
    if (!entry) this.index.set(path, { current: v, older: [] });
    else {
      if (entry.current.hash !== null) entry.older.push(entry.current);
      if (entry.older.length > HISTORY) entry.older.shift();
      entry.current = v;
    }
    for (const d of this.devices) if (d.index !== except) this.send(d, path, v);
    return v;
  }

  private send(d: DeviceState, path: string, version: Version): void {
    const readyAt = this.stepNo + (this.settling ? 0 : this.delay());
    this.queue.push({ kind: 'download', device: d.index, path, version, readyAt, partial: false });
  }

  /**
   * "Newer wins" gone wrong: an older version of a file becomes current again and replaces the
   * newer one everywhere, as when a device that was away comes back with old files whose mtimes
   * look newer. Only the tools whose defaults allow it (Syncthing: never).
   */
  private staleOverwrite(): void {
    const candidates = [...this.index].filter(
      ([, e]) => e.current.hash !== null && e.older.some((o) => o.hash !== e.current.hash),
    );
    if (candidates.length === 0) return;
    const [path, entry] = this.rng.pick(candidates);
    const old = this.rng.pick(entry.older.filter((o) => o.hash !== entry.current.hash));
    const by = this.rng.int(this.devices.length);
    this.stats.staleOverwrites++;
    this.note(
      `stale overwrite: ${path} goes back to version #${old.seq} over #${entry.current.seq}, pushed by d${by}`,
    );
    this.publish(path, old, by, -1);
  }

  private receiveDownload(t: Download): 'done' | 'wait' | 'partial' {
    const d = this.at(t.device);
    const v = t.version;
    if (this.queue.some((q) => q.kind === 'upload' && q.device === d.index && q.path === t.path))
      return 'wait';
    const target = join(d.folder, t.path);
    const local = readIfThere(target);
    // Changed since the last scan: the next scan uploads it, and the index decides.
    if ((local ? hashOf(local) : null) !== (d.seen.get(t.path) ?? null)) return 'wait';
    const base = d.base.get(t.path);
    if (base && v.seq <= base.seq) return 'done'; // overtaken by a newer version already here
    this.stats.downloads++;
    if (v.bytes === null) {
      if (local) unlinkSync(target);
      d.seen.delete(t.path);
      d.base.set(t.path, { seq: v.seq, hash: null });
      this.note(`${this.label(d)} <- deleted ${t.path} (#${v.seq})`);
      return 'done';
    }
    if (!t.partial && !this.settling && v.bytes.length > 0 && this.rng.chance(this.faults.partialRate)) {
      // Written in place, or seen mid-copy: a prefix now, the rest at a later step.
      const prefix = v.bytes.subarray(0, this.rng.int(v.bytes.length));
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, prefix);
      d.seen.set(t.path, hashOf(prefix));
      t.partial = true;
      this.stats.partials++;
      this.note(`${this.label(d)} <- ${t.path} (#${v.seq}) partial ${prefix.length}/${v.bytes.length} B`);
      return 'partial';
    }
    this.replace(d, t.path, v.bytes, v.diskMtime);
    d.seen.set(t.path, v.hash!);
    d.base.set(t.path, { seq: v.seq, hash: v.hash });
    this.note(
      `${this.label(d)} <- ${t.path} (#${v.seq}, ${v.bytes.length} B)${t.partial ? ' completed' : ''}`,
    );
    return 'done';
  }

  /** Whole-file replace by rename, with the source's mtime, through the tool's own temp file. */
  private replace(d: DeviceState, path: string, bytes: Buffer, diskMtime: number): void {
    const target = join(d.folder, path);
    let temp: string;
    if (this.tool === 'syncthing') {
      // Syncthing writes `.syncthing.<name>.tmp` beside the file (lib/fs/tempname.go).
      temp = join(dirname(target), `.syncthing.${basename(target)}.tmp`);
    } else {
      // The others download into their own cache folder, then move the file in.
      d.staging ??= mkdtempSync(join(dirname(d.folder), `.${basename(d.folder)}.sync-staging-`));
      temp = join(d.staging, String(++this.tempCounter));
    }
    replaceByRename(target, bytes, diskMtime, temp);
  }

  private assertConverged(): void {
    const [first, ...rest] = this.devices.map((d) => snapshotFolder(d.folder));
    if (!first) return;
    rest.forEach((other, i) => {
      const paths = new Set([...first.keys(), ...other.keys()]);
      for (const path of paths) {
        const a = first.get(path);
        const b = other.get(path);
        if (a && b && a.equals(b)) continue;
        throw new Error(
          `folder sync settled but d0 and d${i + 1} differ at ${path} (${a?.length ?? 'absent'} vs ${b?.length ?? 'absent'} B)\n${this.log.slice(-40).join('\n')}`,
        );
      }
    });
  }
}

const hashOf = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

function readIfThere(path: string): Buffer | null {
  return ifThere(() => readFileSync(path)) ?? null;
}

function statIfThere(path: string): { mtimeMs: number } | undefined {
  return ifThere(() => statSync(path));
}

function ifThere<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
