import type { Services } from '../createServices';
import type { VaultSession } from '../VaultSession';
import { SyncedOpenVault } from '../../vault/v2/SyncedOpenVault';
import type { SyncedVault } from '../../vault/v2/SyncedVault';
import { type Clock, systemClock } from '../Clock';
import { SyncService } from './SyncService';

/** Where this computer's name is kept between runs (ThisDevice, in the per-user settings). */
export interface DeviceNameStore {
  rename(name: string): Promise<string>;
}

/**
 * The SyncService over the session's open vault: format 2 gives its engine, format 1 gives null.
 * A rename is kept in this computer's settings first (so the next open uses it), then told to
 * the other computers through the vault.
 */
export function createSyncService(
  session: VaultSession,
  services: Pick<Services, 'bulkWrites' | 'settings'>,
  names: DeviceNameStore | null,
  clock: Clock = systemClock,
): SyncService {
  const synced = (): SyncedVault | null => {
    const vault = session.vault; // throws `locked`
    return vault instanceof SyncedOpenVault ? vault.synced : null;
  };
  const open = (): SyncedVault => {
    const vault = synced();
    if (!vault) throw new Error('A format-2 vault was expected.');
    return vault;
  };
  const service = new SyncService({
    synced,
    writes: { writeMany: (work) => services.bulkWrites.writeMany(() => work()) },
    settings: services.settings,
    device: {
      name: async () => open().ownName,
      rename: async (name) => open().rename(names ? await names.rename(name) : name),
    },
    clock,
  });
  // A signed note's conflict is settled when the merge brings it in, never while it is listed.
  session.onMerged(() => service.settleSigned());
  return service;
}
