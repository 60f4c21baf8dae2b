import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Claim, checkClaims } from '../../../../main/vault/v2/checkClaims';
import type { SeenState } from '../../../../main/vault/v2/seenFile';
import type { SyncProblem } from '../../../../main/vault/v2/types';

const OWN = 'a'.repeat(32);
const LAPTOP = 'b'.repeat(32);
const HOME = 'c'.repeat(32);
const names: Record<string, string> = { [OWN]: 'Office iMac', [LAPTOP]: 'Laptop', [HOME]: 'Home PC' };
const hashOf = (device: string, seq: number) => createHash('sha256').update(`${device}:${seq}`).digest('hex');

/** What is applied here: the highest frame of each device, all of them hashed by hashOf. */
function check(applied: Record<string, number>, claims: Claim[], maxEpoch = 3): SyncProblem[] {
  return checkClaims({
    ownDeviceHex: OWN,
    claims,
    head: (d) => (applied[d] ? { seq: applied[d], hash: hashOf(d, applied[d]) } : null),
    appliedHash: (d, seq) => (seq <= (applied[d] ?? 0) ? hashOf(d, seq) : null),
    maxEpoch,
    name: (d) => names[d] ?? 'another computer',
  });
}

const seen = (heads: Record<string, number>, epoch = 3): SeenState => ({
  at: '2026-12-03T08:00:00.000Z',
  epoch,
  heads: Object.fromEntries(Object.entries(heads).map(([d, seq]) => [d, { seq, hash: hashOf(d, seq) }])),
});
const claim = (byDeviceHex: string, source: Claim['source'], state: SeenState): Claim => ({
  byDeviceHex,
  source,
  state,
});
const applied = { [OWN]: 10, [LAPTOP]: 5, [HOME]: 7 };

