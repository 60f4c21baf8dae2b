import { dirname } from 'node:path';
import { type Clock, systemClock } from '../Clock';
import { DeviceConfigStore } from '../device/DeviceConfigStore';
import type { Emit, VaultSession } from '../VaultSession';
import { BackupService } from './BackupService';
import { RestoreService } from './RestoreService';
import { vaultBackupEngine } from './vaultBackupEngine';

export interface SafetyServices {
  config: DeviceConfigStore;
  backups: BackupService;
  restore: RestoreService;
}

/**
 * The backup and restore services of one session. This computer's settings live in the data
 * folder (by default the vault folder's parent).
 */
export function createSafetyServices(
  session: VaultSession,
  emit: Emit,
  options: { dataDir?: string; clock?: Clock; config?: DeviceConfigStore } = {},
): SafetyServices {
  const clock = options.clock ?? systemClock;
  const config = options.config ?? new DeviceConfigStore(options.dataDir ?? dirname(session.location));
  return {
    config,
    backups: new BackupService(session, config, vaultBackupEngine, emit, clock),
    restore: new RestoreService(session, config, vaultBackupEngine, clock),
  };
}
