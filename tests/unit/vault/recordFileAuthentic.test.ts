/**
 * verify judges record files with one function, recordFileAuthentic, on the main thread and (as
 * text) in its check thread. Here both judge the same intact and tampered files, the thread from
 * disk and from files it read ahead, and all of them agree with the vault's own decoder.
 */
import * as crypto from 'node:crypto';
import { readFileSync } from 'node:fs';
import { appendFile, readFile, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../main/vault/binary';
import { checkJobFor } from '../../../main/vault/checkRecordFiles';
import { readHeader } from '../../../main/vault/header';
import { zeroKeys } from '../../../main/vault/keys';
import { loadState } from '../../../main/vault/loadState';
import { CHECK, RecordCheckThread, startCheckThread } from '../../../main/vault/recordCheckThread';
import { decryptRecord, recordAd } from '../../../main/vault/recordCodec';
import { recordFileAuthentic } from '../../../main/vault/recordFileAuthentic';
import { unlockKeys } from '../../../main/vault/unlock';
import { nodeVaultFs } from '../../../main/vault/vaultFs';
import { flipByte, newVault, PASS } from './kit';

/** What each record's file is made into, and whether it should still pass. */
const tamperings: Array<[string, boolean, (path: string, other: string) => Promise<void>]> = [
  ['intact', true, async () => undefined],
  ['also intact', true, async () => undefined],
  ['magic byte flipped', false, (path) => flipByte(path, 0)],
  ['format version flipped', false, (path) => flipByte(path, 4)],
  ['nonce byte flipped', false, (path) => flipByte(path, 9)],
  ['ciphertext byte flipped', false, (path) => flipByte(path, 40)],
  ['tag byte flipped', false, (path) => flipByte(path, -1)],
  ['one byte cut off', false, async (path) => truncate(path, (await readFile(path)).length - 1)],
  ['one byte added', false, (path) => appendFile(path, Buffer.from([0]))],
  ['emptied', false, (path) => writeFile(path, Buffer.alloc(0))],
  ['holds another record', false, async (path, other) => writeFile(path, await readFile(other))],
];

describe('recordFileAuthentic, in process and in the check thread', () => {
  it('gives the same verdicts as the vault decoder on intact and tampered files', async () => {
    const { dir, vault } = await newVault();
    for (const [name] of tamperings)
      await vault.put('note', name.replaceAll(' ', '-'), { text: name.repeat(3) });
    await vault.put('note', 'spare', { text: 'a record whose file is copied over another' });
    await vault.lock();
    const header = await readHeader(nodeVaultFs, dir);
    const { keys } = await unlockKeys(header, { passphrase: PASS });
    try {
      const all = [...(await loadState(nodeVaultFs, dir, header, keys)).state.records.values()];
      const pathOf = (id: string) => join(dir, 'records', all.find((e) => e.id === id)!.file);
      for (const [name, , tamper] of tamperings)
        await tamper(pathOf(name.replaceAll(' ', '-')), pathOf('spare'));
      const entries = tamperings.map(([name]) => all.find((e) => e.id === name.replaceAll(' ', '-'))!);
      const expected = tamperings.map(([, passes]) => (passes ? CHECK.ok : CHECK.failed));

      const key = crypto.createSecretKey(keys.record);
      const inProcess = entries.map((e) => {
        const bytes = readFileSync(join(dir, 'records', e.file));
        const ok = recordFileAuthentic(crypto, key, bytes, e.size, e.hash, recordAd(header.vaultId, e));
        return ok ? CHECK.ok : CHECK.failed;
      });
      // The reference: the manifest's length and hash, and the decoder that opens notes.
      const decoder = entries.map((e) => {
        const bytes = readFileSync(join(dir, 'records', e.file));
        const ok =
          bytes.length === e.size &&
          sha256Hex(bytes) === e.hash &&
          decryptRecord(keys.record, header.vaultId, e, bytes) !== null;
        return ok ? CHECK.ok : CHECK.failed;
      });

      const fromDisk = checkJobFor(dir, header.vaultId, entries);
      expect(await startCheckThread(fromDisk, keys.record)).toEqual([]);

      const reader = RecordCheckThread.start({ recordsDir: join(dir, 'records') });
      const ahead = await reader.readAhead({ wait: true });
      expect(ahead.names).toHaveLength(all.length);
      const inMemory = checkJobFor(dir, header.vaultId, entries, ahead);
      expect([...inMemory.chunkOf].every((c) => c >= 0)).toBe(true);
      expect(await reader.check(inMemory, keys.record)).toEqual([]);

      const verdicts = (statuses: ArrayLike<number>) =>
        Object.fromEntries(tamperings.map(([name], i) => [name, statuses[i]]));
      expect(verdicts(decoder)).toEqual(verdicts(expected));
      expect(verdicts(inProcess)).toEqual(verdicts(expected));
      expect(verdicts(fromDisk.status)).toEqual(verdicts(expected));
      expect(verdicts(inMemory.status)).toEqual(verdicts(expected));
    } finally {
      zeroKeys(keys);
    }
  });
});
