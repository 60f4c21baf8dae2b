/** Where the user is in the unlocked app. */
export type Route =
  /** `newNoteFor` opens Today's "New session note" form (for that client, if one is given). */
  | { page: 'today'; newNoteFor?: { clientId: string | null } }
  | { page: 'clients' }
  | { page: 'client'; clientId: string }
  | { page: 'note'; noteId: string; clientId: string }
  /** A session's private process note on its own (the session may have no progress note). */
  | { page: 'process-note'; sessionId: string; clientId: string }
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
