import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  classifyDeviceFile,
  type DeviceFileName,
  isDeviceFolderName,
  segmentFileName,
} from '../../../../main/vault/v2/syncNames';

const artefact = (of: string, tool: string): DeviceFileName =>
  ({ type: 'artefact', of, tool }) as DeviceFileName;

/** Follows `of` down to the vault file a copy is of. */
function base(name: string): DeviceFileName {
  let kind = classifyDeviceFile(name);
  while (kind.type === 'artefact') kind = classifyDeviceFile(kind.of);
  return kind;
}

describe('device file names', () => {
  it('classifies the vault files, the lock and temp files', () => {
    const table: Array<[string, DeviceFileName]> = [
      ['log-000001.bin', { type: 'segment', segment: 1 }],
      ['log-000042.bin', { type: 'segment', segment: 42 }],
      ['log-999999.bin', { type: 'segment', segment: 999999 }],
      ['keys.json', { type: 'keys' }],
      ['seen.bin', { type: 'seen' }],
      ['presence.bin', { type: 'presence' }],
      ['attune.lock', { type: 'lock' }],
      ['attune.lock.tmp-0a1b2c3d', { type: 'lock' }],
      ['keys.json.tmp-0a1b2c3d', { type: 'temp' }],
      ['seen.bin.tmp-ffffffff', { type: 'temp' }],
    ];
    for (const [name, expected] of table) expect(classifyDeviceFile(name), name).toEqual(expected);
  });

  it('recognises each tool’s conflict copies of vault files, and names what they copy', () => {
    const table: Array<[string, DeviceFileName]> = [
      // Syncthing: short device id of 7 base32 characters, or none when unknown.
      ['log-000001.sync-conflict-20260301-142233-ABCDEF7.bin', artefact('log-000001.bin', 'syncthing')],
      ['keys.sync-conflict-20260301-142233-.json', artefact('keys.json', 'syncthing')],
      // Dropbox, with and without the " (1)" numbering inside the parenthesis, straight or curly apostrophe.
      ["log-000003 (Office iMac's conflicted copy 2026-03-01).bin", artefact('log-000003.bin', 'dropbox')],
      ["seen (Jane Smith's conflicted copy 2026-03-01 (1)).bin", artefact('seen.bin', 'dropbox')],
      ['keys (Laptop’s conflicted copy 2026-03-01).json', artefact('keys.json', 'dropbox')],
      // OneDrive: "-COMPUTERNAME" before the extension.
      ['keys-DESKTOP-1A2B3C4.json', artefact('keys.json', 'onedrive')],
      ['presence-Janes MacBook Pro.bin', artefact('presence.bin', 'onedrive')],
      ['log-000002-myhost-safeBackup-0001.bin', artefact('log-000002.bin', 'onedrive')],
      // A OneDrive suffix that looks like a segment number is still a copy of the first segment.
      ['log-000001-000002.bin', artefact('log-000001.bin', 'onedrive')],
      // iCloud Drive and Google Drive numbering.
      ['log-000001 2.bin', artefact('log-000001.bin', 'icloud')],
      ['keys 3.json', artefact('keys.json', 'icloud')],
      ['log-000001 (1).bin', artefact('log-000001.bin', 'gdrive')],
      ['seen (12).bin', artefact('seen.bin', 'gdrive')],
      // Nextcloud, current (with and without a user name) and older ownCloud spelling.
      ['log-000004 (conflicted copy 2026-03-01 142233).bin', artefact('log-000004.bin', 'nextcloud')],
      ['keys (conflicted copy jane 2026-03-01 142233).json', artefact('keys.json', 'nextcloud')],
      ['seen_conflict-20260301-142233.bin', artefact('seen.bin', 'nextcloud')],
      // Two suffixes: the outermost is peeled first, `of` is itself a copy.
      ['log-000001 2 (1).bin', artefact('log-000001 2.bin', 'gdrive')],
      ['keys-LAPTOP.sync-conflict-20260301-142233-ABCDEF7.json', artefact('keys-LAPTOP.json', 'syncthing')],
      ["log-000005-PC (PC's conflicted copy 2026-03-01).bin", artefact('log-000005-PC.bin', 'dropbox')],
    ];
    for (const [name, expected] of table) expect(classifyDeviceFile(name), name).toEqual(expected);
    expect(base('log-000001 2 (1).bin')).toEqual({ type: 'segment', segment: 1 });
    expect(base('keys-LAPTOP.sync-conflict-20260301-142233-ABCDEF7.json')).toEqual({ type: 'keys' });
    expect(base("log-000005-PC (PC's conflicted copy 2026-03-01).bin")).toEqual({
      type: 'segment',
      segment: 5,
    });
  });

  it('recognises partial downloads of vault files', () => {
    for (const name of [
      '.syncthing.log-000001.bin.tmp',
      '~syncthing~keys.json.tmp',
      `.syncthing.${'ab'.repeat(32)}.tmp`,
      '.seen.bin.~3fa9c01e',
      '.log-000002.bin.icloud',
      '.keys (1).json.icloud',
      '~presence.bin.tmp',
      '.syncthing.keys.json.tmp-0a1b2c3d.tmp',
    ]) {
      expect(classifyDeviceFile(name), name).toEqual({ type: 'partial' });
    }
  });

  it('calls everything else foreign, including near misses of vault names', () => {
    for (const name of [
      '',
      'notes.txt',
      '.DS_Store',
      'desktop.ini',
      'log-000000.bin',
      'log-1.bin',
      'log-0000001.bin',
      'log-00000a.bin',
      'LOG-000001.bin',
      'Keys.json',
      'keys.json.bak',
      'keys.bin',
      'seen.json',
      'log-000001.bin.sync-conflict-20260301-142233-ABCDEF7',
      'log.bin',
      'log-.bin',
      'log-000001-.bin',
      'notes (1).txt',
      'other (Office iMac’s conflicted copy 2026-03-01).json',
      'log-000001.sync-conflict-2026031-142233-ABCDEF7.bin',
      'log-000001.sync-conflict-20260301-142233-abcdef7.bin',
      'keys (Laptop’s Konfliktkopie 2026-03-01).json',
      'seen 1.bin',
      'seen (0).bin',
      '.syncthing.notes.txt.tmp',
      '.notes.txt.icloud',
      'keys.json.tmp-xyz',
      `keys-${'x'.repeat(300)}.json`,
    ]) {
      expect(classifyDeviceFile(name), name).toEqual({ type: 'foreign' });
    }
  });

  it('classifies a hostile name with many hyphens quickly', () => {
    const name = `keys${'-a (1)'.repeat(40)}-${'-'.repeat(30)}x.json`;
    const started = performance.now();
    classifyDeviceFile(name);
    classifyDeviceFile(`log-000001${'-'.repeat(240)}.bin`);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('never throws, and an artefact always leads back to a vault file', () => {
    const piece = fc.constantFrom(
      'log-000001',
      'keys',
      'seen',
      '.bin',
      '.json',
      '-',
      ' ',
      ' (1)',
      ' 2',
      '.sync-conflict-20260301-142233-ABCDEF7',
      " (X's conflicted copy 2026-03-01)",
      ' (conflicted copy 2026-03-01 142233)',
      '.',
      '~',
      '.tmp',
      '(',
      ')',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), fc.string(), (pieces, noise) => {
        for (const name of [pieces.join(''), pieces.join('') + noise, noise]) {
          const kind = base(name);
          expect(kind.type).not.toBe('artefact');
          if (classifyDeviceFile(name).type === 'artefact') {
            expect(['segment', 'keys', 'seen', 'presence']).toContain(kind.type);
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  it('names segments with six digits and device folders with 32 lowercase hex digits', () => {
    expect(segmentFileName(1)).toBe('log-000001.bin');
    expect(segmentFileName(999999)).toBe('log-999999.bin');
    for (const bad of [0, -1, 1.5, 1_000_000, Number.NaN])
      expect(() => segmentFileName(bad)).toThrow(RangeError);
    for (let n = 1; n < 2000; n += 37) {
      expect(classifyDeviceFile(segmentFileName(n))).toEqual({ type: 'segment', segment: n });
    }
    expect(isDeviceFolderName('0123456789abcdef0123456789abcdef')).toBe(true);
    for (const bad of [
      '0123456789ABCDEF0123456789abcdef',
      '0123456789abcdef0123456789abcde',
      'x'.repeat(32),
      '',
    ]) {
      expect(isDeviceFolderName(bad), bad).toBe(false);
    }
  });
});
