import { randomBytes } from 'node:crypto';
import { appendFile, mkdir, rm, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sha256 } from '../../../../main/vault/binary';
import { FaultyFs } from '../../../../main/vault/faults';
import { encodeLogFrame, encodeSegmentHeader, ZERO_HASH } from '../../../../main/vault/v2/logFrame';
import { type DeviceLogRead, readDeviceLog } from '../../../../main/vault/v2/readDeviceLog';
import { segmentFileName } from '../../../../main/vault/v2/syncNames';
import type { DeviceRef } from '../../../../main/vault/v2/types';
import { nodeVaultFs, type VaultFs } from '../../../../main/vault/vaultFs';
import { tempDir } from '../../helpers/tempDir';

const KEY = randomBytes(32);
const VAULT_ID = randomBytes(16);

const newDevice = (): DeviceRef => {
  const id = randomBytes(16);
  return { id, hex: id.toString('hex') };
};

/** A chain of `count` frames of `device`, seq 1.., each payload naming its seq. */
function chain(device: DeviceRef, count: number, from = 1, prev: Buffer = ZERO_HASH): Buffer[] {
  const frames: Buffer[] = [];
  for (let seq = from; seq < from + count; seq++) {
    const { bytes, hash } = encodeLogFrame(KEY, VAULT_ID, device.id, seq, prev, Buffer.from(`change ${seq}`));
    frames.push(bytes);
    prev = hash;
  }
  return frames;
}

async function vaultWith(device: DeviceRef): Promise<{ vaultDir: string; dir: string }> {
  const vaultDir = await tempDir();
  const dir = join(vaultDir, 'devices', device.hex);
  await mkdir(dir, { recursive: true });
  return { vaultDir, dir };
}

const segmentBytes = (device: DeviceRef, segment: number, frames: Buffer[]): Buffer =>
  Buffer.concat([encodeSegmentHeader(device.id, segment), ...frames]);

const read = (vaultDir: string, device: DeviceRef, own: boolean, since?: DeviceLogRead) =>
  readDeviceLog(nodeVaultFs, vaultDir, device, KEY, VAULT_ID, since ? { own, since } : { own });

/** The seqs found, and for each the files it was found in. */
const seqs = (result: DeviceLogRead): number[] => [...result.frames.keys()].sort((a, b) => a - b);

/** Everything a caller sees, in comparable form (frame buffers as hex). */
function comparable(result: DeviceLogRead) {
  return {
    frames: [...result.frames.entries()]
      .sort(([a], [b]) => a - b)
      .map(([seq, found]) => ({
        seq,
        found: found.map((f) => ({
          hash: f.hash.toString('hex'),
          prev: f.prev.toString('hex'),
          payload: f.payload.toString('hex'),
          file: f.file,
          start: f.start,
          end: f.end,
        })),
      })),
    problems: [...result.problems].sort((a, b) => (a.message < b.message ? -1 : 1)),
    positions: [...result.positions.entries()].sort(([a], [b]) => (a < b ? -1 : 1)),
    tail: result.tail,
  };
}

const SYNCTHING_COPY = 'log-000001.sync-conflict-20261203-101500-ABCDEFG.bin';

