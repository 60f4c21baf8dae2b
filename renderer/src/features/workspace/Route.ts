/** Where the user is in the unlocked app. */
export type Route =
  /** `newNoteFor` opens Today's "New session note" form (for that client, if one is given). */
  | { page: 'today'; newNoteFor?: { clientId: string | null } }
  | { page: 'clients' }
  | { page: 'client'; clientId: string }
  /** `from`: the page the note was opened from, which closing it goes back to (the client's when absent). */
  | { page: 'note'; noteId: string; clientId: string; from?: Route }
  /** A session's private process note on its own (the session may have no progress note). */
  | { page: 'process-note'; sessionId: string; clientId: string; from?: Route }
  /** `query` is searched at once (from the command palette). */
  | { page: 'search'; query?: string }
  | { page: 'caseload' }
  /** `section`: the section to bring into view and focus (a warning's way to it). */
  | { page: 'settings'; section?: SettingsSection }
  | { page: 'conflicts' }
  | { page: 'build-packet'; clientId: string }
  | { page: 'review-packets' }
  | { page: 'review-packet'; packetId: string };

/** The sections of Settings it can be opened at (by a warning, or the command palette). */
export type SettingsSection =
  | 'general'
  | 'deadlines'
  | 'appearance'
  | 'sync'
  | 'backups'
  | 'check-vault'
  | 'vault-location'
  | 'security'
  | 'templates'
  | 'practice'
  | 'export';

/**
 * Where closing a note opened on `route` goes back to: that page as it is when simply gone to
 * (Search then shows the search it kept, not the palette's query again; Today without its "New
 * session note" form). A note opened from a note goes back where the first one would: no chain.
 */
export function returnRoute(route: Route): Route | undefined {
  switch (route.page) {
    case 'note':
    case 'process-note':
      return route.from;
    case 'today':
      return { page: 'today' };
    case 'search':
      return { page: 'search' };
    case 'settings':
      return { page: 'settings' };
    default:
      return route;
  }
}

/** Where closing the note (or process note) on `route` goes: the page it was opened from, else the client's. */
export function closeRoute(route: Extract<Route, { page: 'note' | 'process-note' }>): Route {
  return route.from ?? { page: 'client', clientId: route.clientId };
}

/**
 * `to`, gone to from the page `from`: a note or process note opened is given the page to go back
 * to on closing (unless one is given already).
 */
export function openedFrom(to: Route, from: Route): Route {
  if ((to.page !== 'note' && to.page !== 'process-note') || to.from) return to;
  const back = returnRoute(from);
  return back ? { ...to, from: back } : to;
}
