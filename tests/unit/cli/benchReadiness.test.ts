import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { untilMainQuiet } from '../../bench/readiness';

describe('the UI bench waits for main to be quiet before warm figures', () => {
  it('finds this process quiet when nothing runs', async () => {
    const found = await untilMainQuiet({ windowMs: 100, timeoutMs: 5_000 });
    expect(found.quiet).toBe(true);
  });

  it('counts work on a worker thread, and reports (not throws) when it never gets quiet', async () => {
    // A busy worker, as a search index built off the main thread would be.
    const worker = new Worker('for (;;) {}', { eval: true });
    try {
      await new Promise((resolve) => worker.once('online', resolve));
      // A low threshold: on a machine shared by many processes the spinning worker gets only a
      // slice of a core (2 cores at load 25 give it ~8 %), which the default share calls quiet.
      const found = await untilMainQuiet({ share: 0.02, windowMs: 100, timeoutMs: 1_000 });
      expect(found.quiet).toBe(false);
      expect(found.waitedMs).toBeGreaterThanOrEqual(1_000);
    } finally {
      await worker.terminate();
    }
  });
});
