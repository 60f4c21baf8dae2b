import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { untilMainQuiet } from '../../bench/readiness';

describe('the UI bench waits for main to be quiet before warm figures', () => {
  it('finds this process quiet when nothing runs', async () => {
    const found = await untilMainQuiet({ windowMs: 100, timeoutMs: 5_000 });
    expect(found.quiet).toBe(true);
  });

  it('counts work on a worker thread, and reports (not throws) when it never gets quiet', async () => {
    // A busy worker, as a search index built off the main thread would be. It spins until told
    // to stop and then ends by itself: terminating a thread whose code is hot can abort Node 20
    // (main/vault/endThread.ts).
    const stop = new Int32Array(new SharedArrayBuffer(4));
    const worker = new Worker(
      `const { workerData } = require('node:worker_threads');
      while (Atomics.load(workerData, 0) === 0) {}`,
      { eval: true, workerData: stop },
    );
    const ended = new Promise((resolve) => worker.once('exit', resolve));
    try {
      await new Promise((resolve) => worker.once('online', resolve));
      // A low threshold over long windows: on a machine shared by many processes the spinning
      // worker gets only a slice of a core (2 cores at load 25 give it ~8 %), which the default
      // share calls quiet, and in a 100 ms window it could get none at all (it failed so once,
      // in a full unit run beside two other suites).
      const found = await untilMainQuiet({ share: 0.01, windowMs: 400, timeoutMs: 1_600 });
      expect(found.quiet).toBe(false);
      expect(found.waitedMs).toBeGreaterThanOrEqual(1_600);
    } finally {
      Atomics.store(stop, 0, 1);
      expect(await ended).toBe(0);
    }
  });
});
