import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seal } from '../../../../main/vault/aead';
import { atomicWriteFile } from '../../../../main/vault/atomicWrite';
import { decodeSeen, encodeSeen, SEEN_FILE, type SeenState } from '../../../../main/vault/v2/seenFile';
import { deriveV2Keys } from '../../../../main/vault/v2/v2Keys';
import { nodeVaultFs } from '../../../../main/vault/vaultFs';
import { tempDir } from '../../helpers/tempDir';

const vaultId = randomBytes(16);
const deviceId = randomBytes(16);
const keys = deriveV2Keys(randomBytes(32), vaultId);
const state: SeenState = {
  at: '2026-12-03T08:40:02.123Z',
  epoch: 3,
  heads: {
    [deviceId.toString('hex')]: { seq: 12, hash: 'ab'.repeat(32) },
    ['cd'.repeat(16)]: { seq: 1, hash: '01'.repeat(32) },
  },
};

describe('seen.bin', () => {
  it('round-trips through a real file, starting with ATSN and version 2, with no plaintext in it', async () => {
    const dir = await tempDir();
    const path = join(dir, SEEN_FILE);
    await atomicWriteFile(nodeVaultFs, path, encodeSeen(keys.seen, vaultId, deviceId, state), {
      syncDir: true,
    });
    const bytes = await readFile(path);
    expect(bytes.subarray(0, 5)).toEqual(Buffer.from('ATSN\x02', 'latin1'));
    expect(bytes.includes(Buffer.from('ab'.repeat(32)))).toBe(false);
    expect(bytes.includes(Buffer.from('epoch'))).toBe(false);
    expect(decodeSeen(keys.seen, vaultId, deviceId, bytes)).toEqual(state);
  });

  it('is null under another key, vault, device or magic, and when any byte changes (property)', () => {
    const bytes = encodeSeen(keys.seen, vaultId, deviceId, state);
    expect(decodeSeen(keys.presence, vaultId, deviceId, bytes)).toBeNull();
    expect(decodeSeen(keys.seen, randomBytes(16), deviceId, bytes)).toBeNull();
    expect(decodeSeen(keys.seen, vaultId, randomBytes(16), bytes)).toBeNull();
    expect(decodeSeen(keys.seen, vaultId, deviceId, Buffer.from('ATSN\x02'))).toBeNull();
    expect(decodeSeen(keys.seen, vaultId, deviceId, Buffer.alloc(0))).toBeNull();
    fc.assert(
      fc.property(fc.nat(bytes.length - 1), fc.integer({ min: 1, max: 255 }), (at, xor) => {
        const changed = Buffer.from(bytes);
        changed[at] = changed[at]! ^ xor;
        expect(decodeSeen(keys.seen, vaultId, deviceId, changed)).toBeNull();
      }),
    );
    expect(decodeSeen(keys.seen, vaultId, deviceId, bytes.subarray(0, bytes.length - 1))).toBeNull();
  });

  it('reads a file built by the spec’s layout; authentic bytes whose JSON is not a seen state are null', () => {
    // FORMAT.md §9, built here with the AEAD alone: ATSN || u8(2) || sealed, AD = label || vaultId || deviceId.
    const ad = Buffer.concat([Buffer.from('attune/v2/seen'), vaultId, deviceId]);
    const sealAs = (value: unknown) =>
      seal(keys.seen, Buffer.from(JSON.stringify(value)), ad, Buffer.from('ATSN\x02', 'latin1'));
    expect(decodeSeen(keys.seen, vaultId, deviceId, sealAs(state))).toEqual(state);
    const bad = [
      { ...state, epoch: -1 },
      { ...state, epoch: 1.5 },
      { ...state, at: 'yesterday' },
      { ...state, heads: { short: { seq: 1, hash: 'ab'.repeat(32) } } },
      { ...state, heads: { ['cd'.repeat(16)]: { seq: 0, hash: 'ab'.repeat(32) } } },
      { ...state, heads: { ['cd'.repeat(16)]: { seq: 1, hash: 'AB'.repeat(32) } } },
      { ...state, extra: true },
      [state],
      'text',
    ];
    for (const value of bad) {
      expect(decodeSeen(keys.seen, vaultId, deviceId, sealAs(value))).toBeNull();
      expect(() => encodeSeen(keys.seen, vaultId, deviceId, value as SeenState)).toThrow();
    }
    const notJson = seal(keys.seen, Buffer.from('{'), ad, Buffer.from('ATSN\x02', 'latin1'));
    expect(decodeSeen(keys.seen, vaultId, deviceId, notJson)).toBeNull();
    // Version 3 of the file is not read as version 2.
    const v3 = sealAs(state);
    v3[4] = 3;
    expect(decodeSeen(keys.seen, vaultId, deviceId, v3)).toBeNull();
  });
});
