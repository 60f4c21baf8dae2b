import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sha256 } from '../../../../main/vault/binary';
import { FaultyFs } from '../../../../main/vault/faults';
import { deriveKek, type KdfParams } from '../../../../main/vault/kdf';
import { formatRecoveryKey, generateRecoveryKey } from '../../../../main/vault/recoveryKey';
import {
  changePassphraseSlots,
  type KeySlots,
  MAX_DERIVATIONS,
  makeKeySlots,
  parseKeySlots,
  readKeySlotFiles,
  renewRecoverySlots,
  sameSlots,
  serializeKeySlots,
  unlockSlots,
  withDevice,
} from '../../../../main/vault/v2/keySlots';
import { slotsCore } from '../../../../main/vault/v2/keySlotsCodec';
import { deriveV2Keys, type V2Keys } from '../../../../main/vault/v2/v2Keys';
import { nodeVaultFs } from '../../../../main/vault/vaultFs';
import { tempDir } from '../../helpers/tempDir';
import { expectKind, expectKindSync, TEST_KDF } from '../kit';

const PASS = 'correct horse battery staple';
const DEV_A = 'a'.repeat(32);
const DEV_B = 'b'.repeat(32);
const DEV_C = 'c'.repeat(32);

async function newSlots(): Promise<{ slots: KeySlots; keys: V2Keys; vaultId: Buffer; recoveryKey: Buffer }> {
  const vaultId = randomBytes(16);
  const keys = deriveV2Keys(randomBytes(32), vaultId);
  const recoveryKey = generateRecoveryKey();
  const slots = await makeKeySlots({
    vaultKey: keys.vaultKey,
    vaultId,
    deviceHex: DEV_A,
    epoch: 1,
    passphrase: PASS,
    kdf: TEST_KDF,
    recoveryKey,
    keysMac: keys.keysMac,
  });
  return { slots, keys, vaultId, recoveryKey };
}

/** keys.json edited by someone without the key: fields changed, the unkeyed checksum recomputed. */
function forge(bytes: Buffer, edit: (json: Record<string, unknown>) => void): Buffer {
  const json = JSON.parse(bytes.toString('utf8')) as Record<string, unknown>;
  edit(json);
  const slots = parseKeySlotsLoosely(json);
  json.checksum = sha256(Buffer.concat([slotsCore(slots), slots.mac])).toString('hex');
  return Buffer.from(JSON.stringify(json, null, 2));
}

function parseKeySlotsLoosely(json: Record<string, unknown>): KeySlots {
  const kdf = json.kdf as Record<string, unknown>;
  const keys = json.keys as Record<string, Record<string, string>>;
  const b = (s: unknown) => Buffer.from(String(s), 'hex');
  return {
    vaultId: b(json.vaultId),
    deviceHex: String(json.deviceId),
    epoch: Number(json.epoch),
    kdf: {
      memoryKiB: Number(kdf.memoryKiB),
      iterations: Number(kdf.iterations),
      parallelism: Number(kdf.parallelism),
    },
    salt: b(kdf.salt),
    passphrase: { nonce: b(keys.passphrase!.nonce), wrapped: b(keys.passphrase!.wrapped) },
    recovery: {
      nonce: b(keys.recovery!.nonce),
      wrapped: b(keys.recovery!.wrapped),
      recoveryId: b(keys.recovery!.recoveryId),
    },
    mac: b(json.mac),
  };
}

/** deriveKek, counting its runs. */
function countingKdf(): { derive: typeof deriveKek; runs: () => number } {
  let runs = 0;
  return {
    derive: (passphrase: string, salt: Buffer, params: KdfParams) => {
      runs++;
      return deriveKek(passphrase, salt, params);
    },
    runs: () => runs,
  };
}