describe('readDeviceLog', () => {
  it('reads several segments in number order, frames by seq, with their files and offsets', async () => {
    const device = newDevice();
    const { vaultDir, dir } = await vaultWith(device);
    const frames = chain(device, 7);
    await writeFile(join(dir, segmentFileName(1)), segmentBytes(device, 1, frames.slice(0, 3)));
    await writeFile(join(dir, segmentFileName(2)), segmentBytes(device, 2, frames.slice(3, 5)));
    await writeFile(join(dir, segmentFileName(3)), segmentBytes(device, 3, frames.slice(5)));
    await writeFile(join(dir, 'keys.json'), '{}');
    await writeFile(join(dir, 'presence.bin'), 'x');

    const result = await read(vaultDir, device, false);
    expect(result.problems).toEqual([]);
    expect(seqs(result)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const fourth = result.frames.get(4)![0]!;
    expect(fourth.file).toBe('log-000002.bin');
    expect(fourth.start).toBe(25);
    expect(fourth.end).toBe(25 + frames[3]!.length);
    expect(fourth.payload.toString()).toBe('change 4');
    expect(result.frames.get(5)![0]!.prev.equals(fourth.hash)).toBe(true);
    expect(result.positions.get('log-000003.bin')).toEqual({
      size: 25 + frames[5]!.length + frames[6]!.length,
      end: 25 + frames[5]!.length + frames[6]!.length,
    });
    expect(result.tail).toBeNull();

    const own = await read(vaultDir, device, true);
    expect(own.problems).toEqual([]);
    expect(own.tail).toEqual({ segment: 3, end: 25 + frames[5]!.length + frames[6]!.length });
  });

  it('returns an empty read for a device folder that does not exist yet', async () => {
    const device = newDevice();
    const vaultDir = await tempDir();
    const result = await read(vaultDir, device, true);
    expect(result.frames.size).toBe(0);
    expect(result.problems).toEqual([]);
    expect(result.tail).toBeNull();
  });

  it('takes a segment that arrives before the one before it, and the missing one when it comes', async () => {
    const device = newDevice();
    const { vaultDir, dir } = await vaultWith(device);
    const frames = chain(device, 6);
    await writeFile(join(dir, segmentFileName(1)), segmentBytes(device, 1, frames.slice(0, 2)));
    await writeFile(join(dir, segmentFileName(3)), segmentBytes(device, 3, frames.slice(4)));
    const first = await read(vaultDir, device, false);
    expect(first.problems).toEqual([]);
    expect(seqs(first)).toEqual([1, 2, 5, 6]);

    await writeFile(join(dir, segmentFileName(2)), segmentBytes(device, 2, frames.slice(2, 4)));
    const later = await read(vaultDir, device, false, first);
    expect(seqs(later)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(comparable(later)).toEqual(comparable(await read(vaultDir, device, false)));
  });

  it("treats another device's half-copied file as still arriving, and reads the rest once it is complete", async () => {
    const device = newDevice();
    const { vaultDir, dir } = await vaultWith(device);
    const frames = chain(device, 3);
    const whole = segmentBytes(device, 1, frames);
    const path = join(dir, segmentFileName(1));
    const cut = 25 + frames[0]!.length + 40; // inside the second frame
    await writeFile(path, whole.subarray(0, cut));

    const partial = await read(vaultDir, device, false);
    expect(partial.problems).toEqual([]);
    expect(seqs(partial)).toEqual([1]);
    expect(partial.positions.get('log-000001.bin')).toEqual({ size: cut, end: 25 + frames[0]!.length });

    await writeFile(path, whole);
    const complete = await read(vaultDir, device, false, partial);
    expect(complete.problems).toEqual([]);
    expect(seqs(complete)).toEqual([1, 2, 3]);
    expect(comparable(complete)).toEqual(comparable(await read(vaultDir, device, false)));
  });

  it("treats another device's file cut inside its header as still arriving", async () => {
    const device = newDevice();
    const { vaultDir, dir } = await vaultWith(device);
    const whole = segmentBytes(device, 1, chain(device, 1));
    await writeFile(join(dir, segmentFileName(1)), whole.subarray(0, 10));
    const partial = await read(vaultDir, device, false);
    expect(partial.problems).toEqual([]);
    expect(partial.frames.size).toBe(0);

    await writeFile(join(dir, segmentFileName(1)), whole);
    const complete = await read(vaultDir, device, false, partial);
    expect(complete.problems).toEqual([]);
    expect(seqs(complete)).toEqual([1]);
  });

  it('own log: a torn append at the end of the newest segment is the tail, not a problem', async () => {
    const device = newDevice();
    const { vaultDir, dir } = await vaultWith(device);
    const frames = chain(device, 3);
    await writeFile(join(dir, segmentFileName(1)), segmentBytes(device, 1, frames.slice(0, 2)));
    await appendFile(join(dir, segmentFileName(1)), frames[2]!.subarray(0, 30));

    const result = await read(vaultDir, device, true);
    expect(result.problems).toEqual([]);
    expect(seqs(result)).toEqual([1, 2]);
    expect(result.tail).toEqual({ segment: 1, end: 25 + frames[0]!.length + frames[1]!.length });
  });

  it('own log: an older segment that ends in the middle of a frame is damage, at that offset', async () => {
    const device = newDevice();
    const { vaultDir, dir } = await vaultWith(device);
    const frames = chain(device, 4);
    await writeFile(
      join(dir, segmentFileName(1)),
      Buffer.concat([segmentBytes(device, 1, frames.slice(0, 2)), frames[2]!.subarray(0, 50)]),
    );
    await writeFile(join(dir, segmentFileName(2)), segmentBytes(device, 2, frames.slice(3)));

    const result = await read(vaultDir, device, true);
    const end = 25 + frames[0]!.length + frames[1]!.length;
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatchObject({
      type: 'damage',
      file: `devices/${device.hex}/log-000001.bin`,
      deviceHex: device.hex,
    });
    expect(result.problems[0]!.message).toContain(`log-000001.bin from byte ${end}`);
    expect(seqs(result)).toEqual([1, 2, 4]);
    expect(result.tail).toEqual({ segment: 2, end: 25 + frames[3]!.length });
  });

  it('own log: a segment shorter than its header is damage (own segments start whole), and closed', async () => {
    const device = newDevice();
    const { vaultDir, dir } = await vaultWith(device);
    const frames = chain(device, 1);
    await writeFile(join(dir, segmentFileName(1)), segmentBytes(device, 1, frames));
    await writeFile(join(dir, segmentFileName(2)), encodeSegmentHeader(device.id, 2).subarray(0, 12));

    const result = await read(vaultDir, device, true);
    expect(seqs(result)).toEqual([1]);
    expect(result.problems.map((p) => [p.type, p.file])).toEqual([
      ['damage', `devices/${device.hex}/log-000002.bin`],
    ]);
    expect(result.tail).toEqual({ segment: 2, end: 0, closed: true });
    // Another device's file cut there is only still arriving.
    expect((await read(vaultDir, device, false)).problems).toEqual([]);
  });

  it('a damaged byte is damage from that frame on; the frames before it still count', async () => {
    const device = newDevice();
    const { vaultDir, dir } = await vaultWith(device);
    const frames = chain(device, 4);
    const bytes = segmentBytes(device, 1, frames);
    const third = 25 + frames[0]!.length + frames[1]!.length;
    bytes[third + 100]! ^= 0x01; // inside the third frame's ciphertext
    await writeFile(join(dir, segmentFileName(1)), bytes);

    for (const own of [false, true]) {
      const result = await read(vaultDir, device, own);
      expect(seqs(result)).toEqual([1, 2]);
      expect(result.problems).toHaveLength(1);
      expect(result.problems[0]!.type).toBe('damage');
      expect(result.problems[0]!.file).toBe(`devices/${device.hex}/log-000001.bin`);
      expect(result.problems[0]!.message).toContain(
        `Part of ${device.hex}'s changes (log-000001.bin from byte ${third})`,
      );
    }
    // The damaged newest segment is kept as it is; the writer starts a new one.
    expect((await read(vaultDir, device, true)).tail).toEqual({ segment: 1, end: third, closed: true });
  });

  it('a segment whose header names another device, or another number, is skipped as damage', async () => {
    const device = newDevice();
    const other = newDevice();
    const { vaultDir, dir } = await vaultWith(device);
    const frames = chain(device, 3);
    await writeFile(join(dir, segmentFileName(1)), segmentBytes(device, 1, frames.slice(0, 1)));
    await writeFile(join(dir, segmentFileName(2)), segmentBytes(other, 2, frames.slice(1, 2)));
    await writeFile(join(dir, segmentFileName(3)), segmentBytes(device, 7, frames.slice(2)));

    const result = await read(vaultDir, device, false);
    expect(seqs(result)).toEqual([1]);
    expect(result.problems.map((p) => [p.type, p.file])).toEqual([
      ['damage', `devices/${device.hex}/log-000002.bin`],
      ['damage', `devices/${device.hex}/log-000003.bin`],
    ]);
    expect(result.problems[0]!.message).toContain('another device');
  });

  it('a conflict copy holding the same frames is merged silently, noted only as information', async () => {
    const device = newDevice();
    const { vaultDir, dir } = await vaultWith(device);
    const frames = chain(device, 3);
    await writeFile(join(dir, segmentFileName(1)), segmentBytes(device, 1, frames));
    // The tool's copy is an older state of the file: fewer frames, the same bytes.
    await writeFile(join(dir, SYNCTHING_COPY), segmentBytes(device, 1, frames.slice(0, 2)));

    const result = await read(vaultDir, device, false);
    expect(seqs(result)).toEqual([1, 2, 3]);
    for (const found of result.frames.values()) expect(found).toHaveLength(1);
    expect(result.frames.get(1)![0]!.file).toBe('log-000001.bin');
    expect(result.problems.map((p) => p.type)).toEqual(['artefact']);
    expect(result.problems[0]!.file).toBe(`devices/${device.hex}/${SYNCTHING_COPY}`);
    expect(result.problems[0]!.message).toContain('Syncthing');
    expect(result.positions.has(SYNCTHING_COPY)).toBe(true);
  });

  it('a copy of a conflict copy is read as the segment it finally copies', async () => {
    const device = newDevice();
    const { vaultDir, dir } = await vaultWith(device);
    const frames = chain(device, 4);
    await writeFile(join(dir, segmentFileName(1)), segmentBytes(device, 1, frames.slice(0, 2)));
    // iCloud's copy of segment 2, then Google Drive's copy of that; segment 2 itself not here.
    await writeFile(join(dir, 'log-000002 2 (1).bin'), segmentBytes(device, 2, frames.slice(2)));

    const result = await read(vaultDir, device, false);
    expect(seqs(result)).toEqual([1, 2, 3, 4]);
    expect(result.problems.map((p) => p.type)).toEqual(['artefact']);
    expect(result.problems[0]!.message).toContain('log-000002.bin');
    expect(result.problems[0]!.message).toContain('Google Drive');
  });

  it('a conflict copy with a different frame at the same seq is a fork naming both files and the seq', async () => {
    const device = newDevice();
    const { vaultDir, dir } = await vaultWith(device);
    const frames = chain(device, 3);
    // The same device's files used on two computers: both wrote a seq 3 after seq 2.
    const other = chain(device, 1, 3, sha256(frames[1]!)); // a seq 3 with another nonce: other bytes
    await writeFile(join(dir, segmentFileName(1)), segmentBytes(device, 1, frames));
    await writeFile(join(dir, SYNCTHING_COPY), segmentBytes(device, 1, [...frames.slice(0, 2), ...other]));

    const result = await read(vaultDir, device, false);
    expect(seqs(result)).toEqual([1, 2, 3]);
    expect(result.frames.get(3)!.map((f) => f.file)).toEqual(['log-000001.bin', SYNCTHING_COPY]);
    const fork = result.problems.find((p) => p.type === 'fork');
    expect(fork).toBeDefined();
    expect(fork!.message).toContain('change 3');
    expect(fork!.message).toContain('log-000001.bin');
    expect(fork!.message).toContain(SYNCTHING_COPY);
    expect(result.problems.map((p) => p.type).sort()).toEqual(['artefact', 'fork']);
  });

  it('reports a file it does not know as foreign, and ignores temp files, the lock and partial downloads', async () => {
    const device = newDevice();
    const { vaultDir, dir } = await vaultWith(device);
    await writeFile(join(dir, segmentFileName(1)), segmentBytes(device, 1, chain(device, 1)));
    await writeFile(join(dir, 'holiday.jpg'), 'x');
    await writeFile(join(dir, 'log-000002.bin.tmp-0123abcd'), 'x');
    await writeFile(join(dir, 'attune.lock'), 'x');
    await writeFile(join(dir, '.syncthing.log-000002.bin.tmp'), 'x');

    const result = await read(vaultDir, device, false);
    expect(seqs(result)).toEqual([1]);
    expect(result.problems.map((p) => [p.type, p.file])).toEqual([
      ['foreign', `devices/${device.hex}/holiday.jpg`],
    ]);
  });

  it('an incremental re-read reads only the new bytes of a grown file, and nothing of unchanged ones', async () => {
    const device = newDevice();
    const { vaultDir, dir } = await vaultWith(device);
    const frames = chain(device, 5);
    await writeFile(join(dir, segmentFileName(1)), segmentBytes(device, 1, frames.slice(0, 2)));
    await writeFile(join(dir, segmentFileName(2)), segmentBytes(device, 2, frames.slice(2, 3)));
    const first = await read(vaultDir, device, false);

    await appendFile(join(dir, segmentFileName(2)), Buffer.concat(frames.slice(3)));
    const fs = new FaultyFs();
    fs.arm();
    const later = await readDeviceLog(fs, vaultDir, device, KEY, VAULT_ID, { own: false, since: first });
    expect(fs.log.filter((call) => call.startsWith('readFile'))).toEqual([]);
    expect(fs.log.filter((call) => call.startsWith('read '))).toHaveLength(1);
    expect(seqs(later)).toEqual([1, 2, 3, 4, 5]);
    expect(first.added.map((f) => f.seq)).toEqual([1, 2, 3]);
    expect(later.added.map((f) => f.seq)).toEqual([4, 5]);
    expect(later.frames.get(4)![0]!.start).toBe(25 + frames[2]!.length);
    expect(comparable(later)).toEqual(comparable(await read(vaultDir, device, false)));
  });

  it('an incremental re-read names the same files as a full read when copies and forks arrive in any order', async () => {
    const device = newDevice();
    const { vaultDir, dir } = await vaultWith(device);
    const frames = chain(device, 3);
    const other = chain(device, 1, 3, sha256(frames[1]!)); // another seq 3
    const segment = segmentBytes(device, 1, frames);
    // The conflict copy arrives first, whole; the segment itself is still coming in.
    await writeFile(join(dir, SYNCTHING_COPY), segmentBytes(device, 1, [...frames.slice(0, 2), ...other]));
    await writeFile(join(dir, segmentFileName(1)), segment.subarray(0, 25 + frames[0]!.length + 10));
    const first = await read(vaultDir, device, false);
    expect(first.frames.get(1)!.map((f) => f.file)).toEqual(['log-000001.bin']);
    expect(first.frames.get(2)!.map((f) => f.file)).toEqual([SYNCTHING_COPY]);
    expect(first.forkSeqs.size).toBe(0);

    await writeFile(join(dir, segmentFileName(1)), segment);
    const later = await read(vaultDir, device, false, first);
    expect(later.frames.get(2)!.map((f) => f.file)).toEqual(['log-000001.bin']);
    expect(later.frames.get(3)!.map((f) => f.file)).toEqual(['log-000001.bin', SYNCTHING_COPY]);
    expect([...later.forkSeqs]).toEqual([3]);
    expect(later.added.map((f) => [f.seq, f.file])).toEqual([[3, 'log-000001.bin']]);
    expect(comparable(later)).toEqual(comparable(await read(vaultDir, device, false)));
  });

  it('an incremental re-read after a conflict copy was removed drops what only it held', async () => {
    const device = newDevice();
    const { vaultDir, dir } = await vaultWith(device);
    const frames = chain(device, 3);
    const other = chain(device, 1, 3, sha256(frames[1]!));
    await writeFile(join(dir, segmentFileName(1)), segmentBytes(device, 1, frames));
    await writeFile(join(dir, SYNCTHING_COPY), segmentBytes(device, 1, [...frames.slice(0, 2), ...other]));
    const first = await read(vaultDir, device, false);
    expect(first.frames.get(3)).toHaveLength(2);

    await rm(join(dir, SYNCTHING_COPY));
    const later = await read(vaultDir, device, false, first);
    expect(later.frames.get(3)!.map((f) => f.file)).toEqual(['log-000001.bin']);
    expect(later.problems).toEqual([]);
    expect(comparable(later)).toEqual(comparable(await read(vaultDir, device, false)));
  });

  it('an earlier read passed again after a later one took it over still yields every frame', async () => {
    const device = newDevice();
    const { vaultDir, dir } = await vaultWith(device);
    const frames = chain(device, 4);
    await writeFile(join(dir, segmentFileName(1)), segmentBytes(device, 1, frames.slice(0, 2)));
    const first = await read(vaultDir, device, false);
    await appendFile(join(dir, segmentFileName(1)), Buffer.concat(frames.slice(2)));
    const lost = await read(vaultDir, device, false, first);
    expect(lost.added.map((f) => f.seq)).toEqual([3, 4]);
    // The caller failed before keeping `lost` and reads again from `first`.
    const again = await read(vaultDir, device, false, first);
    expect(again.added.map((f) => f.seq).sort()).toEqual([1, 2, 3, 4]);
    expect(comparable(again)).toEqual(comparable(await read(vaultDir, device, false)));
  });

  it('an incremental re-read of a file that shrank (put back to an older copy) reads it whole', async () => {
    const device = newDevice();
    const { vaultDir, dir } = await vaultWith(device);
    const frames = chain(device, 3);
    await writeFile(join(dir, segmentFileName(1)), segmentBytes(device, 1, frames));
    const first = await read(vaultDir, device, false);
    await truncate(join(dir, segmentFileName(1)), 25 + frames[0]!.length);
    const later = await read(vaultDir, device, false, first);
    expect(seqs(later)).toEqual([1]);
    expect(comparable(later)).toEqual(comparable(await read(vaultDir, device, false)));
  });

  it('property: reading incrementally as files grow in any steps gives the same as one full read', async () => {
    const device = newDevice();
    const frames = chain(device, 8);
    const whole = [
      segmentBytes(device, 1, frames.slice(0, 3)),
      segmentBytes(device, 2, frames.slice(3, 6)),
      segmentBytes(device, 3, frames.slice(6)),
    ];
    await fc.assert(
      fc.asyncProperty(
        // Each step: how far each segment has arrived (a fraction of its length, never shrinking).
        fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 2 })), {
          minLength: 1,
          maxLength: 6,
        }),
        fc.boolean(),
        async (steps, own) => {
          const { vaultDir, dir } = await vaultWith(device);
          const arrived = [0, 0, 0];
          let previous: DeviceLogRead | undefined;
          const added: number[] = [];
          for (const [fraction, segment] of [...steps, [1, 0] as const, [1, 1] as const, [1, 2] as const]) {
            const length = Math.max(arrived[segment]!, Math.round(fraction * whole[segment]!.length));
            arrived[segment] = length;
            await writeFile(join(dir, segmentFileName(segment + 1)), whole[segment]!.subarray(0, length));
            const incremental = await read(vaultDir, device, own, previous);
            expect(comparable(incremental)).toEqual(comparable(await read(vaultDir, device, own)));
            added.push(...incremental.added.map((f) => f.seq));
            previous = incremental;
          }
          expect(seqs(previous!)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
          expect(previous!.problems).toEqual([]);
          // Each frame is reported as added exactly once, by the read that first found it.
          expect(added.sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('reads a large segment with one read of the file, and after 100 new frames only their bytes', async () => {
    const device = newDevice();
    const { vaultDir, dir } = await vaultWith(device);
    // ~8 MiB: 2,000 frames of ~4 KiB, then 100 more.
    const frames: Buffer[] = [];
    let prev = ZERO_HASH;
    for (let seq = 1; seq <= 2100; seq++) {
      const frame = encodeLogFrame(KEY, VAULT_ID, device.id, seq, prev, randomBytes(4000));
      frames.push(frame.bytes);
      prev = frame.hash;
    }
    await writeFile(join(dir, segmentFileName(1)), segmentBytes(device, 1, frames.slice(0, 2000)));
    let bytesRead = 0;
    const counting: VaultFs = {
      ...nodeVaultFs,
      readFile: async (path) => {
        const bytes = await nodeVaultFs.readFile(path);
        bytesRead += bytes.length;
        return bytes;
      },
      read: async (fd, length, position) => {
        const bytes = await nodeVaultFs.read(fd, length, position);
        bytesRead += bytes.length;
        return bytes;
      },
    };
    const first = await readDeviceLog(counting, vaultDir, device, KEY, VAULT_ID, { own: false });
    expect(first.frames.size).toBe(2000);
    expect(bytesRead).toBe(first.positions.get('log-000001.bin')!.size);

    const appended = Buffer.concat(frames.slice(2000));
    await appendFile(join(dir, segmentFileName(1)), appended);
    bytesRead = 0;
    const later = await readDeviceLog(counting, vaultDir, device, KEY, VAULT_ID, {
      own: false,
      since: first,
    });
    expect(later.frames.size).toBe(2100);
    expect(later.added).toHaveLength(100);
    // The new frames, and the header's length before them that the frame scanner starts after.
    expect(bytesRead).toBe(appended.length + 25);
  });
});
