import { afterEach, describe, expect, it, vi } from 'vitest';

/**
 * What standard output does on a full disk (`attune export DIR > file`): the kernel takes part of
 * a write, then refuses the rest. Node's process.stdout dropped the rest without a word, so the
 * export ended with 0 and a cut JSON file. Here writeSync stands in for the kernel.
 */
const disk = vi.hoisted(() => ({
  room: Number.POSITIVE_INFINITY,
  chunk: Number.POSITIVE_INFINITY,
  eagainOnce: false,
  written: [] as Buffer[],
}));
vi.mock('node:fs', async (original) => {
  const real = await original<typeof import('node:fs')>();
  const writeSync = (fd: number, buffer: Buffer, offset = 0, length = buffer.length - offset) => {
    if (fd !== 1) return real.writeSync(fd, buffer, offset, length);
    if (disk.eagainOnce) {
      disk.eagainOnce = false;
      throw Object.assign(new Error('EAGAIN: resource temporarily unavailable, write'), { code: 'EAGAIN' });
    }
    if (disk.room <= 0)
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    const n = Math.min(length, disk.room, disk.chunk);
    disk.written.push(Buffer.from(buffer.subarray(offset, offset + n)));
    disk.room -= n;
    return n;
  };
  return { ...real, default: { ...real, writeSync }, writeSync };
});

const { processIo } = await import('../../../main/cli/CliIo');

afterEach(() => {
  disk.room = Number.POSITIVE_INFINITY;
  disk.chunk = Number.POSITIVE_INFINITY;
  disk.eagainOnce = false;
  disk.written = [];
});

describe('the CLI’s standard output', () => {
  const text = `{"notes":"${'é'.repeat(100_000)}"}`;

  it('fails in words when the disk fills part way, instead of ending as if all was written', () => {
    disk.room = 4096;
    expect(() => processIo.out(text)).toThrow(
      'The disk is full: the output could not all be written, so what was written is incomplete. Free some space and run the command again.',
    );
  });

  it('writes every byte, in order, when the kernel takes a write in pieces or asks to wait', () => {
    disk.chunk = 777;
    disk.eagainOnce = true;
    processIo.out(text);
    expect(Buffer.concat(disk.written).toString('utf8')).toBe(`${text}\n`);
  });
});
