import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { AttuneError } from '../../../shared/errors';
import type { BackupSetListing, FolderPurpose, RestoreResult } from '../../../shared/ipc/contract';
import { folderFormat, syncedVaultHex } from '../../vault/folderFormat';
import { readHeader } from '../../vault/header';
import type { RestoringComputer } from '../../vault/v2/restoreSyncedGeneration';
import type { SeenState } from '../../vault/v2/seenFile';
import { nodeVaultFs } from '../../vault/vaultFs';
import { type Clock, systemClock } from '../Clock';
import type { DeviceConfigStore } from '../device/DeviceConfigStore';
import type { ThisDevice } from '../device/ThisDevice';
import { progressEvents } from '../progressEvents';
import type { VaultSession } from '../VaultSession';
import type { BackupEngine } from './BackupEngine';
import { preparingDir, removeUnfinishedRestores } from './unfinishedRestores';

/**
 * Restore from a backup: list what a backup folder holds (counts need the passphrase), then copy
 * a verified generation into a new folder beside the vault and switch to it. The vault that was
 * there is never overwritten: it is kept aside under a dated name until the user removes it.
 */
export class RestoreService {
  /** The folder last listed: a restore only takes a generation from it (the renderer names no path). */
  #source: string | null = null;

  constructor(
    private readonly session: VaultSession,
    private readonly config: DeviceConfigStore,
    private readonly engine: BackupEngine,
    private readonly clock: Clock = systemClock,
  ) {}

  /**
   * The backups in the backup folder, or in a folder the user chooses now; null when the dialog
   * is cancelled. Backups of other vaults in the same folder are listed too, marked as such.
   */
  async list(
    passphrase: string,
    choose: boolean,
    chooseFolder: ((purpose: FolderPurpose) => Promise<string | null>) | undefined,
  ): Promise<{ folder: string; sets: BackupSetListing[] } | null> {
    let folder: string | null;
    if (choose) {
      if (!chooseFolder) throw new AttuneError('invalid-input', 'Choosing folders is not available here.');
      folder = await chooseFolder('restore-from');
      if (folder === null) return null;
    } else {
      folder = (await this.config.read()).backup.folder;
      if (folder === null) {
        throw new AttuneError(
          'not-found',
          'No backup folder is set on this computer. Choose the folder that holds your backups.',
        );
      }
    }
    const sets = await this.engine.list(folder, passphrase);
    const current = await this.#currentVaultId();
    this.#source = folder;
    return {
      folder,
      sets: sets
        .map((set) => ({ ...set, thisVault: set.vaultId === current }))
        // This computer's vault first, then the others.
        .sort((a, b) => Number(b.thisVault) - Number(a.thisVault)),
    };
  }

  /**
   * Restores `generation` of the listed folder: the vault is locked, the generation verified and
   * copied beside the vault, the folders switched, and the restored vault opened with `passphrase`.
   */
  async restore(vaultId: string, generation: string, passphrase: string): Promise<RestoreResult> {
    const folder = this.#source;
    if (!folder)
      throw new AttuneError('invalid-input', 'List the backups first, then choose one to restore.');
    await this.session.lock('user');
    const vaultDir = this.session.location;
    await removeUnfinishedRestores(vaultDir);
    const prepared = preparingDir(vaultDir, randomBytes(4).toString('hex'));
    const computer = await restoringComputer(this.session.device, vaultId);
    try {
      const onProgress = progressEvents(this.session.emit, 'restore');
      await this.engine.restore(folder, vaultId, generation, passphrase, prepared, {
        onProgress,
        thisComputer: computer.thisComputer,
      });
    } catch (error) {
      await rm(prepared, { recursive: true, force: true }).catch(() => undefined);
      throw error;
    }
    const { keptAside } = await this.engine.switchFolder(vaultDir, prepared, this.clock());
    // Only now is the restored vault the one this computer opens: its memory of the vault and
    // its new device id (if any) belong to it, not to the vault that was there.
    await computer.settle();
    await this.session.unlock({ passphrase });
    // The restored vault's own log says where it came from and where the replaced one went.
    await this.session.vault.appendAudit('restore', {
      generation,
      keptAside: keptAside ?? '',
    });
    return { keptAside, restoredFrom: generation };
  }

  async #currentVaultId(): Promise<string | null> {
    const location = this.session.location;
    // A vault shared by several computers names its id in its marker (FORMAT.md §4).
    if ((await folderFormat(location)) === 2) return syncedVaultHex(location);
    try {
      return (await readHeader(nodeVaultFs, location)).vaultId.toString('hex');
    } catch {
      return null; // no vault here yet, or a damaged header: nothing to mark
    }
  }
}

/**
 * This computer as a format-2 restore needs it (FORMAT.md §9, §16): what it remembers of the
 * vault, and the new device id it must carry on under if it wrote after the backup. The restore
 * hands both over while it prepares the copy; they are kept back and only saved by `settle`, once
 * the copy has replaced the vault, so a restore that fails leaves this computer as it was.
 */
async function restoringComputer(
  device: ThisDevice,
  vaultId: string,
): Promise<{ thisComputer: RestoringComputer; settle: () => Promise<void> }> {
  const { hex } = await device.identity();
  const stored = device.localSeen(() => vaultId);
  let seen: SeenState | null = null;
  let carryOnAs: string | null = null;
  return {
    thisComputer: {
      deviceHex: hex,
      localSeen: {
        load: () => stored.load(),
        save: async (state) => {
          seen = state;
        },
      },
      carryOnAs: async (newHex) => {
        carryOnAs = newHex;
      },
    },
    settle: async () => {
      if (carryOnAs !== null) await device.remember(carryOnAs);
      if (seen !== null) await stored.save(seen);
    },
  };
}
