import { defineConfig } from 'vitest/config';

// Two real Syncthing daemons per test file (tests/syncthing/): waits are seconds, not
// milliseconds, and the files run one at a time so their daemons do not compete for 2 cores.
export default defineConfig({
  test: {
    include: ['tests/syncthing/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 60_000,
  },
});
