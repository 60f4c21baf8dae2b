import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seal } from '../../../../main/vault/aead';
import { atomicWriteFile } from '../../../../main/vault/atomicWrite';
import {
  decodePresence,
  encodePresence,
  PRESENCE_FILE,
  type Presence,
  presenceText,
  presentDevices,
} from '../../../../main/vault/v2/presenceFile';
import { deriveV2Keys } from '../../../../main/vault/v2/v2Keys';
import { nodeVaultFs } from '../../../../main/vault/vaultFs';
import { tempDir } from '../../helpers/tempDir';

const vaultId = randomBytes(16);
const deviceId = randomBytes(16);
const keys = deriveV2Keys(randomBytes(32), vaultId);
const presence: Presence = {
  at: '2026-12-03T08:40:00.000Z',
  name: 'Office iMac',
  open: true,
  editing: [{ kind: 'note', id: 'n-2026-12-03_a' }],
};
const now = new Date('2026-12-03T08:42:30.000Z');
const hex = (c: string) => c.repeat(32);

describe('presence.bin', () => {
  it('round-trips through a real file, starting with ATPR and version 2, with no plaintext in it', async () => {
    const dir = await tempDir();
    const path = join(dir, PRESENCE_FILE);
    await atomicWriteFile(nodeVaultFs, path, encodePresence(keys.presence, vaultId, deviceId, presence), {
      syncDir: true,
    });
    const bytes = await readFile(path);
    expect(bytes.subarray(0, 5)).toEqual(Buffer.from('ATPR\x02', 'latin1'));
    expect(bytes.includes(Buffer.from('Office'))).toBe(false);
    expect(decodePresence(keys.presence, vaultId, deviceId, bytes)).toEqual(presence);
    // Built by the spec's layout with the AEAD alone (FORMAT.md §10).
    const ad = Buffer.concat([Buffer.from('attune/v2/presence'), vaultId, deviceId]);
    const bySpec = seal(
      keys.presence,
      Buffer.from(JSON.stringify(presence)),
      ad,
      Buffer.from('ATPR\x02', 'latin1'),
    );
    expect(decodePresence(keys.presence, vaultId, deviceId, bySpec)).toEqual(presence);
  });

  it('is null when not authentic, altered, or not a presence (property for any changed byte)', () => {
    const bytes = encodePresence(keys.presence, vaultId, deviceId, presence);
    expect(decodePresence(keys.seen, vaultId, deviceId, bytes)).toBeNull();
    expect(decodePresence(keys.presence, vaultId, randomBytes(16), bytes)).toBeNull();
    expect(decodePresence(keys.presence, randomBytes(16), deviceId, bytes)).toBeNull();
    fc.assert(
      fc.property(fc.nat(bytes.length - 1), fc.integer({ min: 1, max: 255 }), (at, xor) => {
        const changed = Buffer.from(bytes);
        changed[at] = changed[at]! ^ xor;
        expect(decodePresence(keys.presence, vaultId, deviceId, changed)).toBeNull();
      }),
    );
    const ad = Buffer.concat([Buffer.from('attune/v2/presence'), vaultId, deviceId]);
    for (const value of [
      { ...presence, open: 'yes' },
      { ...presence, name: '' },
      { ...presence, editing: [{ kind: 'Note!', id: 'x' }] },
      { ...presence, at: 'now' },
    ]) {
      const sealed = seal(
        keys.presence,
        Buffer.from(JSON.stringify(value)),
        ad,
        Buffer.from('ATPR\x02', 'latin1'),
      );
      expect(decodePresence(keys.presence, vaultId, deviceId, sealed)).toBeNull();
    }
  });

  it('lists other devices that are open and heard from in the last 5 minutes, most recent first', () => {
    const at = (msAgo: number) => new Date(now.getTime() - msAgo).toISOString();
    const list = [
      { deviceHex: hex('a'), presence: { ...presence, at: at(150_000) } }, // 2.5 min: present
      { deviceHex: hex('b'), presence: { ...presence, name: 'Laptop', at: at(20_000), editing: [] } }, // present
      { deviceHex: hex('c'), presence: { ...presence, name: 'Closed', open: false, at: at(1_000) } },
      { deviceHex: hex('d'), presence: { ...presence, name: 'Stale', at: at(5 * 60_000) } }, // exactly 5 min: gone
      { deviceHex: hex('e'), presence: { ...presence, name: 'Me', at: at(0) } }, // own device
      { deviceHex: hex('f'), presence: { ...presence, name: 'Fast clock', at: at(-60_000) } }, // a minute ahead
      { deviceHex: hex('9'), presence: { ...presence, name: 'Wrong clock', at: at(-3 * 3600_000) } },
    ];
    expect(presentDevices(list, now, hex('e'))).toEqual([
      { deviceHex: hex('f'), name: 'Fast clock', minutesAgo: 0, editing: presence.editing },
      { deviceHex: hex('b'), name: 'Laptop', minutesAgo: 0, editing: [] },
      { deviceHex: hex('a'), name: 'Office iMac', minutesAgo: 2, editing: presence.editing },
    ]);
  });

  it('says where else the vault is open in plain words', () => {
    expect(presenceText({ name: 'Office iMac', minutesAgo: 2 })).toBe('Also open on Office iMac, 2 min ago');
    expect(presenceText({ name: 'Laptop', minutesAgo: 0 })).toBe('Also open on Laptop, just now');
  });
});
