import type { ClientEntryStatus } from '../../../shared/domain/clientEntry';

/** Client entry that main has started: the form it shows, and whom it greets. */
export type ActiveClientEntry = Extract<ClientEntryStatus, { active: true }>;

const listeners = new Set<(entry: ActiveClientEntry) => void>();

/**
 * Shows the client entry form in place of the whole workspace (the App listens here): the
 * sidebar, the palette and every shortcut go with the workspace, so the client reaches none.
 */
export function showClientEntry(entry: ActiveClientEntry): void {
  for (const listener of listeners) listener(entry);
}

/** The App listens here; the returned function unsubscribes. */
export function onClientEntry(listener: (entry: ActiveClientEntry) => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}
