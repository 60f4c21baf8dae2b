import { join } from 'node:path';
import { fsyncDir } from '../atomicWrite';
import { writeDurably } from '../backup';
import { type BackupSidecar, SIDECAR_FILE, serializeSidecar } from '../backupSidecar';
import { randomHex, sha256Hex } from '../binary';
import { inParallel, removeFolder } from '../dirs';
import type { GenerationOnDisk } from '../generationsOnDisk';
import { NotPlainFileError, readPlainFile, readSmallFile } from '../readSmallFile';
import { errorCode, isNotFound, type VaultFs } from '../vaultFs';
import type { VerifyReport } from '../vaultTypes';
import { settleGeneration, type WrittenGeneration } from '../writeGeneration';
import { type MergedCounts, SUMMARY_FILE, sealSummary, summaryAd } from './backupSummary';
import { parseKeySlots } from './keySlotsCodec';
import { PACK_HEADER_BYTES, type PackHeader, parsePackHeader, scanPack } from './logPack';
import { MARKER_FILE, readMarkerFile } from './marker';
import { decodePresence } from './presenceFile';
import { RollbackEvidence } from './RollbackEvidence';
import { DEVICES_DIR } from './readAllLogs';
import { readRange } from './readDeviceLog';
import { readKeySlotFiles } from './readKeySlotFiles';
import { decodeSeen } from './seenFile';
import { type PlannedFile, planSyncedGeneration } from './syncedGenerationPlan';
import { blockingProblems, type HeadClaim, type SyncProblem } from './types';
import {
  type CopiedGeneration,
  chainEndKey,
  knownChainEnd,
  rememberChainEnd,
  verifySyncedCopy,
  walkAfter,
} from './verifySyncedCopy';
import { checkSyncedFolder } from './verifySyncedFolder';
import { type FrameLink, walkSegment } from './walkSegment';

/** An open format-2 vault whose own writes have settled (SyncedVault.backupTo runs in its queue). */
export interface SyncedBackupSource {
  fs: VaultFs;
  dir: string;
  vaultId: Buffer;
  keys: { log: Buffer; seen: Buffer; presence: Buffer; summary: Buffer };
  /**
   * This device (hex): its own segments are never still arriving, so all of them are copied, even
   * past a number it skipped (a name taken by something that is not a plain file).
   */
  ownHex?: string;
  /** Records and audit entries as this device has merged them: what a changed-files check reports. */
  records: number;
  auditEntries: number;
  /**
   * This device's merged counts and the head of every log they come from; the generation's
   * summary holds them when the copy ends at exactly those heads. Null: no summary.
   */
  merged?: MergedCounts | null;
  /**
   * The log holds damage acknowledged as repaired (FORMAT.md §9.1): the copy is then checked in
   * full, which reads the acknowledgement, since the damaged bytes fail a check of what was copied.
   */
  repairedDamage?: boolean;
}

