import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The layer rules live in biome.json. These tests run Biome with the project's own config over
 * deliberate violations placed at the same paths in a scratch tree, so a rule that stops
 * working (or is deleted) fails here rather than silently.
 */
const root = resolve(__dirname, '../../..');
const biome = join(root, 'node_modules', '.bin', 'biome');
let scratch: string;

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'attune-layers-'));
  copyFileSync(join(root, 'biome.json'), join(scratch, 'biome.json'));
  // Biome's config reads .gitignore through git, so the scratch tree is a repository too.
  spawnSync('git', ['init', '-q', scratch]);
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function lint(path: string, source: string): { code: number; output: string } {
  const file = join(scratch, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, source);
  const run = spawnSync(biome, ['lint', path], { cwd: scratch, encoding: 'utf8' });
  rmSync(file);
  return { code: run.status ?? -1, output: `${run.stdout}${run.stderr}` };
}

describe('layer rules (biome.json)', () => {
  it.each([
    ['shared/x.ts', "import { app } from 'electron';\nexport const x = app;\n", 'no Electron'],
    ['shared/x.ts', "import { readFile } from 'node:fs';\nexport const x = readFile;\n", 'Node'],
    ['shared/x.ts', 'export const x = () => window.location.href;\n', 'no DOM'],
    ['shared/x.ts', "import { y } from '../main/services/y';\nexport const x = y;\n", 'shared/ imports only shared/'],
    ['renderer/src/x.ts', "import { y } from '../../main/ipc/createRouter';\nexport const x = y;\n", 'renderer/ imports only shared/'],
    ['renderer/src/x.ts', "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n", 'window.attune'],
    ['renderer/src/x.ts', "import { readFile } from 'node:fs';\nexport const x = readFile;\n", 'no Node APIs'],
    ['main/services/x.ts', "import { app } from 'electron';\nexport const x = app;\n", 'Only main/app/ and main/preload/'],
    ['main/vault/x.ts', "import { shell } from 'electron';\nexport const x = shell;\n", 'Only main/app/ and main/preload/'],
    ['main/vault/x.ts', "import { fail } from '../../shared/ipc/result';\nexport const x = fail;\n", 'main/vault/ is the bottom layer'],
    ['main/vault/x.ts', "import { y } from '../services/y';\nexport const x = y;\n", 'main/vault/ is the bottom layer'],
    ['main/services/x.ts', "import { y } from '../ipc/createRouter';\nexport const x = y;\n", 'main/services/ sit below'],
    ['main/services/review/x.ts', "import { y } from '../../ipc/createRouter';\nexport const x = y;\n", 'main/services/ sit below'],
  ])('%s: a violation fails lint (%#)', (path, source, message) => {
    const { code, output } = lint(path, source);
    expect(code).not.toBe(0);
    expect(output).toContain(message);
  });

  it.each([
    ['main/app/x.ts', "import { app } from 'electron';\nexport const x = app;\n"],
    ['main/preload/x.ts', "import { contextBridge } from 'electron';\nexport const x = contextBridge;\n"],
    ['renderer/src/x.ts', "import { z } from 'zod';\nexport const x = z;\n"],
    ['main/vault/x.ts', "import { AttuneError } from '../../shared/errors';\nexport const x = AttuneError;\n"],
    ['main/services/x.ts', "import type { VaultStatus } from '../../shared/ipc/contract';\nexport type X = VaultStatus;\n"],
  ])('%s: an allowed import passes', (path, source) => {
    const { code, output } = lint(path, source);
    expect(output).not.toContain('×');
    expect(code).toBe(0);
  });
});
