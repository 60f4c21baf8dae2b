import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';

// Requiring 'electron' outside Electron tries to download its binary, and the glue is tested in
// Node. So each process has exactly one entry that imports Electron's values; every other module
// of the glue only imports its types and gets the real objects passed in.
const entries = new Set(['main/app/index.ts', 'main/preload/index.ts']);

async function gluedModules(): Promise<string[]> {
  const files: string[] = [];
  for (const folder of ['main/app', 'main/preload']) {
    for (const name of await readdir(folder)) if (name.endsWith('.ts')) files.push(join(folder, name));
  }
  return files;
}

describe('Electron imports in the glue', () => {
  test('only the two entries import values from electron; the rest import types only', async () => {
    const offenders: string[] = [];
    for (const file of await gluedModules()) {
      const source = await readFile(file, 'utf8');
      const valueImports = [...source.matchAll(/^import\s+(?!type\b)[^;]*?from\s+['"]electron['"]/gm)];
      const requires = source.match(/require\(\s*['"]electron['"]\s*\)/);
      if ((valueImports.length > 0 || requires) && !entries.has(file)) offenders.push(file);
    }
    expect(offenders).toEqual([]);
  });

  test('the entries do import electron (so the check above is looking at the right text)', async () => {
    for (const file of entries) {
      expect(await readFile(file, 'utf8')).toMatch(/^import\s+\{[^}]+\}\s+from\s+'electron';$/m);
    }
  });
});