// Where hard links are not possible (FAT and exFAT drives, some network shares, another device):
// copy instead (as format 1, writeGeneration.ts).
const LINK_UNSUPPORTED = new Set(['EXDEV', 'EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'EMLINK', 'ENOSYS']);

const stampOf = (s: { size: number; mtimeMs: number; ino: number }): string =>
  `${s.size}:${s.mtimeMs}:${s.ino}`;

/**
 * Builds one generation of a format-2 vault under a `.partial-` name: a complete vault folder
 * (marker, every device's key slots, log segments, seen.bin and presence.bin). A log segment
 * identical to the previous generation's copy is hard-linked from it: every sealed segment (a
 * segment is never rewritten once the next one exists), and an open one nothing was appended to
 * since. Identical is known without reading when its vault file still has the size, time and
 * inode recorded then, or else by its SHA-256. Everything else is copied: each open segment that
 * grew, and the small files. A segment another computer is still sending is copied up to its
 * last complete frame (frames are self-delimiting), and that device's later segments are left
 * out, so the copy holds a prefix of every device's log: what a reader would see had those files
 * not arrived yet. The copy is
 * then verified (in full, or only what was copied while `fullVerifyAt` is recent) and renamed
 * into place. A verify failure is returned, other failures thrown; the partial folder is removed.
 */
export async function writeSyncedGeneration(
  src: SyncedBackupSource,
  setDir: string,
  name: string,
  now: Date,
  previous: GenerationOnDisk | null,
  fullVerifyAt: string | null,
  onProgress: ((done: number, total: number) => void) | undefined,
): Promise<WrittenGeneration> {
  const { fs } = src;
  const partial = join(setDir, `${name}.partial-${randomHex(4)}`);
  const files: Record<string, string> = {};
  const sources: Record<string, string> = {};
  const generation: CopiedGeneration = {
    files,
    copied: new Set(),
    linked: new Map(),
    grown: new Map(),
    packs: new Map(),
  };
  let bytesCopied = 0;
  const started = performance.now();
  try {
    const plan = await planSyncedGeneration(fs, src.dir);
    await fs.mkdir(partial, { mode: 0o700 });
    await fs.mkdir(join(partial, DEVICES_DIR), { mode: 0o700 });
    for (const hex of new Set(plan.map((f) => f.deviceHex))) {
      await fs.mkdir(join(partial, DEVICES_DIR, hex), { mode: 0o700 });
    }
    const known = previous?.sidecar ?? null;
    let done = 0;
    const progress = () => {
      done++;
      if (onProgress && (done % 16 === 0 || done === plan.length)) onProgress(done, plan.length);
    };
    const copy = async (path: string, bytes: Buffer, hash = sha256Hex(bytes)) => {
      await writeDurably(fs, join(partial, path), bytes);
      files[path] = hash;
      generation.copied.add(path);
      bytesCopied += bytes.length;
    };
    const link = (path: string, hash: string): boolean => {
      if (!previous) return false;
      try {
        fs.linkSync(join(previous.dir, path), join(partial, path));
      } catch (error) {
        const code = errorCode(error);
        if (code === 'ENOENT' || (code && LINK_UNSUPPORTED.has(code))) return false;
        throw error;
      }
      files[path] = hash;
      generation.linked.set(path, join(previous.dir, path));
      return true;
    };
    // Per device, the pack a reader uses (FORMAT.md §6.1, §16), carried first: a reader of the copy
    // then reads what a reader of the vault reads, even where a segment the pack covers was cut
    // short or damaged since it was packed (a reader never looks there, and the pack holds those
    // frames whole; without it the copy would lack them). A pack is checked before it is carried
    // (one still arriving, or damaged, is not what a reader uses: the next older is tried), unless
    // it is the previous generation's checked copy, unchanged since.
    const carryPack = async (f: PlannedFile): Promise<PackHeader | null> => {
      const path = join(src.dir, f.path);
      // A pack removed meanwhile (its device packed again, and the sync tool passed that on): the
      // next older one is tried, as a reader does.
      const gone = (error: unknown): null => {
        // Or a link swapped in since the plan: never followed (a reader skips it too).
        if (isNotFound(error) || error instanceof NotPlainFileError) return null;
        throw error;
      };
      const stat = await fs.stat(path).catch(gone);
      if (!stat) return null;
      const stamp = stampOf(stat);
      const before = known?.files[f.path];
      if (before && known?.sources?.[f.path] === stamp) {
        const head = await readRange(fs, path, 0, PACK_HEADER_BYTES).catch(gone);
        const header = head && parsePackHeader(head);
        if (header && link(f.path, before)) {
          sources[f.path] = stamp;
          return header;
        }
      }
      const bytes = await readPlainFile(fs, path).then((read) => read.bytes, gone);
      if (!bytes) return null;
      const name = f.path.slice(f.path.lastIndexOf('/') + 1);
      const scan = scanPack(
        bytes,
        src.keys.log,
        src.vaultId,
        Buffer.from(f.deviceHex, 'hex'),
        f.segment,
        name,
      );
      if (!scan.ok) return null;
      for (const frame of scan.frames) frame.payload.fill(0); // note text
      if (bytes.length === stat.size) sources[f.path] = stamp;
      const hash = sha256Hex(bytes);
      if (!(hash === before && link(f.path, before))) await copy(f.path, bytes, hash);
      return scan.header;
    };
    const carried = generation.packs;
    for (const f of plan.filter((p) => p.type === 'pack').sort((a, b) => b.segment - a.segment)) {
      if (!carried.has(f.deviceHex)) {
        const header = await carryPack(f);
        if (header)
          carried.set(f.deviceHex, { path: f.path, segment: header.segment, segmentEnd: header.segmentEnd });
      }
      progress();
    }
    // Per device, its log in segment order from the first a reader reads whole (1, or the last
    // its carried pack covers): from the first segment missing or still arriving (torn) on, that
    // device's segments are left out of this generation. Segments below a carried pack's last are
    // copied as they are (for readers that ignore packs) and never stop the copy.
    const readFrom = (hex: string) => carried.get(hex)?.segment ?? 1;
    const skipFrom = new Map<string, number>();
    const logs = plan.filter((f) => f.type === 'log').sort((a, b) => a.segment - b.segment);
    for (const hex of new Set(logs.map((f) => f.deviceHex))) {
      if (hex === src.ownHex) continue;
      let expected = readFrom(hex);
      // The pack's last segment not here yet: the pack holds its frames up to where it was packed,
      // and a reader goes on with the next (FORMAT.md §6.1), so the copy does too.
      const pack = carried.get(hex);
      if (pack && !logs.some((f) => f.deviceHex === hex && !f.copyOf && f.segment === pack.segment))
        expected++;
      for (const f of logs) {
        if (f.deviceHex !== hex || f.copyOf || f.segment < readFrom(hex)) continue;
        if (f.segment !== expected) break;
        expected++;
      }
      skipFrom.set(hex, expected);
    }
    const ends = new Map<string, SegmentEnds>();
    const copyLog = async (f: PlannedFile) => {
      if (f.notPlain || (!f.copyOf && f.segment >= (skipFrom.get(f.deviceHex) ?? Infinity))) return;
      const end = ends.get(f.deviceHex) ?? { last: null, unread: [] };
      ends.set(f.deviceHex, end);
      const stat = await fs.stat(join(src.dir, f.path));
      const stamp = stampOf(stat);
      const before = known?.files[f.path];
      if (before && known?.sources?.[f.path] === stamp && link(f.path, before)) {
        sources[f.path] = stamp;
        end.unread.push(f.path);
        return;
      }
      let bytes: Buffer;
      try {
        bytes = (await readPlainFile(fs, join(src.dir, f.path))).bytes;
      } catch (error) {
        // A link (or folder, pipe) swapped in since the plan: never followed, left out as a name
        // that was not a plain file is (readers skip it).
        if (error instanceof NotPlainFileError) return;
        throw error;
      }
      const walk = walkSegment(bytes);
      if (walk.last) {
        end.last = walk.last;
        end.unread = [];
      }
      // Cut short where the carried pack still holds every frame (before its end of that segment),
      // the pack's last segment is still arriving as a reader sees it, which reads on regardless.
      const pack = carried.get(f.deviceHex);
      const packHolds = pack?.segment === f.segment && walk.keep <= pack.segmentEnd;
      if (
        walk.torn &&
        !f.copyOf &&
        f.segment >= readFrom(f.deviceHex) &&
        f.deviceHex !== src.ownHex &&
        !packHolds
      )
        skipFrom.set(f.deviceHex, f.segment + 1);
      const whole = !walk.torn && bytes.length === stat.size;
      const kept = bytes.subarray(0, walk.keep);
      if (whole) sources[f.path] = stamp;
      const hash = sha256Hex(kept);
      if (!walk.torn) rememberChainEnd(hash, walk.last);
      // The pack's last segment: what the next backup's quick check chains the next segment to.
      if (!walk.torn && pack?.segment === f.segment)
        rememberChainEnd(chainEndKey(hash, pack.segmentEnd), walkAfter(kept, pack.segmentEnd).last);
      if (whole && hash === before && link(f.path, before)) return;
      // A segment that grew from the previous generation's whole copy: its check after writing
      // need only decrypt what was appended (verifySyncedCopy).
      const grewFrom = Number(known?.sources?.[f.path]?.split(':')[0]);
      if (before && grewFrom > 0) generation.grown.set(f.path, { size: grewFrom, hash: before });
      await copy(f.path, kept, hash);
    };
    // Logs one after another (a torn segment decides whether later ones are copied), small files
    // in parallel: the file system joins their fsyncs into fewer journal commits.
    for (const f of logs) {
      await copyLog(f);
      progress();
    }
    await inParallel(
      plan.filter((f) => f.type === 'small'),
      8,
      async (f) => {
        // Another computer's file that does not open yet is still arriving (a tool writing in
        // place): left out, as a reader skips it, rather than carried into the backup as damage;
        // so is one that cannot be read (gone meanwhile, or not a plain file of a sane size).
        const bytes = await readSmallFile(fs, join(src.dir, f.path)).catch(() => null);
        if (!bytes || !opens(src, f, bytes)) return progress();
        const hash = sha256Hex(bytes);
        if (!(hash === known?.files[f.path] && link(f.path, hash))) await copy(f.path, bytes, hash);
        progress();
      },
    );
    for (const hex of new Set(plan.map((f) => f.deviceHex)))
      await fsyncDir(fs, join(partial, DEVICES_DIR, hex));
    await fsyncDir(fs, join(partial, DEVICES_DIR));
    const createdAt = now.toISOString();
    const verified = fullVerifyAt === null || src.repairedDamage ? 'full' : 'changed-files';
    const marker = await readMarkerFile(fs, src.dir);
    files[MARKER_FILE] = sha256Hex(marker);
    const sidecar: BackupSidecar = {
      vaultId: src.vaultId.toString('hex'),
      generation: name,
      createdAt,
      verified,
      fullVerifyAt: fullVerifyAt ?? createdAt,
      files,
      sources,
    };
    await writeDurably(fs, join(partial, SIDECAR_FILE), serializeSidecar(sidecar));
    // The counts for listing, when the copy holds exactly the frames they were merged from.
    const hasCopies = logs.some((f) => f.copyOf);
    if (src.merged && !hasCopies && (await endsAtHeads(fs, partial, files, ends, src.merged.heads))) {
      const ad = summaryAd(src.vaultId, name, files);
      await writeSummary(
        fs,
        join(partial, SUMMARY_FILE),
        sealSummary(src.keys.summary, ad, src.merged.counts),
      );
    }
    // The marker last: until it is there, not even the partial folder is a vault (FORMAT.md §13).
    if (!(files[MARKER_FILE] === known?.files[MARKER_FILE] && link(MARKER_FILE, files[MARKER_FILE]))) {
      await writeDurably(fs, join(partial, MARKER_FILE), marker);
      generation.copied.add(MARKER_FILE);
      bytesCopied += marker.length;
    }
    await fsyncDir(fs, partial);

    const writeMs = performance.now() - started;
    const verify =
      verified === 'full'
        ? await verifyWholeCopy(src, partial)
        : await verifySyncedCopy(fs, partial, src, generation);
    const verifyMs = performance.now() - started - writeMs;
    const written: WrittenGeneration = {
      name,
      createdAt,
      copiedFiles: generation.copied.size,
      linkedFiles: generation.linked.size,
      bytesCopied,
      verify,
      verified,
      damagedInVault: verify.ok ? 0 : await damagedInVault(fs, partial, files, verify),
      writeMs,
      verifyMs,
    };
    return await settleGeneration(fs, partial, setDir, sidecar, written);
  } catch (error) {
    // Best effort: whatever is left keeps its .partial- name and is removed by the next backup.
    await removeFolder(fs, partial).catch(() => undefined);
    throw error;
  }
}

/** Per device, the last frame of the log copied so far, and segments linked after it without being read. */
interface SegmentEnds {
  last: FrameLink | null;
  unread: string[];
}

/**
 * Whether every device's log in the copy ends at exactly the frame `heads` names (and no other
 * device has frames): then the copy holds the very frames the counts were merged from (each log
 * is a hash chain, so the same last frame means the same frames), and its summary may say so.
 * Segments linked without being read are walked now, from the newest, for their last frame.
 */
async function endsAtHeads(
  fs: VaultFs,
  dir: string,
  files: Record<string, string>,
  ends: Map<string, SegmentEnds>,
  heads: Record<string, HeadClaim>,
): Promise<boolean> {
  const devices = new Set([...ends.keys(), ...Object.keys(heads)]);
  for (const hex of devices) {
    const end = ends.get(hex);
    let last = end?.last ?? null;
    for (const path of [...(end?.unread ?? [])].reverse()) {
      const walked = await lastFrameOf(fs, join(dir, path), files[path]);
      if (walked) {
        last = walked;
        break;
      }
    }
    const head = heads[hex];
    if (!head && !last) continue;
    if (!head || !last || last.seq !== head.seq || last.hash.toString('hex') !== head.hash) return false;
  }
  return true;
}

/**
 * Writes the summary without an fsync of its own (the generation folder's fsync follows): a
 * summary cut short by a crash does not authenticate, and listing then merges the logs.
 */
async function writeSummary(fs: VaultFs, path: string, bytes: Buffer): Promise<void> {
  const fd = await fs.open(path, 'wx', 0o600);
  try {
    await fs.write(fd, bytes, 0);
  } finally {
    await fs.close(fd);
  }
}

/**
 * The last frame of a linked segment: known from an earlier walk of the same bytes in this
 * process (a linked segment is usually the one the previous backup copied), else walked now.
 */
async function lastFrameOf(fs: VaultFs, path: string, hash: string | undefined): Promise<FrameLink | null> {
  const known = hash === undefined ? undefined : knownChainEnd(hash);
  if (known !== undefined) return known;
  const bytes = await fs.readFile(path);
  const last = walkSegment(bytes).last;
  if (hash !== undefined && sha256Hex(bytes) === hash) rememberChainEnd(hash, last);
  return last;
}

/** Whether a small file opens: key slots that parse and are this vault's, seen.bin and presence.bin authentic. */
function opens(src: SyncedBackupSource, f: PlannedFile, bytes: Buffer): boolean {
  const deviceId = Buffer.from(f.deviceHex, 'hex');
  switch (f.small) {
    case 'keys':
      try {
        return parseKeySlots(bytes).vaultId.equals(src.vaultId);
      } catch {
        return false;
      }
    case 'seen':
      return decodeSeen(src.keys.seen, src.vaultId, deviceId, bytes) !== null;
    case 'presence':
      return decodePresence(src.keys.presence, src.vaultId, deviceId, bytes) !== null;
    default:
      return false;
  }
}

export const asVerifyProblems = (problems: SyncProblem[]): VerifyReport['problems'] =>
  problems.map((p) => ({ file: p.file, problem: p.message }));

/** The check `attune verify` runs, on the copy: every frame of every device decrypted and merged. */
async function verifyWholeCopy(src: SyncedBackupSource, dir: string): Promise<VerifyReport> {
  const { files, problems: slotProblems } = await readKeySlotFiles(src.fs, dir);
  const report = await checkSyncedFolder({
    fs: src.fs,
    dir,
    vaultId: src.vaultId,
    keys: src.keys,
    ownHex: null,
    evidence: new RollbackEvidence(),
    localSeen: undefined,
    maxEpoch: Math.max(0, ...files.map((f) => f.slots.epoch)),
    name: () => undefined,
  });
  const problems = blockingProblems([...slotProblems, ...report.problems]);
  return {
    ok: problems.length === 0,
    records: report.records,
    auditEntries: report.auditEntries,
    problems: asVerifyProblems(problems),
  };
}

/**
 * After a failed check: when every file on the backup drive still holds the bytes written, the
 * damage came from the vault itself (the number of files named), not from the drive (0).
 */
async function damagedInVault(
  fs: VaultFs,
  dir: string,
  files: Record<string, string>,
  verify: VerifyReport,
): Promise<number> {
  for (const [path, hash] of Object.entries(files)) {
    const bytes = await fs.readFile(join(dir, path)).catch(() => null);
    if (!bytes || sha256Hex(bytes) !== hash) return 0;
  }
  return new Set(verify.problems.map((p) => p.file)).size;
}
