/**
 * The helper thread of verify (recordCheckThread) checks record files with its own copy of the
 * format's rules; here it runs alone over real files, so every verdict below is its own.
 */
import { appendFile, readdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { checkJobFor } from '../../../main/vault/checkRecordFiles';
import { readHeader } from '../../../main/vault/header';
import { zeroKeys } from '../../../main/vault/keys';
import { loadState } from '../../../main/vault/loadState';
import {
  CHECK,
  checkThreadsRunning,
  RecordCheckThread,
  startCheckThread,
} from '../../../main/vault/recordCheckThread';
import { unlockKeys } from '../../../main/vault/unlock';
import { nodeVaultFs } from '../../../main/vault/vaultFs';
import { flipByte, newVault, PASS } from './kit';

describe('the record check thread', () => {
  it('passes intact files and fails a flipped byte, a longer file, a missing file and a wrong key', async () => {
    const { dir, vault } = await newVault();
    for (const id of ['intact', 'flipped', 'longer', 'missing']) await vault.put('note', id, { text: id });
    await vault.lock();
    const header = await readHeader(nodeVaultFs, dir);
    const { keys } = await unlockKeys(header, { passphrase: PASS });
    try {
      const entries = [...(await loadState(nodeVaultFs, dir, header, keys)).state.records.values()];
      expect(await readdir(join(dir, 'records'))).toHaveLength(4);
      const fileOf = (id: string) => join(dir, 'records', entries.find((e) => e.id === id)!.file);
      await flipByte(fileOf('flipped'), 30);
      await appendFile(fileOf('longer'), Buffer.from([0]));
      await unlink(fileOf('missing'));

      const job = checkJobFor(dir, header.vaultId, entries);
      const unreadable = await startCheckThread(job, keys.record);
      const verdict = Object.fromEntries(entries.map((e, i) => [e.id, job.status[i]]));
      expect(verdict).toEqual({
        intact: CHECK.ok,
        flipped: CHECK.failed,
        longer: CHECK.failed,
        missing: CHECK.unreadable,
      });
      const missingAt = entries.findIndex((e) => e.id === 'missing');
      expect(unreadable).toEqual([
        { index: missingAt, missing: true, reason: expect.stringMatching(/ENOENT/) },
      ]);

      const wrongKey = checkJobFor(dir, header.vaultId, entries);
      await startCheckThread(wrongKey, Buffer.alloc(32, 7));
      expect([...wrongKey.status].filter((s) => s === CHECK.ok)).toEqual([]);
    } finally {
      zeroKeys(keys);
    }
  });

  it('stopped once it has its job, claims no more files and ends by itself, not terminated', async () => {
    const { dir, vault } = await newVault();
    for (let i = 0; i < 20; i++) await vault.put('note', `n${i}`, { text: `note ${i}` });
    await vault.lock();
    const header = await readHeader(nodeVaultFs, dir);
    const { keys } = await unlockKeys(header, { passphrase: PASS });
    try {
      const entries = [...(await loadState(nodeVaultFs, dir, header, keys)).state.records.values()];
      const job = checkJobFor(dir, header.vaultId, entries);
      const thread = RecordCheckThread.start();
      const checked = thread.check(job, keys.record);
      // Stopped before the job reaches it (as verify's caller gives up after an error).
      thread.stop();
      expect(await checked).toEqual([]);
      expect([...job.status].every((s) => s === CHECK.pending)).toBe(true);
      // Ended well within the grace time after which it would be terminated (endThread.ts).
      await vi.waitFor(() => expect(checkThreadsRunning()).toBe(0), { timeout: 1000 });
    } finally {
      zeroKeys(keys);
    }
  });
});
