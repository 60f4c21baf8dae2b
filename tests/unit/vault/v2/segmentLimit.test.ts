import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DeviceLogWriter } from '../../../../main/vault/v2/deviceLogWriter';
import {
  encodeLogFrame,
  encodeSegmentHeader,
  MAX_SEGMENT,
  ZERO_HASH,
} from '../../../../main/vault/v2/logFrame';
import { SyncedVault } from '../../../../main/vault/v2/SyncedVault';
import { segmentFileName } from '../../../../main/vault/v2/syncNames';
import { nodeVaultFs } from '../../../../main/vault/vaultFs';
import { AttuneError } from '../../../../shared/errors';
import { A, kdf, PASS, tempRootsPerTest } from './v2Kit';

/**
 * A folder, link or file under the last segment name there is (log-999999.bin) in this computer's
 * own folder. This device's next segment is numbered after any name it skips, so before, the next
 * one was 1,000,000, which no name can hold: every save, and so every open (it saves an entry),
 * failed with "bad segment number 1000000".
 */
const tempRoot = tempRootsPerTest('attune-segment-limit-');
const office = { device: { hex: A, name: 'Office iMac' }, heartbeatMs: 0 };
const LAST = segmentFileName(MAX_SEGMENT);

describe('the last segment number', () => {
  it.each([
    ['a folder', (path: string) => mkdir(path)],
    ['a link', (path: string) => symlink('log-000001.bin', path)],
  ])(
    '%s named like the last segment does not stop this computer from opening the vault and saving',
    async (_what, make) => {
      if (process.platform === 'win32') return; // links need a privilege there
      const root = await tempRoot();
      const dir = join(root, 'vault');
      const { vault } = await SyncedVault.create(dir, PASS, { ...office, kdf });
      await vault.put('note', 'n1', { i: 1 });
      await vault.lock();
      const own = join(dir, 'devices', A);
      await make(join(own, LAST));

      const opened = await SyncedVault.open(dir, { passphrase: PASS }, office);
      try {
        await opened.put('note', 'n2', { i: 2 });
        expect((await opened.getAll('note')).map((r) => r.id).sort()).toEqual(['n1', 'n2']);
        expect(
          opened
            .problems()
            .map((p) => p.message)
            .join('\n'),
        ).toContain(
          `${LAST} in the folder of Office iMac's changes is not readable (it is not a plain file)`,
        );
      } finally {
        await opened.lock();
      }
      // Still this computer's log (no new identity), and written where readers look.
      const reopened = await SyncedVault.open(dir, { passphrase: PASS }, office);
      try {
        expect(reopened.deviceHex).toBe(A);
        expect((await reopened.getAll('note')).length).toBe(2);
      } finally {
        await reopened.lock();
      }
      expect((await readdir(own)).filter((n) => n.startsWith('log-')).sort()).toEqual([
        'log-000001.bin',
        LAST,
      ]);
    },
  );

  it('a folder put under the next segment’s name while the log is open: a save is refused with what to do', async () => {
    const root = await tempRoot();
    const id = randomBytes(16);
    const dir = join(root, 'devices', id.toString('hex'));
    await mkdir(dir, { recursive: true });
    const key = randomBytes(32);
    const vaultId = randomBytes(16);
    const frame = (seq: number) => encodeLogFrame(key, vaultId, id, seq, ZERO_HASH, Buffer.from('x')).bytes;
    const bytes = Buffer.concat([encodeSegmentHeader(id, 1), frame(1)]);
    await writeFile(join(dir, segmentFileName(1)), bytes);
    const writer = await DeviceLogWriter.open(
      nodeVaultFs,
      dir,
      id,
      { segment: 1, end: bytes.length },
      { segmentBytes: 100 },
    );
    try {
      await mkdir(join(dir, segmentFileName(2)));
      const error = await writer.append(frame(2)).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(AttuneError);
      expect((error as AttuneError).message).toMatch(
        new RegExp(`${segmentFileName(2)} is not a file Attune wrote.*was not saved.*Move it out`, 's'),
      );
      expect((await readdir(dir)).sort()).toEqual([segmentFileName(1), segmentFileName(2)]);
      expect((await readFile(join(dir, segmentFileName(1)))).equals(bytes)).toBe(true);
    } finally {
      await writer.close();
    }
  });

  it('a log that has used the last number: a save is refused with what to do, and nothing changes', async () => {
    const root = await tempRoot();
    const id = randomBytes(16);
    const dir = join(root, 'devices', id.toString('hex'));
    await mkdir(dir, { recursive: true });
    const key = randomBytes(32);
    const vaultId = randomBytes(16);
    const frame = (seq: number) => encodeLogFrame(key, vaultId, id, seq, ZERO_HASH, Buffer.from('x')).bytes;
    const bytes = Buffer.concat([encodeSegmentHeader(id, MAX_SEGMENT), frame(1)]);
    await writeFile(join(dir, LAST), bytes);
    const writer = await DeviceLogWriter.open(
      nodeVaultFs,
      dir,
      id,
      { segment: MAX_SEGMENT, end: bytes.length },
      { segmentBytes: 100 },
    );
    try {
      const error = await writer.append(frame(2)).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(AttuneError);
      expect((error as AttuneError).message).toMatch(
        new RegExp(`${LAST}.*was not saved.*move (them|it) out of the vault folder`, 's'),
      );
      expect(await readdir(dir)).toEqual([LAST]);
      expect((await readFile(join(dir, LAST))).equals(bytes)).toBe(true);
    } finally {
      await writer.close();
    }
  });
});
