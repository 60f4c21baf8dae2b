import { configDefaults, defineConfig } from 'vitest/config';
import { longUnitTests } from './tests/suites';

// `npm run test:long` runs the files npm test leaves out (tests/suites.ts says why).
const long = process.env.ATTUNE_TEST_SUITE === 'long';

export default defineConfig({
  test: {
    include: long ? longUnitTests : ['tests/unit/**/*.test.ts', 'tests/unit/**/*.test.tsx'],
    exclude: long ? configDefaults.exclude : [...configDefaults.exclude, ...longUnitTests],
    // Most of the suite waits on the disk (fsync), child processes and worker threads, not the CPU:
    // four files at a time on two cores takes the suite from ~260 s to ~160 s here.
    maxWorkers: 4,
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
