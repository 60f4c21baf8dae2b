import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

// Three builds: the main process (plus the `attune` CLI, which shares its services),
// a CommonJS preload (sandboxed windows cannot load an ESM preload), and the renderer.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // zod is bundled, not required from node_modules: its package is ~95 files (every locale)
      // that Node would resolve and compile at each `attune` start (issue 12), where the bundle
      // keeps only the parts used.
      externalizeDeps: { exclude: ['zod'] },
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'main/app/index.ts'),
          cli: resolve(__dirname, 'main/cli/index.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve(__dirname, 'main/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      rollupOptions: { input: { index: resolve(__dirname, 'renderer/index.html') } },
    },
    plugins: [react()],
  },
});
