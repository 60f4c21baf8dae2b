/** Where the user is in the unlocked app. */
export type Route =
  | { page: 'clients' }
  | { page: 'client'; clientId: string }
  | { page: 'note'; noteId: string; clientId: string }
  | { page: 'search' }
  | { page: 'caseload' }
  | { page: 'settings' }
  | { page: 'conflicts' }
  | { page: 'build-packet'; clientId: string }
  | { page: 'review-packets' }
  | { page: 'review-packet'; packetId: string };
