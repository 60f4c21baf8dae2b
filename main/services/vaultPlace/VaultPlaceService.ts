import { isAbsolute, join, resolve } from 'node:path';
import { AttuneError } from '../../../shared/errors';
import type { FolderPurpose, VaultStatus } from '../../../shared/ipc/contract';
import type { OldVaultCopy, VaultPlace } from '../../../shared/ipc/contracts/vaultPlaceContract';
import { removeTree } from '../../vault/folderTree';
import { HEADER_FILE } from '../../vault/header';
import { recoverInterruptedRotation } from '../../vault/rotateVaultKey';
import { listKeptAside } from '../../vault/switchVaultFolder';
import { parseMarker } from '../../vault/v2/marker';
import { SyncedOpenVault } from '../../vault/v2/SyncedOpenVault';
import { nodeVaultFs, type VaultFs } from '../../vault/vaultFs';
import { confirmPassphrase } from '../confirmPassphrase';
import type { DeviceConfigStore } from '../device/DeviceConfigStore';
import { DEFAULT_VAULT_FORMAT, type VaultSession } from '../VaultSession';
import { checkVaultLocation } from './checkVaultLocation';
import { moveVaultTo } from './moveVaultTo';

/** What only the app's shell can do for this service. */
export interface PlaceSeams {
  chooseFolder?: ((purpose: FolderPurpose) => Promise<string | null>) | undefined;
  showItemInFolder?: ((path: string) => void) | undefined;
}

/**
 * Where the vault lives on this computer: read from this computer's settings at start (null
 * means `<data folder>/vault`), chosen at first run, shown in the file manager, moved. The old
 * copies a move, a key rotation or a restore leaves behind are listed until the user removes them.
 */
export class VaultPlaceService {
  /** Move targets main offered in its dialog: the renderer may only pass back one of these. */
  readonly #offered = new Set<string>();

  constructor(
    private readonly session: VaultSession,
    private readonly config: DeviceConfigStore,
    readonly defaultLocation: string,
    private readonly seams: PlaceSeams = {},
    private readonly fs: VaultFs = nodeVaultFs,
  ) {}

  /**
   * Points the session at the configured folder, after finishing a folder switch a crash
   * interrupted (so the app never offers to create a vault over one that exists) and removing
   * what an interrupted key rotation left. Runs once, before the first call is answered.
   */
  async start(): Promise<void> {
    const configured = (await this.config.read()).vaultDir;
    const location = configured ?? this.defaultLocation;
    await recoverInterruptedRotation(location, this.fs).catch((error: unknown) => {
      console.error('[attune] an interrupted key rotation or restore could not be finished:', error);
    });
    this.session.relocate(location);
  }

  async get(): Promise<VaultPlace> {
    const location = this.session.location;
    const config = await this.config.read();
    const oldCopies: OldVaultCopy[] = [];
    const seen = new Set<string>();
    for (const copy of await listKeptAside(location, this.fs).catch(() => [])) {
      seen.add(copy.path);
      oldCopies.push(copy);
    }
    for (const path of config.oldVaultCopies) {
      if (seen.has(path) || !(await this.isVaultFolder(path))) continue;
      seen.add(path);
      const [aside] = (await listKeptAside(path, this.fs).catch(() => [])).filter((c) => c.path === path);
      oldCopies.push(aside ?? { path, reason: 'moved', at: movedAt(path) });
    }
    return {
      location,
      isDefault: resolve(location) === resolve(this.defaultLocation),
      defaultLocation: this.defaultLocation,
      oldCopies,
      settingsDamaged: this.config.health === 'damaged',
    };
  }

  /** First run: the user picks the folder for the new vault in main's dialog. */
  async chooseAtFirstRun(): Promise<VaultPlace | null> {
    await this.assertFirstRun();
    const chosen = await this.chooseFolder();
    if (chosen === null) return null;
    const config = await this.config.read();
    // The vault made there will be in the format new vaults are made in.
    const path = await checkVaultLocation(
      chosen,
      { current: null, backupFolder: config.backup.folder, format: DEFAULT_VAULT_FORMAT },
      this.fs,
    );
    await this.setLocation(path);
    return this.get();
  }

  /**
   * First run: points Attune at a vault that exists in another folder, chosen in main's dialog.
   * The folder must hold a vault (its header file); nothing in it is changed here.
   */
  async openExisting(): Promise<VaultPlace | null> {
    await this.assertFirstRun();
    if (!this.seams.chooseFolder)
      throw new AttuneError('invalid-input', 'Choosing folders is not available here.');
    const chosen = await this.seams.chooseFolder('vault-open');
    if (chosen === null) return null;
    if (!isAbsolute(chosen))
      throw new AttuneError('invalid-input', 'Choose a folder with the button; Attune needs its full path.');
    const path = resolve(chosen);
    if (!(await this.isVaultFolder(path))) {
      throw new AttuneError(
        'invalid-input',
        `There is no Attune vault in ${path}: a vault folder holds a file named ${HEADER_FILE}. Choose the folder that holds it, or restore from a backup.`,
      );
    }
    await this.setLocation(path);
    return this.get();
  }

