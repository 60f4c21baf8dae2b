/**
 * readRecordsAhead reads a vault's record files before the key is known (`attune verify`'s check
 * thread runs it while the passphrase's key is derived). What it holds must be each file whole, and
 * what it leaves out is read by the check itself.
 */
import { spawn } from 'node:child_process';
import * as nodeFs from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type ReadAheadLimits, readRecordsAhead } from '../../../main/vault/readRecordsAhead';
import { tempDir } from '../helpers/tempDir';
import { bundleChild, childBundleDir } from './child/bundleChild';

const recordName = (n: number) => `${n.toString(16).padStart(32, '0')}.rec`;

/** A records folder with files of the given sizes (file i filled with byte i + 1). */
async function folderOf(sizes: number[]): Promise<string> {
  const dir = await tempDir();
  for (const [i, size] of sizes.entries())
    await writeFile(join(dir, recordName(i)), Buffer.alloc(size, i + 1));
  return dir;
}

const limits = (over: Partial<ReadAheadLimits> = {}): ReadAheadLimits => ({
  stop: new Int32Array(new SharedArrayBuffer(4)),
  maxBytes: 1 << 20,
  maxFiles: Number.MAX_SAFE_INTEGER,
  chunkBytes: 1 << 16,
  ...over,
});

/** Name → the bytes readRecordsAhead holds for it. */
function held(ahead: ReturnType<typeof readRecordsAhead>): Map<string, Buffer> {
  return new Map(
    ahead.names.map((name, i) => [
      name,
      Buffer.from(new Uint8Array(ahead.chunks[ahead.chunkOf[i]!]!, ahead.offsets[i], ahead.lengths[i])),
    ]),
  );
}

describe('readRecordsAhead', () => {
  it('holds every record file whole, and only files named as record files', async () => {
    const dir = await folderOf([0, 1, 700, 5000, 40_000, 3]);
    await writeFile(join(dir, 'notes.txt'), 'not a record');
    await writeFile(join(dir, `${recordName(99)}.tmp-1234`), 'a temp file');
    await mkdir(join(dir, recordName(7))); // a folder where a file should be: unreadable, left out
    const ahead = readRecordsAhead(nodeFs, dir, limits());
    const expected = new Map<string, Buffer>();
    for (const name of await readdir(dir)) {
      if (/^[0-9a-f]{32}\.rec$/.test(name) && name !== recordName(7)) {
        expected.set(name, await readFile(join(dir, name)));
      }
    }
    expect(expected.size).toBe(6);
    expect(held(ahead)).toEqual(expected);
  });

  it('leaves out a file larger than a chunk, and starts a fresh chunk for one that does not fit', async () => {
    const dir = await folderOf([30_000, 30_000, 70_000, 30_000]);
    const ahead = readRecordsAhead(nodeFs, dir, limits({ chunkBytes: 65_536 }));
    expect([...held(ahead).keys()].sort()).toEqual([recordName(0), recordName(1), recordName(3)]);
    for (const [name, bytes] of held(ahead)) expect(bytes).toEqual(await readFile(join(dir, name)));
    expect(ahead.chunks.length).toBeGreaterThanOrEqual(2);
  });

  it('stops at its limits: files, bytes, and the stop flag', async () => {
    const dir = await folderOf([1000, 1000, 1000, 1000, 1000]);
    expect(readRecordsAhead(nodeFs, dir, limits({ maxFiles: 2 })).names).toHaveLength(2);
    // Room for two chunks of 2,500 bytes: two files each.
    const bounded = readRecordsAhead(nodeFs, dir, limits({ chunkBytes: 2500, maxBytes: 5000 }));
    expect(bounded.names).toHaveLength(4);
    expect(bounded.chunks.reduce((sum, c) => sum + c.byteLength, 0)).toBeLessThanOrEqual(5000);
    const stop = new Int32Array(new SharedArrayBuffer(4));
    Atomics.store(stop, 0, 1);
    expect(readRecordsAhead(nodeFs, dir, limits({ stop })).names).toEqual([]);
  });

  it('reads nothing from a folder that is missing', () => {
    expect(readRecordsAhead(nodeFs, '/nonexistent/attune-records', limits()).names).toEqual([]);
  });
});

describe('the check thread read-ahead, awaited in a process with nothing else to do', () => {
  it('keeps the process alive until it answers (an unref\'d thread let the CLI end mid-verify with exit code 0)', async () => {
    const dir = await folderOf([100, 200, 300]);
    const bundle = await bundleChild(await childBundleDir(), join(__dirname, 'child', 'readAheadChild.ts'));
    const child = spawn(process.execPath, [bundle, dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(out.trim()).toBe('read 3');
    expect(code).toBe(0);
  }, 60_000);
});
