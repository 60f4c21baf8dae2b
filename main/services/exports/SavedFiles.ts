import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import type { SavePurpose } from '../../../shared/ipc/contract';
import { AttuneError } from '../../../shared/errors';
import type { DeviceConfigStore } from '../device/DeviceConfigStore';
import type { ChosenPaths } from '../records/ChosenPaths';

/** The file extension each kind of export is saved with. */
export const saveExtensions: Record<Exclude<SavePurpose, 'recovery-key'>, string> = {
  'review-packet': '.attune-review',
  'review-summary': '.pdf',
  'review-comments': '.attune-comments',
  'chart-svg': '.svg',
  'chart-png': '.png',
};

export type ExportPurpose = keyof typeof saveExtensions;

export interface SavedFilesShell {
  chooseSavePath?: ((purpose: SavePurpose, defaultPath: string) => Promise<string | null>) | undefined;
  chooseFolder?: ((purpose: 'export-to', defaultPath: string) => Promise<string | null>) | undefined;
  showItemInFolder?: ((path: string) => void) | undefined;
}

/**
 * Where exports go, and "Show in folder" afterwards. Save as… opens in the folder of the last
 * export (kept in this computer's settings; the exports folder in the data folder until then),
 * and the path the user picks is the only one the export may write (through `chosen`). What was
 * written is remembered by an id the renderer gets back: "Show in folder" names that id, so the
 * file manager only ever opens at a file Attune itself just wrote.
 */
export class SavedFiles {
  readonly #written = new Map<string, string>();

  constructor(
    private readonly shell: SavedFilesShell,
    private readonly config: DeviceConfigStore,
    private readonly chosen: ChosenPaths,
    /** The exports folder in the data folder, where exports went before Save as… existed. */
    private readonly defaultFolder: string,
  ) {}

  /** The folder Save as… opens in; the exports folder is made (0700) the first time it is offered. */
  async folder(): Promise<string> {
    const config = await this.config.read().catch(() => null);
    if (config?.exportFolder) return config.exportFolder;
    // Best effort: if it cannot be made, the dialog opens elsewhere and the user picks a folder.
    await mkdir(this.defaultFolder, { recursive: true, mode: 0o700 }).catch(() => undefined);
    return this.defaultFolder;
  }

  /**
   * The save dialog for an export, at `<remembered folder>/<suggestedName>`. The chosen path gets
   * the export's extension if the user left it off, and becomes the one path that export may write.
   */
  async chooseSaveAs(purpose: ExportPurpose, suggestedName: string): Promise<{ path: string } | null> {
    if (!this.shell.chooseSavePath)
      throw new AttuneError('invalid-input', 'Saving files is not available here.');
    const extension = saveExtensions[purpose];
    const name = basename(suggestedName).endsWith(extension)
      ? basename(suggestedName)
      : `${basename(suggestedName)}${extension}`;
    const answer = await this.shell.chooseSavePath(purpose, join(await this.folder(), name));
    if (!answer) return null;
    const path = extname(answer).toLowerCase() === extension ? answer : `${answer}${extension}`;
    this.chosen.remember(purpose, path);
    await this.#rememberFolder(dirname(path));
    return { path };
  }

  /** The folder dialog for exports that write several files, opened at the remembered folder. */
  async chooseExportFolder(): Promise<string | null> {
    if (!this.shell.chooseFolder)
      throw new AttuneError('invalid-input', 'Choosing folders is not available here.');
    const folder = await this.shell.chooseFolder('export-to', await this.folder());
    if (folder) await this.#rememberFolder(folder);
    return folder;
  }

  /** Records a file an export wrote; the id is what "Show in folder" names. */
  written(path: string): string {
    const id = randomUUID();
    this.#written.set(id, path);
    return id;
  }

  /** Shows a written file in the system's file manager, selected. */
  show(id: string): null {
    const path = this.#written.get(id);
    if (!path) {
      throw new AttuneError('not-found', 'Attune no longer knows where that file went. Export it again.');
    }
    if (!this.shell.showItemInFolder) {
      throw new AttuneError('invalid-input', 'Showing files in their folder is not available here.');
    }
    this.shell.showItemInFolder(path);
    return null;
  }

  async #rememberFolder(folder: string): Promise<void> {
    // A folder that cannot be remembered only means the next dialog opens elsewhere.
    await this.config.update((c) => ({ ...c, exportFolder: folder })).catch(() => undefined);
  }
}
