import { describe, expect, it } from 'vitest';
import { conflictCopyName } from '../../sync/conflictCopyName';
import type { SyncTool } from '../../sync/syncTools';

const author = {
  deviceName: 'OFFICE-IMAC',
  shortId: 'ABCDEF2',
  time: new Date(Date.UTC(2026, 0, 5, 9, 8, 7)),
};

describe('conflictCopyName', () => {
  const cases: [SyncTool, string, string][] = [
    ['syncthing', 'devices/a/seen.bin', 'devices/a/seen.sync-conflict-20260105-090807-ABCDEF2.bin'],
    ['dropbox', 'devices/a/seen.bin', "devices/a/seen (OFFICE-IMAC's conflicted copy 2026-01-05).bin"],
    ['onedrive', 'devices/a/seen.bin', 'devices/a/seen-OFFICE-IMAC.bin'],
    ['icloud', 'devices/a/seen.bin', 'devices/a/seen 2.bin'],
    ['gdrive', 'devices/a/seen.bin', 'devices/a/seen (1).bin'],
    ['nextcloud', 'devices/a/seen.bin', 'devices/a/seen (conflicted copy 2026-01-05 090807).bin'],
  ];
  it.each(cases)('%s names the copy of %s as %s', (tool, path, expected) => {
    expect(conflictCopyName(tool, path, author)).toBe(expected);
  });

  it('keeps the extension last and leaves dotted folders and leading dots alone', () => {
    expect(conflictCopyName('syncthing', 'a.b/log-000001.bin', author)).toBe(
      'a.b/log-000001.sync-conflict-20260105-090807-ABCDEF2.bin',
    );
    expect(conflictCopyName('icloud', 'a.b/keys', author)).toBe('a.b/keys 2');
    expect(conflictCopyName('gdrive', 'dir/.hidden', author)).toBe('dir/.hidden (1)');
  });

  it('gives a next name when the first is taken', () => {
    expect(conflictCopyName('icloud', 'n.bin', author, 1)).toBe('n 3.bin');
    expect(conflictCopyName('gdrive', 'n.bin', author, 1)).toBe('n (2).bin');
    expect(conflictCopyName('dropbox', 'n.bin', author, 1)).toBe(
      "n (OFFICE-IMAC's conflicted copy 2026-01-05) (1).bin",
    );
  });

  it('drops characters a file name cannot hold from the computer name', () => {
    const deviceName = 'Zoë: "home"/PC';
    expect(conflictCopyName('onedrive', 'n.bin', { ...author, deviceName })).toBe('n-Zoë homePC.bin');
  });
});