describe('key slots (keys.json)', () => {
  it('serialises as the spec lays it out and parses back to the same slots', async () => {
    const { slots, vaultId } = await newSlots();
    const bytes = serializeKeySlots(slots);
    const json = JSON.parse(bytes.toString('utf8'));
    expect(Object.keys(json)).toEqual([
      'format',
      'version',
      'vaultId',
      'deviceId',
      'epoch',
      'kdf',
      'keys',
      'mac',
      'checksum',
    ]);
    expect(json).toMatchObject({
      format: 'attune-keys',
      version: 2,
      vaultId: vaultId.toString('hex'),
      deviceId: DEV_A,
      epoch: 1,
    });
    expect(json.kdf).toMatchObject({ algorithm: 'argon2id', ...TEST_KDF });
    expect(json.kdf.salt).toMatch(/^[0-9a-f]{32}$/);
    expect(json.keys.passphrase.nonce).toMatch(/^[0-9a-f]{24}$/);
    expect(json.keys.passphrase.wrapped).toMatch(/^[0-9a-f]{96}$/);
    expect(json.keys.recovery.recoveryId).toMatch(/^[0-9a-f]{16}$/);
    expect(bytes.toString('utf8').endsWith('\n')).toBe(true);
    expect(parseKeySlots(bytes)).toEqual(slots);
  });

  it('opens with the passphrase and with the recovery key typed loosely, and refuses wrong ones in format 1’s words', async () => {
    const { slots, keys, vaultId, recoveryKey } = await newSlots();
    const files = [{ deviceHex: DEV_A, slots }];
    const byPass = await unlockSlots(files, { passphrase: PASS }, vaultId);
    expect(byPass.vaultKey).toEqual(keys.vaultKey);
    expect(byPass.keys.keysMac).toEqual(keys.keysMac);
    expect(byPass).toMatchObject({ via: 'passphrase', epoch: 1, winner: { deviceHex: DEV_A }, problems: [] });

    const loose = ` ${formatRecoveryKey(recoveryKey).toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o')} `;
    const byRecovery = await unlockSlots(files, { recoveryKey: loose }, vaultId);
    expect(byRecovery.vaultKey).toEqual(keys.vaultKey);
    expect(byRecovery.via).toBe('recovery');

    expect(await expectKind(unlockSlots(files, { passphrase: 'not it' }, vaultId), 'wrong-passphrase')).toBe(
      'That passphrase does not open this vault. Check it and try again, or use your recovery key.',
    );
    const other = formatRecoveryKey(generateRecoveryKey());
    expect(await expectKind(unlockSlots(files, { recoveryKey: other }, vaultId), 'wrong-passphrase')).toMatch(
      /^That recovery key is typed correctly but does not open this vault/,
    );
    await expectKind(unlockSlots(files, { recoveryKey: 'ABCD-EFGH' }, vaultId), 'invalid-input');
    // Slots of another vault are not this vault's keys.
    await expectKind(unlockSlots(files, { passphrase: PASS }, randomBytes(16)), 'integrity');
  });

  it('refuses damaged, newer and altered files', async () => {
    const { slots, vaultId } = await newSlots();
    const bytes = serializeKeySlots(slots);
    // Any changed byte of the wrapped key: the checksum catches it before a key is derived.
    const text = bytes.toString('utf8');
    const at = text.indexOf('"wrapped": "') + 12;
    const flipped = text.slice(0, at) + (text[at] === '0' ? '1' : '0') + text.slice(at + 1);
    expectKindSync(() => parseKeySlots(Buffer.from(flipped)), 'integrity');
    expectKindSync(() => parseKeySlots(Buffer.from('{')), 'integrity');
    expectKindSync(() => parseKeySlots(bytes.subarray(0, 100)), 'integrity');
    expectKindSync(() => parseKeySlots(forge(bytes, (j) => delete j.mac)), 'integrity');
    expectKindSync(() => parseKeySlots(forge(bytes, (j) => (j.version = 3))), 'unsupported-version');
    // A KDF made unaffordable (or trivially cheap), checksum and all: refused before deriving.
    const huge = forge(bytes, (j) => ((j.kdf as Record<string, number>).memoryKiB = 4 * 1048576));
    expect(() => parseKeySlots(huge)).toThrow(/outside safe limits \(memory must be/);
    expectKindSync(
      () => parseKeySlots(forge(bytes, (j) => ((j.kdf as Record<string, number>).iterations = 0))),
      'integrity',
    );

    // The epoch raised by someone without the key: it parses, the slot still unwraps, the MAC refuses it.
    const raised = parseKeySlots(forge(bytes, (j) => (j.epoch = 9)));
    expect(
      await expectKind(
        unlockSlots([{ deviceHex: DEV_A, slots: raised }], { passphrase: PASS }, vaultId),
        'integrity',
      ),
    ).toBe(
      `The vault’s key file devices/${DEV_A}/keys.json was altered by something other than Attune (the passphrase opens it, but its integrity check fails), so the vault was not opened, and no other key file can open it. Restore the vault from a backup.`,
    );
  });

  it('a stray key file with its epoch raised (no key needed to make one) is named, with the way out: moving it out lets the others open the vault', async () => {
    const { slots, vaultId, keys, recoveryKey } = await newSlots();
    const stray = 'f'.repeat(32);
    const raised = parseKeySlots(forge(serializeKeySlots(withDevice(slots, stray)), (j) => (j.epoch = 2)));
    const files = [
      { deviceHex: DEV_A, file: `devices/${DEV_A}/keys.json`, slots },
      { deviceHex: stray, file: `devices/${stray}/keys.json`, slots: raised },
    ];
    // FORMAT.md §4: never a fall-back to a lower epoch, so it still stops the unlock...
    const message = await expectKind(unlockSlots(files, { passphrase: PASS }, vaultId), 'integrity');
    expect(message).toBe(
      `The vault’s key file devices/${stray}/keys.json was altered by something other than Attune (the passphrase opens it, but its integrity check fails), so the vault was not opened. If nobody changed the passphrase or rotated the key on another computer, move that file out of the vault folder (keep it until the vault opens) and try again: the other key files then open the vault. Otherwise restore the vault from a backup.`,
    );
    expect(
      await expectKind(
        unlockSlots(files, { recoveryKey: formatRecoveryKey(recoveryKey) }, vaultId),
        'integrity',
      ),
    ).toBe(message.replace('the passphrase opens it', 'the recovery key opens it'));
    // ...and with that one file moved out, the vault opens.
    const opened = await unlockSlots(files.slice(0, 1), { passphrase: PASS }, vaultId);
    expect(opened.vaultKey).toEqual(keys.vaultKey);
  });

  it('no single changed byte alters the slots unnoticed (property)', async () => {
    const { slots } = await newSlots();
    const bytes = serializeKeySlots(slots);
    fc.assert(
      fc.property(fc.nat(bytes.length - 1), fc.integer({ min: 1, max: 255 }), (at, xor) => {
        const changed = Buffer.from(bytes);
        changed[at] = changed[at]! ^ xor;
        let parsed: KeySlots;
        try {
          parsed = parseKeySlots(changed);
        } catch {
          return; // refused
        }
        // Accepted only if what the MAC covers is intact (whitespace, deviceId or recoveryId changed).
        expect(slotsCore(parsed).equals(slotsCore(slots)) && parsed.mac.equals(slots.mac)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('an adoption copy for another device is the same slots with a valid checksum, and still opens', async () => {
    const { slots, vaultId, keys } = await newSlots();
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 16, maxLength: 16 }), (raw) => {
        const hex = Buffer.from(raw).toString('hex');
        const copy = parseKeySlots(serializeKeySlots(withDevice(slots, hex)));
        expect(copy.deviceHex).toBe(hex);
        expect(sameSlots(copy, slots)).toBe(true);
        expect(copy.mac).toEqual(slots.mac);
      }),
    );
    const copy = parseKeySlots(serializeKeySlots(withDevice(slots, DEV_B)));
    const unlocked = await unlockSlots([{ deviceHex: DEV_B, slots: copy }], { passphrase: PASS }, vaultId);
    expect(unlocked.vaultKey).toEqual(keys.vaultKey);
    expect(unlocked.winner.deviceHex).toBe(DEV_B);
  });

  it('tries identical slots once, and wins with the highest device id', async () => {
    const { slots, vaultId } = await newSlots();
    const kdf = countingKdf();
    const files = [DEV_A, DEV_C, DEV_B].map((d) => ({ deviceHex: d, slots: withDevice(slots, d) }));
    const unlocked = await unlockSlots(files, { passphrase: PASS }, vaultId, kdf.derive);
    expect(kdf.runs()).toBe(1);
    expect(unlocked.winner.deviceHex).toBe(DEV_C);
    const wrong = countingKdf();
    await expectKind(unlockSlots(files, { passphrase: 'nope' }, vaultId, wrong.derive), 'wrong-passphrase');
    expect(wrong.runs()).toBe(1);
  });

  it('derives keys for at most a few distinct slots: key files added without end cannot stall an unlock', async () => {
    const { slots, vaultId, keys, recoveryKey } = await newSlots();
    // Whoever can write to the synced folder adds key files of the newest epoch, each with its own
    // salt (so each would cost a derivation), under device ids sorted before this computer's.
    const planted = Array.from({ length: 12 }, (_, i) => {
      const hex = `f${String(i).padStart(31, '0')}`;
      return { deviceHex: hex, slots: { ...withDevice(slots, hex), salt: randomBytes(16) } };
    });
    const files = [...planted, { deviceHex: DEV_A, slots }];
    const kdf = countingKdf();
    // This computer's own file is tried first, and opens.
    const unlocked = await unlockSlots(files, { passphrase: PASS }, vaultId, kdf.derive, DEV_A);
    expect(kdf.runs()).toBe(1);
    expect(unlocked.vaultKey).toEqual(keys.vaultKey);
    // Not knowing which is its own: at most MAX_DERIVATIONS derivations, then a clear refusal.
    const blind = countingKdf();
    await expectKind(unlockSlots(files, { passphrase: PASS }, vaultId, blind.derive), 'integrity');
    expect(blind.runs()).toBe(MAX_DERIVATIONS);
    // The recovery key needs no derivation, and still opens.
    const recovered = await unlockSlots(files, { recoveryKey: formatRecoveryKey(recoveryKey) }, vaultId);
    expect(recovered.vaultKey).toEqual(keys.vaultKey);
  });

  it('only the highest epoch is tried: once a new passphrase has arrived the old one no longer opens', async () => {
    const { slots, keys, vaultId } = await newSlots();
    const changed = await changePassphraseSlots(slots, keys, 'a new passphrase', 2, DEV_B);
    expect(changed).toMatchObject({ epoch: 2, deviceHex: DEV_B });
    expect(changed.recovery).toEqual(slots.recovery);
    const files = [
      { deviceHex: DEV_C, slots: withDevice(slots, DEV_C) },
      { deviceHex: DEV_B, slots: parseKeySlots(serializeKeySlots(changed)) },
    ];
    const old = countingKdf();
    // The message names the newest file: a change made elsewhere, or a file altered outside Attune.
    expect(
      await expectKind(unlockSlots(files, { passphrase: PASS }, vaultId, old.derive), 'wrong-passphrase'),
    ).toMatch(`does not open this vault’s newest key file (devices/${DEV_B}/keys.json)`);
    expect(old.runs()).toBe(1); // the epoch-1 slots (C's) were not tried
    const unlocked = await unlockSlots(files, { passphrase: 'a new passphrase' }, vaultId);
    expect(unlocked).toMatchObject({ epoch: 2, winner: { deviceHex: DEV_B } });
    expect(unlocked.vaultKey).toEqual(keys.vaultKey);
  });

  it('two devices changing the passphrase at the same epoch: both open, the higher device id wins', async () => {
    const { slots, keys, vaultId } = await newSlots();
    const onB = await changePassphraseSlots(slots, keys, 'passphrase of B', 2, DEV_B);
    const onC = await changePassphraseSlots(slots, keys, 'passphrase of C', 2, DEV_C);
    const files = [
      { deviceHex: DEV_B, slots: onB },
      { deviceHex: DEV_C, slots: onC },
    ];
    const kdf = countingKdf();
    const viaB = await unlockSlots(files, { passphrase: 'passphrase of B' }, vaultId, kdf.derive);
    expect(kdf.runs()).toBe(2); // two salts, each derived once
    expect(viaB.winner.deviceHex).toBe(DEV_C);
    expect((await unlockSlots(files, { passphrase: 'passphrase of C' }, vaultId)).winner.deviceHex).toBe(
      DEV_C,
    );
  });

  it('a slot at the highest epoch with a wrong MAC is reported and never the winner', async () => {
    const { slots, keys, vaultId } = await newSlots();
    // Someone without the vault key writes slots of their own under a higher device id.
    const outsider = deriveV2Keys(randomBytes(32), vaultId);
    const fake = await makeKeySlots({
      vaultKey: outsider.vaultKey,
      vaultId,
      deviceHex: DEV_C,
      epoch: 1,
      passphrase: 'intruder',
      kdf: TEST_KDF,
      recoveryKey: generateRecoveryKey(),
      keysMac: outsider.keysMac,
    });
    const files = [
      { deviceHex: DEV_A, slots },
      { deviceHex: DEV_C, file: 'devices/c/keys.json', slots: fake },
    ];
    const unlocked = await unlockSlots(files, { passphrase: PASS }, vaultId);
    expect(unlocked.vaultKey).toEqual(keys.vaultKey);
    expect(unlocked.winner.deviceHex).toBe(DEV_A);
    expect(unlocked.problems).toEqual([
      {
        type: 'damage',
        file: 'devices/c/keys.json',
        deviceHex: DEV_C,
        message:
          'devices/c/keys.json was altered by something other than Attune, so it is ignored; the computer it belongs to replaces it the next time it opens the vault. If this keeps happening, check who can write to the vault folder.',
      },
    ]);
  });

  it('renewing the recovery key: the new key opens, the old one does not, the passphrase still does', async () => {
    const { slots, keys, vaultId, recoveryKey } = await newSlots();
    const renewed = renewRecoverySlots(slots, keys, 2, DEV_A);
    expect(renewed.recoveryKey).not.toEqual(recoveryKey);
    expect(renewed.slots.passphrase).toEqual(slots.passphrase);
    const files = [{ deviceHex: DEV_A, slots: parseKeySlots(serializeKeySlots(renewed.slots)) }];
    const byNew = await unlockSlots(files, { recoveryKey: formatRecoveryKey(renewed.recoveryKey) }, vaultId);
    expect(byNew.vaultKey).toEqual(keys.vaultKey);
    await expectKind(
      unlockSlots(files, { recoveryKey: formatRecoveryKey(recoveryKey) }, vaultId),
      'wrong-passphrase',
    );
    expect((await unlockSlots(files, { passphrase: PASS }, vaultId)).epoch).toBe(2);
    // After a passphrase change the recovery key made before it still opens.
    const changed = await changePassphraseSlots(renewed.slots, keys, 'later', 3, DEV_A);
    const byKey = await unlockSlots(
      [{ deviceHex: DEV_A, slots: changed }],
      { recoveryKey: formatRecoveryKey(renewed.recoveryKey) },
      vaultId,
    );
    expect(byKey.epoch).toBe(3);
    // A change must come at a higher epoch than the slots it replaces.
    await expectKind(changePassphraseSlots(changed, keys, 'x', 3, DEV_A), 'internal');
    expectKindSync(() => renewRecoverySlots(changed, keys, 2, DEV_A), 'internal');
  });

  it('reads every device’s keys.json and conflict copies from a real folder; damaged ones are reported and skipped', async () => {
    const { slots } = await newSlots();
    const dir = await tempDir();
    const put = async (path: string, data: Buffer | string) => {
      await mkdir(join(dir, path, '..'), { recursive: true });
      await writeFile(join(dir, path), data);
    };
    await put(`devices/${DEV_A}/keys.json`, serializeKeySlots(slots));
    await put(`devices/${DEV_B}/keys.json`, serializeKeySlots(withDevice(slots, DEV_B)));
    await put(
      `devices/${DEV_B}/keys.sync-conflict-20261203-101010-ABCDEFG.json`,
      serializeKeySlots(withDevice(slots, DEV_B)),
    );
    await put(
      `devices/${DEV_B}/keys (Office iMac's conflicted copy 2026-12-03).json`,
      serializeKeySlots(withDevice(slots, DEV_B)),
    );
    await put(`devices/${DEV_C}/keys.json`, '{"format": "attune-keys"');
    await put(`devices/${DEV_C}/keys.json.tmp-0123abcd`, 'half written');
    await put(`devices/${DEV_C}/.syncthing.keys.json.tmp`, 'partial');
    await put('devices/not-a-device/keys.json', serializeKeySlots(slots));
    await put('devices/readme.txt', 'hello');

    const { files, problems } = await readKeySlotFiles(nodeVaultFs, dir);
    // Each device's own keys.json first, then its conflict copies.
    expect(files.map((f) => f.file)).toEqual([
      `devices/${DEV_A}/keys.json`,
      `devices/${DEV_B}/keys.json`,
      `devices/${DEV_B}/keys (Office iMac's conflicted copy 2026-12-03).json`,
      `devices/${DEV_B}/keys.sync-conflict-20261203-101010-ABCDEFG.json`,
    ]);
    expect(files.every((f) => sameSlots(f.slots, slots))).toBe(true);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({
      type: 'damage',
      file: `devices/${DEV_C}/keys.json`,
      deviceHex: DEV_C,
    });
    expect(problems[0]!.message).toMatch(/keys\.json\) is damaged/);

    // A folder with no devices yet (still arriving) reads as nothing, not as an error.
    expect(await readKeySlotFiles(nodeVaultFs, join(dir, 'elsewhere'))).toEqual({ files: [], problems: [] });
  });

  it('a failing disk: an unreadable keys.json is reported and skipped, an unreadable devices folder is an io error', async () => {
    const { slots } = await newSlots();
    const dir = await tempDir();
    for (const d of [DEV_A, DEV_B]) {
      await mkdir(join(dir, 'devices', d), { recursive: true });
      await writeFile(join(dir, 'devices', d, 'keys.json'), serializeKeySlots(withDevice(slots, d)));
    }
    const fs = new FaultyFs();
    fs.arm({ at: 1, mode: 'once', only: (op) => op === 'read' });
    const { files, problems } = await readKeySlotFiles(fs, dir);
    expect(files.map((f) => f.deviceHex)).toEqual([DEV_B]);
    expect(problems).toEqual([
      {
        type: 'damage',
        file: `devices/${DEV_A}/keys.json`,
        deviceHex: DEV_A,
        message: `devices/${DEV_A}/keys.json could not be read (EIO). Check the disk and the folder’s permissions.`,
      },
    ]);
    fs.arm({ at: 1, only: (op) => op === 'readdir' });
    expect(await expectKind(readKeySlotFiles(fs, dir), 'io')).toBe(
      'Attune could not read the vault’s folder of devices (EIO). Check the disk and try again.',
    );
  });
});
