import { constants } from 'node:fs';
import { join } from 'node:path';
import { AttuneError } from '../../../shared/errors';
import { atomicWriteFile } from '../atomicWrite';
import { errorCode, isNotFound, type VaultFs } from '../vaultFs';
import { encodeSegmentHeader, MAX_SEGMENT, SEGMENT_HEADER_BYTES } from './logFrame';
import { segmentFileName } from './syncNames';

/** A writer appends to its newest segment until it holds at least this much (FORMAT.md §6). */
export const DEFAULT_SEGMENT_BYTES = 8 * 1024 * 1024;
/** Read and write, refusing a symbolic link (ELOOP) where the system can say so (not Windows). */
const APPEND_NO_FOLLOW = constants.O_RDWR | (constants.O_NOFOLLOW ?? 0);

/**
 * Where the device's own valid log ends, as readDeviceLog reports it. `closed`: the newest
 * segment must not be appended to (it is damaged, or its header is wrong), so nothing in it is
 * truncated and the next append starts a new segment — keeping the damaged bytes as evidence.
 */
export interface LogTail {
  segment: number;
  end: number;
  closed?: boolean;
}

/**
 * This device's log (FORMAT.md §6, §13 Commit): the one place frames are appended. Appends go
 * at explicit offsets so that a failed one can be cut off again, as format 1's JournalWriter does.
 */
export class DeviceLogWriter {
  /** Set when cutting off a failed append failed too: cut again before the next append. */
  private tailUnknown = false;
  private isClosed = false;
  /** Appends run one after another even if a caller does not wait: each needs the last one's end. */
  private queue: Promise<void> = Promise.resolve();
  /**
   * The newest segment's bytes as this device wrote them, and the inode of the file holding them.
   * A sync tool that puts back an older copy of the file (by rename, as they all do) leaves the
   * open descriptor on the replaced file: appending there would commit into a file nobody reads.
   * Before each append the file is checked and, if replaced or cut short, written back whole.
   */
  private chunks: Buffer[] = [];
  private ino = -1;
  /** How many times the newest segment had to be written back (the caller reports it). */
  healed = 0;

  private constructor(
    private readonly fs: VaultFs,
    private readonly deviceDir: string,
    private readonly deviceId: Buffer,
    private readonly segmentBytes: number,
    /** The newest segment's open file, null before the first segment or after a closed tail. */
    private fd: number | null,
    private segment: number,
    private end: number,
    private startNewSegment: boolean,
  ) {}

  /**
   * Opens the device's log for appending at `tail` (null: no segment yet; the first append
   * creates log-000001.bin). A torn tail beyond `tail.end` — a crash during an append, never
   * committed — is cut off and the cut made durable before anything new is written.
   */
  static async open(
    fs: VaultFs,
    deviceDir: string,
    deviceId: Buffer,
    tail: LogTail | null,
    options: { segmentBytes?: number } = {},
  ): Promise<DeviceLogWriter> {
    const segmentBytes = options.segmentBytes ?? DEFAULT_SEGMENT_BYTES;
    if (tail === null) return new DeviceLogWriter(fs, deviceDir, deviceId, segmentBytes, null, 0, 0, true);
    if (tail.closed) {
      return new DeviceLogWriter(fs, deviceDir, deviceId, segmentBytes, null, tail.segment, tail.end, true);
    }
    if (tail.end < SEGMENT_HEADER_BYTES) throw new RangeError(`log tail ${tail.end} is inside the header`);
    const path = join(deviceDir, segmentFileName(tail.segment));
    let fd: number;
    try {
      fd = await fs.open(path, APPEND_NO_FOLLOW);
    } catch (error) {
      // The segment is a symbolic link (put there outside Attune): never write through it to a
      // file elsewhere; the next change starts a new segment, in the device's folder.
      if (errorCode(error) !== 'ELOOP') throw error;
      return new DeviceLogWriter(fs, deviceDir, deviceId, segmentBytes, null, tail.segment, tail.end, true);
    }
    let bytes: Buffer;
    let ino: number;
    try {
      await fs.ftruncate(fd, tail.end);
      await fs.fdatasync(fd);
      bytes = await fs.read(fd, tail.end, 0);
      ino = (await fs.stat(path)).ino;
    } catch (error) {
      await fs.close(fd).catch(() => undefined);
      throw error;
    }
    const writer = new DeviceLogWriter(
      fs,
      deviceDir,
      deviceId,
      segmentBytes,
      fd,
      tail.segment,
      tail.end,
      false,
    );
    writer.chunks = [bytes.subarray(0, tail.end)];
    writer.ino = ino;
    return writer;
  }

