import { mkdir, mkdtemp } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { build } from 'vite';

const root = resolve(__dirname, '../../../..');

/**
 * A fresh folder for a child bundle, inside the project: the vault's key derivation reads
 * hash-wasm's Argon2 script from node_modules at run time (argon2Worker.ts), so the bundle
 * must sit where Node's resolver finds node_modules, as the built app does.
 */
export async function childBundleDir(): Promise<string> {
  const cache = join(root, 'node_modules', '.cache');
  await mkdir(cache, { recursive: true });
  return mkdtemp(join(cache, 'attune-child-'));
}

/**
 * Bundles a child program (vaultChild.ts unless told otherwise, and the code it imports) into
 * one CommonJS file that plain `node` can run: the kill and lock tests need the real vault code
 * in a real process, and nothing here runs TypeScript directly (no tsx; Node 20 cannot strip
 * types). Returns the bundle's path.
 */
export async function bundleChild(outDir: string, entry = join(__dirname, 'vaultChild.ts')): Promise<string> {
  const name = `${basename(entry, '.ts')}.cjs`;
  await build({
    configFile: false,
    logLevel: 'silent',
    root,
    build: {
      ssr: entry,
      outDir,
      emptyOutDir: true,
      minify: false,
      rollupOptions: { output: { format: 'cjs', entryFileNames: name } },
    },
    ssr: { noExternal: true, target: 'node' },
  });
  return join(outDir, name);
}
