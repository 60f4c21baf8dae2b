import type { Backend } from '../../main/ipc/createBackend';

/** Main refuses `methods` with an I/O error (a full disk) until `heal` is called; the rest go through. */
export function failing(backend: Backend, methods: readonly string[]): { heal: () => void } {
  const real = backend.router.call.bind(backend.router);
  let on = true;
  backend.router.call = async (method, input) => {
    if (!on || typeof method !== 'string' || !methods.includes(method)) return real(method, input);
    // A write takes a moment to fail, as a disk does: the form shows its busy state meanwhile.
    await new Promise((resolve) => setTimeout(resolve, 300));
    return { ok: false, error: { kind: 'io', message: 'No space left on the disk.' } };
  };
  return {
    heal: () => {
      on = false;
    },
  };
}
