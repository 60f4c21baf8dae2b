import { randomBytes } from 'node:crypto';
import { appendFile, mkdir, readdir, readFile, rename, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sha256 } from '../../../../main/vault/binary';
import { type FaultPlan, FaultyFs } from '../../../../main/vault/faults';
import { DeviceLogWriter } from '../../../../main/vault/v2/deviceLogWriter';
import { encodeLogFrame, encodeSegmentHeader, ZERO_HASH } from '../../../../main/vault/v2/logFrame';
import { readDeviceLog } from '../../../../main/vault/v2/readDeviceLog';
import { segmentFileName } from '../../../../main/vault/v2/syncNames';
import type { DeviceRef } from '../../../../main/vault/v2/types';
import { nodeVaultFs } from '../../../../main/vault/vaultFs';
import { AttuneError } from '../../../../shared/errors';
import { tempDir } from '../../helpers/tempDir';

const KEY = randomBytes(32);
const VAULT_ID = randomBytes(16);

function newDevice(): DeviceRef {
  const id = randomBytes(16);
  return { id, hex: id.toString('hex') };
}

/** A chain of frames seq 1..count; each frame is a little over 1 KiB (the padded minimum). */
function chain(device: DeviceRef, count: number): Buffer[] {
  const frames: Buffer[] = [];
  let prev = ZERO_HASH;
  for (let seq = 1; seq <= count; seq++) {
    const { bytes, hash } = encodeLogFrame(KEY, VAULT_ID, device.id, seq, prev, Buffer.from(`change ${seq}`));
    frames.push(bytes);
    prev = hash;
  }
  return frames;
}

async function deviceFolder(device: DeviceRef): Promise<{ vaultDir: string; dir: string }> {
  const vaultDir = await tempDir();
  const dir = join(vaultDir, 'devices', device.hex);
  await mkdir(dir, { recursive: true });
  return { vaultDir, dir };
}

const readOwn = (vaultDir: string, device: DeviceRef) =>
  readDeviceLog(nodeVaultFs, vaultDir, device, KEY, VAULT_ID, { own: true });

const seqs = (read: Awaited<ReturnType<typeof readOwn>>): number[] =>
  [...read.frames.keys()].sort((a, b) => a - b);

