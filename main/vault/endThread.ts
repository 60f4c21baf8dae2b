import type { Worker } from 'node:worker_threads';

/**
 * Ending a helper thread (Argon2, record checks, search) by asking it, not with `terminate()`.
 *
 * Node 20 unregisters a thread's isolate from its platform a moment before it disposes of it. A
 * background compile job of that isolate that allocates in that window, and so starts marking,
 * asks the platform for the isolate's task runner, and the whole process aborts ("Assertion
 * failed: (data.first) != nullptr" in NodePlatform::ForIsolate; it killed an `npm test` worker
 * once). Compile jobs run while and just after a thread's code is hot, which is exactly when
 * `terminate()` was called (at lock, mid-build; or right after a derivation). So a thread is
 * asked to end instead: it drops what it holds at once and exits once the jobs begun by its last
 * work have had time to finish; it is terminated only if it has not ended well after.
 *
 * What this does not cover: a process that exits while a thread is still running (the CLI, say,
 * with an idle unref'd thread) ends it through the same disposal; threads are idle then, which is
 * when the window is all but closed.
 */

/** How long a thread asked to end waits before it exits (compile jobs take a few ms). */
export const THREAD_SETTLE_MS = 50;

/** How long a thread is given to end by itself before it is terminated (it is stuck in work). */
export const THREAD_END_GRACE_MS = 2000;

/** The message that asks a thread to end; each thread's program answers it with `endSoon()`. */
export const END_THREAD = { type: 'end' } as const;

/**
 * The thread's side, as program text: `endSoon()` ends the thread after the settling time, from
 * a timer of its own (nothing of it is running then). `process.exit` in a thread ends only the
 * thread; unlike closing its port, it also ends it while timers are pending (MiniSearch's
 * vacuuming, say), so the thread and what it held never outlive the lock by more than that time.
 */
export const endSoonSource = `const endSoon = () => setTimeout(() => process.exit(0), ${THREAD_SETTLE_MS});`;

let unclean = 0;

/**
 * How many threads asked to end did not end by themselves with exit code 0: terminated after the
 * grace time, or failed instead (tests: none of ours should).
 */
export function threadsEndedUncleanly(): number {
  return unclean;
}

/**
 * Asks `worker` to end (see above); resolves with its exit code once it has ended (0: it ended
 * by itself; 1: it was terminated), or with null if it had already ended.
 */
export function endThread(worker: Worker): Promise<number | null> {
  // A thread that has ended has no id.
  if (worker.threadId === -1) return Promise.resolve(null);
  const ended = new Promise<number>((resolve) =>
    worker.once('exit', (code) => {
      if (code !== 0) unclean++;
      resolve(code);
    }),
  );
  const terminate = () => void worker.terminate();
  try {
    worker.postMessage(END_THREAD);
  } catch {
    terminate();
  }
  const fallback = setTimeout(terminate, THREAD_END_GRACE_MS);
  fallback.unref();
  return ended.finally(() => clearTimeout(fallback));
}
