import { join } from 'node:path';
import type { FilePurpose, FolderPurpose, SavePurpose } from '../../shared/ipc/contract';
import type { ThemePreference } from '../../shared/domain/themePreference';
import type { LockReason } from '../../shared/ipc/events';
import { createSafetyServices } from '../services/backup/createSafetyServices';
import { DeviceConfigStore } from '../services/device/DeviceConfigStore';
import { RecoveryKeyClipboard, type TextClipboard } from '../services/recoveryKey/RecoveryKeyClipboard';
import { ThisDevice } from '../services/device/ThisDevice';
import { VaultPlaceService } from '../services/vaultPlace/VaultPlaceService';
import { createServices } from '../services/createServices';
import { type Emit, VaultSession } from '../services/VaultSession';
import { clientEntryGate } from './clientEntryGate';
import { createHandlers, type PdfLayout } from './createHandlers';
import { createRouter, type Router } from './createRouter';

/** Everything main offers the renderer, independent of the transport (Electron IPC or the e2e harness). */
export interface Backend {
  router: Router;
  lock(reason: LockReason): Promise<void>;
  dispose(): Promise<void>;
}

export interface BackendOptions {
  /**
   * The per-user data folder: this computer's settings are there, and the vault in `<dataDir>/vault`
   * unless the user chose another folder.
   */
  dataDir: string;
  emit: Emit;
  version: string;
  /**
   * Shows the native open dialog for a review file; resolves to the chosen path, or null when
   * the user cancels. Absent where there is no dialog (the CLI): choosing files is then refused.
   */
  chooseFile?: (purpose: FilePurpose) => Promise<string | null>;
  /** The native folder dialog (may create a folder); null when the user cancels. */
  chooseFolder?: (purpose: FolderPurpose, defaultPath?: string) => Promise<string | null>;
  /** Prints the calling window's current page to PDF bytes (Electron's printToPDF in the app). */
  printToPdf?: (layout: PdfLayout) => Promise<Uint8Array>;
  /** Shows a file or folder in the system's file manager (Electron's shell.showItemInFolder). */
  showItemInFolder?: (path: string) => void;
  /** Sets the window's native theme (Electron's nativeTheme.themeSource) to the one chosen in Settings. */
  applyTheme?: (theme: ThemePreference) => void;
  /** The native save dialog opened at `defaultPath`; the chosen path, or null when cancelled. */
  chooseSavePath?: (purpose: SavePurpose, defaultPath: string) => Promise<string | null>;
  /** The system clipboard (Electron's `clipboard`); the recovery key's Copy needs it. */
  clipboard?: TextClipboard;
}

export function createBackend(options: BackendOptions): Backend {
  // One store of this computer's settings: the session keeps its device identity there, the
  // backup services their folder and outcomes; two stores would each queue their own writes.
  const config = new DeviceConfigStore(options.dataDir);
  const session = new VaultSession(join(options.dataDir, 'vault'), options.emit, undefined, {
    device: new ThisDevice(config),
  });
  const safety = createSafetyServices(session, options.emit, { dataDir: options.dataDir, config });
  // Hourly backups while the vault is open; backups on lock (and so on quit) run from the session.
  safety.backups.startSchedule();
  const keyClipboard = new RecoveryKeyClipboard(options.clipboard);
  const seams = {
    chooseFile: options.chooseFile,
    chooseFolder: options.chooseFolder,
    printToPdf: options.printToPdf,
    showItemInFolder: options.showItemInFolder,
    applyTheme: options.applyTheme,
    chooseSavePath: options.chooseSavePath,
    keyClipboard,
  };
  // The vault's folder comes from this computer's settings; until it is known (and an
  // interrupted folder switch is finished) no call is answered.
  const place = new VaultPlaceService(session, safety.config, join(options.dataDir, 'vault'), seams);
  const started = place.start().catch((error: unknown) => {
    // Settings unreadable (permissions): the vault is looked for in the default folder.
    console.error('[attune] where the vault lives could not be read:', error);
  });
  const services = createServices(session);
  // While the client has the screen (client entry mode), the gate refuses all but the form's calls.
  const inner = createRouter(
    createHandlers(session, options.version, services, undefined, seams, safety, place),
    { gate: clientEntryGate(services.clientEntry) },
  );
  const router: Router = {
    methods: inner.methods,
    call: async (method, input) => {
      await started;
      return inner.call(method, input);
    },
  };
  return {
    router,
    async lock(reason) {
      // Locks the OS asks for let the renderer save its drafts first; quitting cannot wait.
      if (reason === 'suspend' || reason === 'screen-lock') await session.requestLock(reason);
      else await session.lock(reason);
    },
    async dispose() {
      // A recovery key copied a moment ago does not outlive the app on the clipboard.
      await keyClipboard.clearNow().catch(() => undefined);
      await session.lock('quit'); // writes the backup on quit
      safety.backups.dispose();
    },
  };
}
