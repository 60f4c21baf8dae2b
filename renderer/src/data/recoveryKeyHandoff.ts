/**
 * A new recovery key made in Settings ("Show a new recovery key", a key rotation) is shown by
 * the App on its own screen rather than inside Settings: that screen outlasts a lock (idle,
 * sleep) that would otherwise take the key off screen before the user had stored it, while the
 * key it replaced has already stopped working.
 */
export interface HandedKey {
  recoveryKey: string;
  /** False when the vault locked meanwhile: the unlock screen follows the key. */
  unlocked: boolean;
  /** Something more the user must know, shown with the key. */
  note?: string;
}

const listeners = new Set<(key: HandedKey) => void>();

/** Shows `key` on the App's recovery-key screen. */
export function showNewRecoveryKey(key: HandedKey): void {
  for (const listener of listeners) listener(key);
}

/** The App listens here; the returned function unsubscribes. */
export function onNewRecoveryKey(listener: (key: HandedKey) => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}