describe('checkClaims (rollback evidence, FORMAT.md §9)', () => {
  it('claims that match what is applied, or are behind it, are fine', () => {
    expect(
      check(applied, [
        claim(OWN, 'own', seen({ [OWN]: 10, [LAPTOP]: 5, [HOME]: 7 })),
        claim(OWN, 'settings', seen({ [OWN]: 9, [LAPTOP]: 2 })),
        claim(LAPTOP, 'other', seen({ [LAPTOP]: 5, [HOME]: 1 }, 2)),
      ]),
    ).toEqual([]);
  });

  it('a log this computer wrote under its former id, put back: said to be this computer’s, not another’s to open', () => {
    const problems = checkClaims({
      ownDeviceHex: OWN,
      claims: [claim(OWN, 'settings', seen({ [HOME]: 9 }))],
      head: (d) => (applied[d] ? { seq: applied[d], hash: hashOf(d, applied[d]) } : null),
      appliedHash: (d, seq) => (seq <= (applied[d] ?? 0) ? hashOf(d, seq) : null),
      maxEpoch: 3,
      name: () => 'Office iMac',
      formerIds: new Set([HOME]),
    });
    expect(problems).toHaveLength(1);
    expect(problems[0]?.type).toBe('rollback');
    expect(problems[0]?.message).toMatch(/^2 changes saved on this computer \(Office iMac\) are missing/);
    expect(problems[0]?.message).not.toMatch(/Open Attune on/);
  });

  it('this computer’s log whose frames are all gone (no name left to read): named by its short id, not as another computer', () => {
    const problems = checkClaims({
      ownDeviceHex: OWN,
      claims: [claim(OWN, 'settings', seen({ [HOME]: 5 }))],
      head: () => null,
      appliedHash: () => null,
      maxEpoch: 3,
      name: () => undefined,
      formerIds: new Set([HOME]),
    });
    expect(problems.map((p) => p.type)).toEqual(['rollback']);
    expect(problems[0]?.message).toMatch(/^5 changes saved on this computer \(cccccccc\) are missing/);
    expect(problems[0]?.message).not.toMatch(/another computer/);
  });

  it('a log of which nothing is in the folder (its folder deleted or not synced): said missing, with where to look, not an older copy', () => {
    const problems = checkClaims({
      ownDeviceHex: OWN,
      claims: [
        claim(OWN, 'settings', seen({ [OWN]: 4, [LAPTOP]: 3 })),
        claim(HOME, 'other', seen({ [HOME]: 2 })),
      ],
      head: () => null,
      appliedHash: () => null,
      maxEpoch: 3,
      name: (d) => names[d],
      absent: new Map([
        [OWN, 'folder'],
        [LAPTOP, 'logs'],
        [HOME, 'folder'],
      ]),
    });
    expect(problems.map((p) => [p.type, p.deviceHex, p.absent])).toEqual([
      ['rollback', OWN, 'folder'],
      ['rollback', LAPTOP, 'logs'],
      ['waiting', HOME, 'folder'],
    ]);
    const [own, laptop, home] = problems.map((p) => p.message);
    expect(own).toMatch(
      new RegExp(
        `^4 changes saved on this computer \\(Office iMac\\) are missing: the folder of this computer’s changes \\(devices/${OWN}\\) is not in this vault folder\\. It was deleted`,
      ),
    );
    expect(own).toMatch(/this computer opened a copy of the vault in another folder/);
    expect(laptop).toMatch(
      new RegExp(
        `^3 changes saved on Laptop that this computer had already received are missing: the folder of that computer’s changes \\(devices/${LAPTOP}\\) is in this vault folder, but none of its change log files`,
      ),
    );
    expect(home).toMatch(
      /^Waiting for 2 changes from Home PC: a computer using this vault has already received them/,
    );
    for (const message of [own, laptop, home]) {
      expect(message).toMatch(/deleted files, trash or version history/);
      expect(message).not.toMatch(/older copy/);
    }
  });

  it('another device’s log behind this computer’s own record of it: a rollback, naming the device and the count', () => {
    expect(check(applied, [claim(OWN, 'own', seen({ [LAPTOP]: 8 }))])).toEqual([
      {
        type: 'rollback',
        file: `devices/${LAPTOP}`,
        deviceHex: LAPTOP,
        frames: { from: 6, to: 8 },
        message:
          '3 changes saved on Laptop that this computer had already received are missing from the vault folder: Laptop’s files were replaced by an older copy. Open Attune on Laptop so your sync app sends its files again, or restore the vault from a backup.',
      },
    ]);
    // From this computer's settings (the whole folder put back), one change.
    expect(check(applied, [claim(OWN, 'settings', seen({ [HOME]: 8 }))])).toEqual([
      {
        type: 'rollback',
        file: `devices/${HOME}`,
        deviceHex: HOME,
        frames: { from: 8, to: 8 },
        message:
          '1 change saved on Home PC that this computer had already received is missing from the vault folder: Home PC’s files were replaced by an older copy. Open Attune on Home PC so your sync app sends its files again, or restore the vault from a backup.',
      },
    ]);
  });

  it('this computer’s own log behind what any device saw of it: a rollback of this computer’s files', () => {
    const expected = [
      {
        type: 'rollback',
        file: `devices/${OWN}`,
        deviceHex: OWN,
        frames: { from: 11, to: 12 },
        message: `2 changes saved on this computer (Office iMac) are missing from this vault folder. If this computer opened a copy of the vault in another folder (an old copy kept beside it, say), they were saved in that copy: copy the files in that copy’s devices/${OWN} folder into this vault folder’s devices/${OWN} folder (make it if it is not there), and they are read here. Otherwise this folder’s files were replaced by an older copy, by the sync app or by copying an older copy of the vault folder back: look for the newer files in your sync app’s version history, or restore the vault from a backup (Settings → Backups → Restore, which does not leave this warning behind).`,
      },
    ];
    expect(check(applied, [claim(OWN, 'settings', seen({ [OWN]: 12 }))])).toEqual(expected);
    // Laptop saw them: nothing of this computer's own is on its way, so it is not "waiting".
    expect(check(applied, [claim(LAPTOP, 'other', seen({ [OWN]: 12 }))])).toEqual(expected);
  });

  it('another device has seen frames that have not arrived: waiting, in plain words, not an error', () => {
    expect(check(applied, [claim(HOME, 'other', seen({ [LAPTOP]: 8 }))])).toEqual([
      {
        type: 'waiting',
        file: `devices/${LAPTOP}`,
        deviceHex: LAPTOP,
        frames: { from: 6, to: 8 },
        message:
          'Waiting for 3 changes from Laptop: they have not reached this computer yet. Keep your sync app running; they appear here when they arrive.',
      },
    ]);
    expect(check(applied, [claim(LAPTOP, 'other', seen({ [LAPTOP]: 6 }))])[0]!.message).toBe(
      'Waiting for 1 change from Laptop: it has not reached this computer yet. Keep your sync app running; it appears here when it arrives.',
    );
    // A device nothing has arrived from yet.
    const newcomer = 'd'.repeat(32);
    expect(check(applied, [claim(newcomer, 'other', seen({ [newcomer]: 2 }))])).toMatchObject([
      {
        type: 'waiting',
        deviceHex: newcomer,
        message: expect.stringMatching(/^Waiting for 2 changes from another computer:/),
      },
    ]);
  });

  it('a different hash at a seq that is applied: a fork or tampering, named', () => {
    const state = seen({ [LAPTOP]: 4 });
    state.heads[LAPTOP] = { seq: 4, hash: 'f'.repeat(64) };
    expect(check(applied, [claim(HOME, 'other', state)])).toEqual([
      {
        type: 'fork',
        file: `devices/${LAPTOP}`,
        deviceHex: LAPTOP,
        message:
          'The changes saved on Laptop exist in two different versions: the vault’s files were changed outside Attune, or that computer’s folder was used by two computers. Run a vault check, and restore the vault from a backup if changes are missing.',
      },
    ]);
  });

  it('one problem per device, the largest count, rollback rather than waiting', () => {
    const problems = check(applied, [
      claim(OWN, 'own', seen({ [LAPTOP]: 8 })),
      claim(OWN, 'settings', seen({ [LAPTOP]: 9 })),
      claim(HOME, 'other', seen({ [LAPTOP]: 12, [HOME]: 9 })),
    ]);
    expect(problems.map((p) => [p.type, p.deviceHex])).toEqual([
      ['rollback', LAPTOP],
      ['waiting', HOME],
    ]);
    expect(problems[0]!.message).toMatch(/^4 changes saved on Laptop/);
    expect(problems[1]!.message).toMatch(/^Waiting for 2 changes from Home PC/);
  });

  it('key files older than the epoch this computer used: a rollback; newer on another device: waiting', () => {
    expect(check(applied, [claim(OWN, 'own', seen({}, 4))], 3)).toEqual([
      {
        type: 'rollback',
        file: 'devices',
        message:
          'The vault’s key files are older than the ones this computer used before: a change of passphrase or recovery key is missing from the vault folder, so an older passphrase or recovery key may open the vault again. Open Attune on the computer where the passphrase or recovery key was last changed, so your sync app sends its files again, or restore the vault from a backup.',
      },
    ]);
    expect(
      check(applied, [claim(LAPTOP, 'other', seen({}, 4)), claim(HOME, 'other', seen({}, 5))], 3),
    ).toEqual([
      {
        type: 'waiting',
        file: `devices/${HOME}/keys.json`,
        deviceHex: HOME,
        message:
          'Waiting for a change of passphrase or recovery key made on Home PC: it has not reached this computer yet. Keep your sync app running.',
      },
    ]);
    expect(check(applied, [claim(OWN, 'settings', seen({}, 3))], 3)).toEqual([]);
  });

  it('property: exactly the devices claimed ahead are reported, as rollback from own evidence and waiting from others', () => {
    const devices = [OWN, LAPTOP, HOME];
    fc.assert(
      fc.property(
        fc.tuple(fc.nat(20), fc.nat(20), fc.nat(20)),
        fc.array(
          fc.record({
            by: fc.constantFrom(...devices),
            source: fc.constantFrom<Claim['source']>('own', 'settings', 'other'),
            heads: fc.tuple(fc.nat(25), fc.nat(25), fc.nat(25)),
          }),
          { maxLength: 4 },
        ),
        (have, claimed) => {
          const appliedNow = Object.fromEntries(devices.map((d, i) => [d, have[i]!]));
          const claims = claimed.map((c) =>
            claim(
              c.source === 'other' ? c.by : OWN,
              c.source,
              seen(
                Object.fromEntries(devices.flatMap((d, i) => (c.heads[i]! > 0 ? [[d, c.heads[i]!]] : []))),
              ),
            ),
          );
          const problems = check(appliedNow, claims);
          for (const [i, d] of devices.entries()) {
            const ahead = claims.filter((c) => (c.state.heads[d]?.seq ?? 0) > have[i]!);
            const own = ahead.some((c) => c.source !== 'other') || (d === OWN && ahead.length > 0);
            const types = problems.filter((p) => p.deviceHex === d).map((p) => p.type);
            expect(types).toEqual(ahead.length === 0 ? [] : [own ? 'rollback' : 'waiting']);
          }
        },
      ),
    );
  });
});