/** The log holds exactly frames 1..n of `frames`, each once, and nothing is wrong with it. */
async function expectLog(vaultDir: string, device: DeviceRef, frames: Buffer[], n: number): Promise<void> {
  const read = await readOwn(vaultDir, device);
  expect(read.problems).toEqual([]);
  expect(seqs(read)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
  for (let seq = 1; seq <= n; seq++) {
    expect(read.frames.get(seq)).toHaveLength(1);
    expect(read.frames.get(seq)![0]!.hash.equals(sha256(frames[seq - 1]!))).toBe(true);
  }
}

describe('DeviceLogWriter', () => {
  it('appends across several segments, each started with its header, and reopens at the tail', async () => {
    const device = newDevice();
    const { vaultDir, dir } = await deviceFolder(device);
    const frames = chain(device, 14);
    const segmentBytes = 3000; // three ~1.1 KiB frames per segment
    const writer = await DeviceLogWriter.open(nodeVaultFs, dir, device.id, null, { segmentBytes });
    expect(writer.position).toEqual({ segment: 0, end: 0 });
    for (const frame of frames.slice(0, 10)) await writer.append(frame);
    await writer.close();

    expect((await readdir(dir)).sort()).toEqual([
      'log-000001.bin',
      'log-000002.bin',
      'log-000003.bin',
      'log-000004.bin',
    ]);
    for (let segment = 1; segment <= 4; segment++) {
      const bytes = await readFile(join(dir, segmentFileName(segment)));
      expect(bytes.subarray(0, 25).equals(encodeSegmentHeader(device.id, segment))).toBe(true);
    }
    const read = await readOwn(vaultDir, device);
    expect(read.tail).toEqual(writer.position);
    expect(writer.position).toEqual({ segment: 4, end: 25 + frames[9]!.length });
    await expectLog(vaultDir, device, frames, 10);

    const again = await DeviceLogWriter.open(nodeVaultFs, dir, device.id, read.tail, { segmentBytes });
    for (const frame of frames.slice(10)) await again.append(frame);
    await again.close();
    await expectLog(vaultDir, device, frames, 14);
  });

  // Skipped on Windows: it has no O_NOFOLLOW, and making a symbolic link there needs privileges.
  it.skipIf(process.platform === 'win32')(
    'never writes through a segment that is a symbolic link to a file outside the folder',
    async () => {
      const device = newDevice();
      const { vaultDir, dir } = await deviceFolder(device);
      const frames = chain(device, 3);
      const outside = join(vaultDir, 'outside.bin');
      await writeFile(outside, Buffer.concat([encodeSegmentHeader(device.id, 1), frames[0]!]));
      await symlink(outside, join(dir, segmentFileName(1)));
      const before = await readFile(outside);
      const read = await readOwn(vaultDir, device);
      const writer = await DeviceLogWriter.open(nodeVaultFs, dir, device.id, read.tail);
      await writer.append(frames[1]!);
      await writer.close();
      expect((await readFile(outside)).equals(before)).toBe(true);
      expect((await readdir(dir)).sort()).toEqual(['log-000001.bin', 'log-000002.bin']);
    },
  );

  it('cuts off a torn append at open, durably, and appends after the last whole frame', async () => {
    const device = newDevice();
    const { vaultDir, dir } = await deviceFolder(device);
    const frames = chain(device, 3);
    const path = join(dir, segmentFileName(1));
    await writeFile(path, Buffer.concat([encodeSegmentHeader(device.id, 1), frames[0]!]));
    await appendFile(path, frames[1]!.subarray(0, 200)); // a crash in the middle of an append

    const read = await readOwn(vaultDir, device);
    expect(read.problems).toEqual([]);
    const writer = await DeviceLogWriter.open(nodeVaultFs, dir, device.id, read.tail);
    expect((await stat(path)).size).toBe(25 + frames[0]!.length);
    await writer.append(frames[1]!);
    await writer.append(frames[2]!);
    await writer.close();
    await expectLog(vaultDir, device, frames, 3);
  });

  it('keeps a damaged newest segment as it is and continues in a new one', async () => {
    const device = newDevice();
    const { vaultDir, dir } = await deviceFolder(device);
    const frames = chain(device, 3);
    const path = join(dir, segmentFileName(1));
    const damaged = Buffer.concat([encodeSegmentHeader(device.id, 1), frames[0]!, frames[1]!]);
    damaged[25 + frames[0]!.length + 60]! ^= 0x80;
    await writeFile(path, damaged);

    const read = await readOwn(vaultDir, device);
    expect(read.tail?.closed).toBe(true);
    const writer = await DeviceLogWriter.open(nodeVaultFs, dir, device.id, read.tail);
    await writer.append(frames[2]!);
    await writer.close();
    expect((await readFile(path)).equals(damaged)).toBe(true);
    expect(writer.position).toEqual({ segment: 2, end: 25 + frames[2]!.length });
    const after = await readOwn(vaultDir, device);
    expect(seqs(after)).toEqual([1, 3]);
    expect(after.problems.map((p) => p.type)).toEqual(['damage']);
  });

  it('refuses to start a segment over one that already holds frames, and changes nothing', async () => {
    const device = newDevice();
    const { vaultDir, dir } = await deviceFolder(device);
    const frames = chain(device, 3);
    await writeFile(
      join(dir, segmentFileName(1)),
      Buffer.concat([encodeSegmentHeader(device.id, 1), frames[0]!]),
    );
    const second = Buffer.concat([encodeSegmentHeader(device.id, 2), frames[1]!]);
    await writeFile(join(dir, segmentFileName(2)), second);

    // A tail from before segment 2 appeared (the folder changed under this session).
    const writer = await DeviceLogWriter.open(
      nodeVaultFs,
      dir,
      device.id,
      { segment: 1, end: 25 + frames[0]!.length },
      { segmentBytes: 1000 },
    );
    const error = await writer.append(frames[2]!).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AttuneError);
    expect((error as AttuneError).kind).toBe('integrity');
    expect((await readFile(join(dir, segmentFileName(2)))).equals(second)).toBe(true);
    await writer.close();
    await expectLog(vaultDir, device, frames, 2);
  });

  it('writes its newest segment back when a sync tool puts an older copy in its place', async () => {
    const device = newDevice();
    const { vaultDir, dir } = await deviceFolder(device);
    const frames = chain(device, 3);
    const path = join(dir, segmentFileName(1));
    const writer = await DeviceLogWriter.open(nodeVaultFs, dir, device.id, null);
    await writer.append(frames[0]!);
    const older = await readFile(path);
    await writer.append(frames[1]!);
    // The tool's way: a new file renamed over the old one.
    await writeFile(`${path}.sync`, older);
    await rename(`${path}.sync`, path);

    await writer.append(frames[2]!);
    await writer.close();
    expect(writer.healed).toBe(1);
    expect((await readdir(dir)).filter((n) => n.startsWith('log-'))).toEqual(['log-000001.bin']);
    await expectLog(vaultDir, device, frames, 3);
  });

  it('keeps frames another computer wrote as this device in its newest segment, and carries its own on', async () => {
    const device = newDevice();
    const { vaultDir, dir } = await deviceFolder(device);
    const frames = chain(device, 3);
    const path = join(dir, segmentFileName(1));
    const writer = await DeviceLogWriter.open(nodeVaultFs, dir, device.id, null);
    await writer.append(frames[0]!);
    await writer.append(frames[1]!);
    // The other computer's file: frame 1, then its own frame 2.
    const theirs = Buffer.concat([
      encodeSegmentHeader(device.id, 1),
      frames[0]!,
      encodeLogFrame(KEY, VAULT_ID, device.id, 2, sha256(frames[0]!), Buffer.from('elsewhere')).bytes,
    ]);
    await writeFile(`${path}.sync`, theirs);
    await rename(`${path}.sync`, path);

    await writer.append(frames[2]!);
    await writer.close();
    expect((await readFile(path)).equals(theirs)).toBe(true);
    expect(writer.position.segment).toBe(2);
    const read = await readOwn(vaultDir, device);
    expect(seqs(read)).toEqual([1, 2, 3]);
    expect(read.frames.get(1)).toHaveLength(1);
    expect(read.frames.get(2)!.some((f) => f.hash.equals(sha256(frames[1]!)))).toBe(true);
    expect(read.frames.get(2)).toHaveLength(2);
    expect(read.frames.get(3)![0]!.hash.equals(sha256(frames[2]!))).toBe(true);
    expect(read.problems.map((p) => p.type)).toEqual(['fork']);
  });

  it('runs appends made without waiting one after another, in order', async () => {
    const device = newDevice();
    const { vaultDir, dir } = await deviceFolder(device);
    const frames = chain(device, 8);
    const writer = await DeviceLogWriter.open(nodeVaultFs, dir, device.id, null, { segmentBytes: 3000 });
    await Promise.all(frames.map((frame) => writer.append(frame)));
    await writer.close();
    await expectLog(vaultDir, device, frames, 8);
  });

  it('refuses appends once closed', async () => {
    const device = newDevice();
    const { dir } = await deviceFolder(device);
    const writer = await DeviceLogWriter.open(nodeVaultFs, dir, device.id, null);
    await writer.close();
    await expect(writer.append(chain(device, 1)[0]!)).rejects.toMatchObject({ kind: 'locked' });
  });

  // 'once': one call fails. 'crash' + reopen: every call from the failing one on fails, as when the
  // process dies. 'crash' + retry: an outage (disk full, drive gone) that ends, the session going on
  // with the same writer — cutting off the failed append failed too, so the tail is unknown.
  describe.each([
    { mode: 'once', after: 'retry', newSegment: false },
    { mode: 'once', after: 'retry', newSegment: true },
    { mode: 'crash', after: 'reopen', newSegment: false },
    { mode: 'crash', after: 'reopen', newSegment: true },
    { mode: 'crash', after: 'retry', newSegment: false },
    { mode: 'crash', after: 'retry', newSegment: true },
  ] as const)(
    'a failure at any step ($mode, then $after, new segment: $newSegment)',
    ({ mode, after, newSegment }) => {
      it('leaves the log readable with the frame whole or absent, and the log goes on', async () => {
        const device = newDevice();
        const frames = chain(device, 4);
        // The append that meets the failure carries a longer third frame than the one a retry
        // writes (a retry encodes the change again): bytes of the failed one left behind the
        // shorter one would read as damage, so this sees whether a failed append is cut off.
        const longThird = encodeLogFrame(
          KEY,
          VAULT_ID,
          device.id,
          3,
          sha256(frames[1]!),
          randomBytes(3000),
        ).bytes;
        // Two frames in segment 1; with the small limit the third append starts segment 2.
        const segmentBytes = newSegment ? 2000 : 1 << 20;
        let steps = 0;
        for (let step = 1; step < 100; step++) {
          const { vaultDir, dir } = await deviceFolder(device);
          await writeFile(
            join(dir, segmentFileName(1)),
            Buffer.concat([encodeSegmentHeader(device.id, 1), frames[0]!, frames[1]!]),
          );
          const tail = (await readOwn(vaultDir, device)).tail;
          const fs = new FaultyFs();
          const plan: FaultPlan = { at: step, mode };
          fs.arm(plan);
          let writer: DeviceLogWriter | null = null;
          let committed = false;
          try {
            writer = await DeviceLogWriter.open(fs, dir, device.id, tail, { segmentBytes });
            await writer.append(longThird);
            committed = true;
          } catch (error) {
            expect((error as NodeJS.ErrnoException).code).toBe('EIO');
          }
          const fired = fs.fired;
          fs.disarm();

          // What a reader finds right after the failure (for 'crash': what the next open finds).
          const read = await readOwn(vaultDir, device);
          expect(read.problems).toEqual([]);
          const found = seqs(read);
          expect([
            [1, 2],
            [1, 2, 3],
          ]).toContainEqual(found);
          if (committed) expect(found).toEqual([1, 2, 3]);
          if (found.length === 3) expect(read.frames.get(3)![0]!.hash.equals(sha256(longThird))).toBe(true);
          let third = found.length === 3 ? longThird : frames[2]!;

          if (after === 'retry' && writer) {
            // The same session carries on: a retry of the failed append, then the next one.
            third = committed ? longThird : frames[2]!;
            if (!committed) await writer.append(third);
            await writer.append(frames[3]!);
            await writer.close();
          } else {
            // The process died (or never opened the log): the next session opens at the tail it reads.
            const next = await DeviceLogWriter.open(nodeVaultFs, dir, device.id, read.tail, { segmentBytes });
            if (found.length === 2) await next.append(frames[2]!);
            await next.append(frames[3]!);
            await next.close();
          }
          await expectLog(vaultDir, device, [frames[0]!, frames[1]!, third, frames[3]!], 4);
          if (newSegment) {
            const segments = (await readdir(dir)).filter(
              (name) => name.startsWith('log-') && name.endsWith('.bin'),
            );
            // The long third frame fills segment 2, so the fourth starts segment 3.
            const expected = ['log-000001.bin', 'log-000002.bin'];
            if (third === longThird) expected.push('log-000003.bin');
            expect(segments.sort()).toEqual(expected);
          }
          if (!fired) {
            steps = step - 1;
            break;
          }
        }
        // open (r+, ftruncate, fdatasync) and append (write, fdatasync) at least; more with a new segment.
        expect(steps).toBeGreaterThanOrEqual(newSegment ? 12 : 5);
      });
    },
  );
});
