import { join, resolve } from 'node:path';
import { build } from 'vite';

/**
 * Bundles vaultChild.ts (and the vault code it imports, hash-wasm included) into one CommonJS
 * file that plain `node` can run: the kill test needs the real vault code in a real process,
 * and nothing here runs TypeScript directly (no tsx; Node 20 cannot strip types).
 */
export async function bundleChild(outDir: string): Promise<string> {
  const root = resolve(__dirname, '../../../..');
  await build({
    configFile: false,
    logLevel: 'silent',
    root,
    build: {
      ssr: join(__dirname, 'vaultChild.ts'),
      outDir,
      emptyOutDir: true,
      minify: false,
      rollupOptions: { output: { format: 'cjs', entryFileNames: 'vaultChild.cjs' } },
    },
    ssr: { noExternal: true, target: 'node' },
  });
  return join(outDir, 'vaultChild.cjs');
}
