import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isIgnoredBySync } from './syncTools';

/**
 * Every file under `folder` that a sync tool would copy, by path relative to it ('/'-separated),
 * in sorted order so two snapshots compare and print the same way. Folders themselves are not
 * entries: the tools create them as files need them. A file that vanishes while being read (a
 * program deleting it) is left out, as a tool's scan would.
 */
export async function snapshotFolder(
  folder: string,
  keep: (relativePath: string) => boolean = (path) => !isIgnoredBySync(path),
): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  const walk = async (relative: string): Promise<void> => {
    const entries = await readdir(join(folder, relative), { withFileTypes: true }).catch(ignoreMissing);
    if (!entries) return;
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const path = relative === '' ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile() && keep(path)) {
        const bytes = await readFile(join(folder, path)).catch(ignoreMissing);
        if (bytes) files.set(path, bytes);
      }
    }
  };
  await walk('');
  return files;
}

function ignoreMissing(error: unknown): undefined {
  if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
  throw error;
}
