/** The tabs of a client's page, and which one each client was last left on. */
export type ClientTab = 'sessions' | 'patterns' | 'treatment' | 'review';

export const clientTabs: ReadonlyArray<{ id: ClientTab; label: string }> = [
  { id: 'sessions', label: 'Sessions' },
  { id: 'patterns', label: 'Patterns' },
  { id: 'treatment', label: 'Treatment' },
  { id: 'review', label: 'Review' },
];

// Kept outside the page so that opening a note (which replaces the page) and closing it again
// comes back to the tab the therapist left; a tab name is not client data, so lock need not clear it.
const chosen = new Map<string, ClientTab>();

/** The tab a client's page opens on: the one last chosen for this client, else Sessions. */
export function rememberedTab(clientId: string): ClientTab {
  return chosen.get(clientId) ?? 'sessions';
}

export function rememberTab(clientId: string, tab: ClientTab): void {
  chosen.set(clientId, tab);
}
