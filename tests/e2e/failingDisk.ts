import type { Backend } from '../../main/ipc/createBackend';

/**
 * Main refuses `methods` with an I/O error (a full disk) until `heal` is called; the rest go
 * through. `settled` resolves once no refused call is under way and none has started for half a
 * second: an editor's last saves, sent as it closed, are refused before the disk is healed rather
 * than one saved after (a race a test of "Try saving again" must not leave to timing).
 */
export function failing(
  backend: Backend,
  methods: readonly string[],
): { heal: () => void; settled: () => Promise<void> } {
  const real = backend.router.call.bind(backend.router);
  let on = true;
  const underWay = new Set<Promise<unknown>>();
  let started = 0;
  backend.router.call = async (method, input) => {
    if (!on || typeof method !== 'string' || !methods.includes(method)) return real(method, input);
    // A write takes a moment to fail, as a disk does: the form shows its busy state meanwhile.
    const wait = new Promise((resolve) => setTimeout(resolve, 300));
    started += 1;
    underWay.add(wait);
    await wait;
    underWay.delete(wait);
    return { ok: false, error: { kind: 'io', message: 'No space left on the disk.' } };
  };
  return {
    heal: () => {
      on = false;
    },
    settled: async () => {
      // Quiet for half a second: an editor's flush sends one more save right after a refused one.
      let calls = -1;
      while (calls !== started || underWay.size > 0) {
        calls = started;
        await Promise.all([...underWay]);
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    },
  };
}
