import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/unit/**/*.test.tsx'],
    // Most of the suite waits on the disk (fsync), child processes and worker threads, not the CPU:
    // four files at a time on two cores takes the suite from ~260 s to ~160 s here.
    maxWorkers: 4,
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
