import { dirname, parse, resolve, sep } from 'node:path';
import type { VaultFs } from '../../vault/vaultFs';

/** Files a sync tool keeps at the top of the folder it syncs. */
const ROOT_MARKERS: Array<{ tool: string; test: (name: string) => boolean }> = [
  { tool: 'Syncthing', test: (n) => n === '.stfolder' },
  { tool: 'Dropbox', test: (n) => n === '.dropbox' || n === '.dropbox.cache' },
  {
    tool: 'Nextcloud',
    test: (n) =>
      /^\.?_?sync_[0-9a-f]+\.db$/i.test(n) || n === '.owncloudsync.log' || n === '.nextcloudsync.log',
  },
];

/** Folder names sync tools give the folder they sync (macOS CloudStorage, Windows, Linux clients). */
const FOLDER_NAMES: Array<{ tool: string; test: (name: string) => boolean }> = [
  { tool: 'Dropbox', test: (n) => n === 'Dropbox' || n.startsWith('Dropbox (') || n.startsWith('Dropbox-') },
  {
    tool: 'OneDrive',
    test: (n) => n === 'OneDrive' || n.startsWith('OneDrive - ') || n.startsWith('OneDrive-'),
  },
  { tool: 'iCloud Drive', test: (n) => n === 'Mobile Documents' || n === 'iCloud Drive' },
  {
    tool: 'Google Drive',
    test: (n) => n === 'Google Drive' || n === 'My Drive' || n.startsWith('GoogleDrive-'),
  },
  { tool: 'Nextcloud', test: (n) => n === 'Nextcloud' },
];

/**
 * The sync tool that keeps `path` (or the folder it would be made in) in sync, or null: a
 * folder on the way up holds the tool's marker (Syncthing's .stfolder, Dropbox's .dropbox,
 * Nextcloud's sync database), or is named as the tool names its folder.
 */
export async function syncToolOf(path: string, fs: VaultFs): Promise<string | null> {
  const full = resolve(path);
  for (const name of full.split(sep)) {
    const found = FOLDER_NAMES.find((f) => f.test(name));
    if (found) return found.tool;
  }
  const root = parse(full).root;
  for (let dir = full; ; dir = dirname(dir)) {
    const names = await fs.readdir(dir).catch(() => [] as string[]);
    const found = ROOT_MARKERS.find((m) => names.some(m.test));
    if (found) return found.tool;
    if (dir === root) return null;
  }
}
