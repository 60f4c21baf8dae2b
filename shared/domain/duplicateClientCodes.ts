/**
 * Client codes held by more than one client, compared ignoring case as the client service does.
 * One computer refuses a code already taken, but two computers can each create a client with the
 * same code before their files cross: both clients are kept, and the app flags them until the
 * clinician changes one code. Returns the ids of every client whose code is shared.
 */
export function clientsWithSharedCode(clients: ReadonlyArray<{ id: string; code: string }>): Set<string> {
  const byCode = new Map<string, string[]>();
  for (const c of clients) {
    const key = c.code.toLowerCase();
    byCode.set(key, [...(byCode.get(key) ?? []), c.id]);
  }
  return new Set([...byCode.values()].filter((ids) => ids.length > 1).flat());
}

/** The sentence shown beside such a client. */
export const sharedCodeMessage = (code: string): string =>
  `Another client has the code ${code}: change one of the two codes so each client is told apart.`;
