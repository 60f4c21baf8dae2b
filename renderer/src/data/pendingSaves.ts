/**
 * Editors with unsaved changes register a flush here; locking (by the user, by the idle timer or
 * by main) runs every flush first, so nothing typed is lost when the vault locks.
 */
const flushes = new Set<() => Promise<void>>();

/** Registers a flush; the returned function unregisters it (call it on unmount). */
export function registerPendingSave(flush: () => Promise<void>): () => void {
  flushes.add(flush);
  return () => {
    flushes.delete(flush);
  };
}

/**
 * Runs every registered flush; failures are reported but do not stop the others. A draft that
 * could not be saved (invalid, or the vault locked first) is held in memory and offered again
 * after unlocking (draftStash.ts): a warning, not an error, as nothing is lost.
 */
export async function flushPendingSaves(): Promise<void> {
  const results = await Promise.allSettled([...flushes].map((flush) => flush()));
  for (const result of results) {
    if (result.status === 'rejected')
      console.warn(
        '[attune] a draft could not be saved before locking; it is kept until unlock',
        result.reason,
      );
  }
}