  /** First run: back to the default folder. */
  async useDefault(): Promise<VaultPlace> {
    await this.assertFirstRun();
    await this.setLocation(this.defaultLocation);
    return this.get();
  }

  showInFileManager(): null {
    if (!this.seams.showItemInFolder) {
      throw new AttuneError('invalid-input', 'Showing folders is not available here.');
    }
    this.seams.showItemInFolder(this.session.location);
    return null;
  }

  /** The folder to move the vault to, chosen in main's dialog and checked; null when cancelled. */
  async chooseMoveTarget(): Promise<{ path: string } | null> {
    const current = this.session.location;
    const chosen = await this.chooseFolder();
    if (chosen === null) return null;
    const config = await this.config.read();
    const path = await checkVaultLocation(
      chosen,
      { current, backupFolder: config.backup.folder, format: await this.formatHere() },
      this.fs,
    );
    this.#offered.add(path);
    return { path };
  }

  /**
   * Moves the vault to `path` (offered by chooseMoveTarget): the passphrase is checked first,
   * then the vault is closed, copied, verified and recorded at the new place, and opened there.
   */
  async move(path: string, passphrase: string): Promise<{ place: VaultPlace; status: VaultStatus }> {
    if (!this.#offered.has(path)) {
      throw new AttuneError('invalid-input', 'Choose the new folder again with the button.');
    }
    // A shared vault (format 2) moves this computer's whole copy; its own folder stays locked meanwhile.
    const open = this.session.vault;
    const deviceHex = open instanceof SyncedOpenVault ? open.synced.deviceHex : undefined;
    // After a restore this computer writes under a new id; its old presence file is its own.
    const formerIds = open instanceof SyncedOpenVault ? [...open.synced.formerIds()] : [];
    await confirmPassphrase(this.session, passphrase, 'the vault was not moved');
    const config = await this.config.read();
    // Checked again: the folder may have changed since it was chosen.
    const target = await checkVaultLocation(
      path,
      { current: this.session.location, backupFolder: config.backup.folder, format: await this.formatHere() },
      this.fs,
    );
    const { status } = await this.session.whileClosed(
      'Attune is moving the vault to its new folder. Wait until it has finished.',
      { passphrase },
      async (dir) => {
        await moveVaultTo(this.config, dir, target, passphrase, this.defaultLocation, {
          fs: this.fs,
          ...(deviceHex ? { deviceHex } : {}),
          formerIds,
        });
        this.session.relocate(target);
      },
    );
    this.#offered.delete(path);
    return { place: await this.get(), status };
  }

  /** Deletes an old copy the list shows; never any other folder, and never the vault in use. */
  async removeOldCopy(path: string): Promise<VaultPlace> {
    const listed = (await this.get()).oldCopies.some((copy) => copy.path === path);
    if (!listed || resolve(path) === resolve(this.session.location)) {
      throw new AttuneError(
        'not-found',
        'That old copy is not in the list any more. Reopen Settings to see the current list.',
      );
    }
    try {
      await removeTree(this.fs, path);
    } catch (error) {
      throw new AttuneError(
        'io',
        `Attune could not remove the whole old copy (${String((error as { code?: string }).code ?? error)}). Remove the folder ${path} in the file manager.`,
      );
    }
    await this.config.update((c) => ({ ...c, oldVaultCopies: c.oldVaultCopies.filter((p) => p !== path) }));
    return this.get();
  }

  private async assertFirstRun(): Promise<void> {
    const status = await this.session.status();
    if (status.state !== 'absent') {
      throw new AttuneError(
        'vault-exists',
        'A vault exists already. To put it elsewhere, use “Move vault…” in Settings.',
      );
    }
  }

  private async chooseFolder(): Promise<string | null> {
    if (!this.seams.chooseFolder)
      throw new AttuneError('invalid-input', 'Choosing folders is not available here.');
    return this.seams.chooseFolder('vault-location');
  }

  private async setLocation(path: string): Promise<void> {
    const isDefault = resolve(path) === resolve(this.defaultLocation);
    await this.config.update((c) => ({ ...c, vaultDir: isDefault ? null : path }));
    this.session.relocate(path);
  }

  /** The format of the vault in use here (1 when its marker cannot be read: the stricter checks apply). */
  private async formatHere(): Promise<1 | 2> {
    try {
      return parseMarker(await this.fs.readFile(join(this.session.location, HEADER_FILE))).version;
    } catch {
      return 1;
    }
  }

  private async isVaultFolder(path: string): Promise<boolean> {
    return this.fs.stat(join(path, HEADER_FILE)).then(
      (s) => s.isFile,
      () => false,
    );
  }
}

/** The date in an old copy's name `… (moved 2026-12-02 14-05)`, or null. */
function movedAt(path: string): string | null {
  const m = / \((?:moved|replaced) (\d{4})-(\d\d)-(\d\d) (\d\d)-(\d\d)(?: \d+)?\)$/.exec(path);
  if (!m) return null;
  return new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5])).toISOString();
}