  /**
   * Writes the newest segment back if the file on disk is no longer the one this device wrote
   * (replaced by an older copy, or cut short). Called before each append, and by a refresh so
   * that the sync tool sends the whole file out again soon. Returns true when it wrote it back.
   */
  async repair(): Promise<boolean> {
    const run = this.queue.then(() => this.repairNow());
    this.queue = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  private async repairNow(): Promise<boolean> {
    if (this.isClosed || this.fd === null) return false;
    const path = join(this.deviceDir, segmentFileName(this.segment));
    const found = await this.fs.stat(path).catch((error: unknown) => {
      if (isNotFound(error)) return null;
      throw error;
    });
    if (found && found.ino === this.ino && found.size >= this.end) return false;
    const ours = Buffer.concat(this.chunks);
    if (found && !(await this.isOlderCopy(path, ours))) {
      // Not an older copy: frames this session never wrote, so another computer is writing as
      // this device (its files copied there). Writing ours over them would delete its changes
      // there too once synced; keep them (the reader reports the fork) and carry this session's
      // frames of the segment into the next one, so neither side loses anything.
      await this.nextSegment(ours.subarray(SEGMENT_HEADER_BYTES));
      this.healed++;
      return true;
    }
    // An older copy (or none): only this device writes this file, so put back what it wrote.
    await atomicWriteFile(this.fs, path, ours, { syncDir: true });
    const fd = await this.fs.open(path, 'r+');
    const stale = this.fd;
    this.fd = fd;
    this.ino = (await this.fs.stat(path)).ino;
    this.tailUnknown = false;
    this.healed++;
    await this.fs.close(stale).catch(() => undefined);
    return true;
  }

  /** True when the file at `path` holds a beginning of `ours` (an older copy of it), or is gone. */
  private async isOlderCopy(path: string, ours: Buffer): Promise<boolean> {
    const bytes = await this.fs.readFile(path).catch((error: unknown) => {
      if (isNotFound(error)) return null;
      throw error;
    });
    return bytes === null || (bytes.length <= ours.length && ours.subarray(0, bytes.length).equals(bytes));
  }

  /**
   * Makes the next append start a new segment when the newest one already holds `minBytes`. A
   * backup calls it once it has copied the segment: the segment then stays as copied, so the next
   * backup links it rather than copying megabytes again for a few new changes.
   */
  sealIfAtLeast(minBytes: number): void {
    if (!this.isClosed && this.fd !== null && this.end >= minBytes) this.startNewSegment = true;
  }

  /** The newest segment and the end of its last committed frame ({0, 0} before the first). */
  get position(): { segment: number; end: number } {
    return { segment: this.segment, end: this.end };
  }

  /**
   * Appends one frame and makes it durable: the commit point of every change. When this throws,
   * the frame is not in the log (or, if the failure hid a write that reached the disk, it is
   * there whole; the next open finds it, which format 2 allows: old or new, never half).
   */
  append(frame: Buffer): Promise<void> {
    const run = this.queue.then(() => this.appendNow(frame));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async appendNow(frame: Buffer): Promise<void> {
    if (this.isClosed) throw new AttuneError('locked', 'The vault is locked. Unlock it to save changes.');
    if (this.fd === null || this.startNewSegment || this.end >= this.segmentBytes) await this.nextSegment();
    else await this.repairNow();
    const fd = this.fd!;
    if (this.tailUnknown) {
      await this.fs.ftruncate(fd, this.end);
      this.tailUnknown = false;
    }
    const at = this.end;
    try {
      await this.fs.write(fd, frame, at);
      // fdatasync flushes the data and the new length, which is all a reader needs.
      await this.fs.fdatasync(fd);
    } catch (error) {
      await this.fs.ftruncate(fd, at).catch(() => {
        this.tailUnknown = true;
      });
      throw error;
    }
    this.end = at + frame.length;
    this.chunks.push(frame);
  }

  /**
   * Starts the next segment: an atomic write of its header alone (plus, when another computer
   * replaced the newest segment, this session's frames carried over), so a crash leaves either no
   * file or a whole one. The writer moves to it only once it is durable and open; a failure
   * before that leaves the writer where it was, and the next append tries again.
   */
  private async nextSegment(carried: Buffer = Buffer.alloc(0)): Promise<void> {
    const next = this.segment + 1;
    if (next > MAX_SEGMENT) {
      // Six digits are all a segment's name has (FORMAT.md §6). Only names put in the folder from
      // outside can bring a log here (the reader numbers the next segment after them); say so
      // rather than fail with an error that repeating the change cannot fix.
      const last = segmentFileName(MAX_SEGMENT);
      throw new AttuneError(
        'integrity',
        `This computer's change log has no part left after ${last} (in ${this.deviceDir}), so the ` +
          'last change was not saved. Names like log-999990.bin there that are not files Attune ' +
          'wrote (folders, links or files put there by hand or by a tool) use up the numbers: move ' +
          'them out of the vault folder, then lock the vault, unlock it again and repeat the change.',
      );
    }
    const name = segmentFileName(next);
    const path = join(this.deviceDir, name);
    // A segment is never rewritten (FORMAT.md §6). Only a header-only file, left by a creation
    // that failed after its rename, may be replaced; anything more means this session's idea of
    // the log is out of date (the folder changed under it), and writing on would destroy frames.
    const existing = await this.fs.lstat(path).catch((error: unknown) => {
      if (isNotFound(error)) return null;
      throw error;
    });
    if (existing && (!existing.isFile || existing.isSymbolicLink)) {
      // A folder, link or pipe put under the next segment's name since the log was read.
      throw new AttuneError(
        'integrity',
        `${path} is not a file Attune wrote (a folder, link or pipe has the name of this ` +
          "computer's next change log part), so the last change was not saved. Move it out of the " +
          'vault folder, then lock the vault, unlock it again and repeat the change.',
      );
    }
    if (existing && existing.size > SEGMENT_HEADER_BYTES) {
      throw new AttuneError(
        'integrity',
        `This computer's change log (${name}) already holds changes this session did not read, so ` +
          'the last change was not saved. Lock the vault, unlock it again, and repeat the change.',
      );
    }
    const content = Buffer.concat([encodeSegmentHeader(this.deviceId, next), carried]);
    await atomicWriteFile(this.fs, path, content, { syncDir: true });
    const fd = await this.fs.open(path, 'r+');
    let ino: number;
    try {
      ino = (await this.fs.stat(path)).ino;
    } catch (error) {
      await this.fs.close(fd).catch(() => undefined);
      throw error;
    }
    const previous = this.fd;
    this.fd = fd;
    this.ino = ino;
    this.chunks = [content];
    this.segment = next;
    this.end = content.length;
    this.startNewSegment = false;
    this.tailUnknown = false;
    // The previous segment is complete and durable; failing to close it changes nothing on disk.
    if (previous !== null) await this.fs.close(previous).catch(() => undefined);
  }

  /** Closes the log; later appends are refused. Waits for an append under way. */
  async close(): Promise<void> {
    await this.queue;
    if (this.isClosed) return;
    this.isClosed = true;
    const fd = this.fd;
    this.fd = null;
    if (fd !== null) await this.fs.close(fd);
  }
}
