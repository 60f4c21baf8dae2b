import { describe, expect, test } from 'vitest';
import { backupHealth } from '../../../shared/domain/backupHealth';
import {
  type BackupOutcome,
  type DeviceConfig,
  defaultDeviceConfig,
} from '../../../shared/domain/deviceConfigSchema';

const now = new Date('2026-12-02T12:00:00Z');
const outcome = (at: string, ok = true): BackupOutcome => ({
  at,
  ok,
  generation: ok ? at : null,
  verified: ok,
  message: ok ? null : 'The backup folder is full. Free some space or choose another folder.',
});
function config(backup: Partial<DeviceConfig['backup']>): DeviceConfig {
  const base = defaultDeviceConfig();
  return { ...base, backup: { ...base.backup, ...backup } };
}

describe('backupHealth', () => {
  test('no folder chosen: a warning that the notes exist only on this computer', () => {
    const status = backupHealth(config({}), now, false);
    expect(status.warning?.kind).toBe('no-folder');
    expect(status.warning?.message).toContain('Choose a backup folder in Settings → Backups');
    // Settings → Backups itself shows the same words without sending the user there.
    expect(status.warning?.here).toBe(
      'No backup folder is set, so your notes exist only on this computer. Choose a backup folder.',
    );
  });

  test('the folder cannot be reached (drive unplugged): says so and names the folder', () => {
    const status = backupHealth(
      config({ folder: '/media/usb', lastVerified: outcome('2026-12-02T11:00:00Z') }),
      now,
      false,
    );
    expect(status.warning).toMatchObject({ kind: 'folder-missing' });
    expect(status.warning?.message).toContain('/media/usb');
  });

  test('a failed last attempt is shown even when an older verified backup exists', () => {
    const status = backupHealth(
      config({
        folder: '/media/usb',
        lastVerified: outcome('2026-12-02T09:00:00Z'),
        lastAttempt: outcome('2026-12-02T11:00:00Z', false),
      }),
      now,
      true,
    );
    expect(status.warning).toMatchObject({ kind: 'failed' });
    expect(status.warning?.message).toContain('The backup folder is full');
  });

  test('never backed up yet; then fresh (no warning); then older than the limit the user set', () => {
    expect(backupHealth(config({ folder: '/b' }), now, true).warning?.kind).toBe('never');
    const fresh = config({ folder: '/b', lastVerified: outcome('2026-12-02T10:00:00Z') });
    expect(backupHealth(fresh, now, true).warning).toBeNull();
    const old = config({ folder: '/b', warnAfterDays: 3, lastVerified: outcome('2026-11-28T10:00:00Z') });
    const status = backupHealth(old, now, true);
    expect(status.warning?.kind).toBe('stale');
    expect(status.warning?.message).toContain('4 days old');
    expect(
      backupHealth({ ...old, backup: { ...old.backup, warnAfterDays: 7 } }, now, true).warning,
    ).toBeNull();
  });
});
