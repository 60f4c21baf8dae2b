import { describe, expect, it } from 'vitest';
import { closeRoute, openedFrom, type Route } from '../../../renderer/src/features/workspace/Route';

const note = { page: 'note', noteId: 'n1', clientId: 'c1' } as const;

describe('a note closes back to the page it was opened from', () => {
  it('Search, without the query the palette gave it (the kept search comes back)', () => {
    const opened = openedFrom(note, { page: 'search', query: 'sleep' });
    expect(opened).toEqual({ ...note, from: { page: 'search' } });
    expect(closeRoute(opened as Extract<Route, { page: 'note' }>)).toEqual({ page: 'search' });
  });

  it("Today without its New session note form; Caseload and the client's page as they were", () => {
    expect(openedFrom(note, { page: 'today', newNoteFor: { clientId: null } })).toEqual({
      ...note,
      from: { page: 'today' },
    });
    expect(openedFrom(note, { page: 'caseload' })).toEqual({ ...note, from: { page: 'caseload' } });
    expect(openedFrom(note, { page: 'client', clientId: 'c1' })).toEqual({
      ...note,
      from: { page: 'client', clientId: 'c1' },
    });
  });

  it('a note opened from a note (or its process note) goes back where the first would: no chain', () => {
    const fromToday = openedFrom(note, { page: 'today' });
    const processNote = openedFrom({ page: 'process-note', sessionId: 's1', clientId: 'c1' }, fromToday);
    expect(processNote).toEqual({
      page: 'process-note',
      sessionId: 's1',
      clientId: 'c1',
      from: { page: 'today' },
    });
    const opened = { page: 'note', noteId: 'n2', clientId: 'c1' } as const;
    expect(openedFrom(opened, { page: 'note', noteId: 'n1', clientId: 'c1' })).toEqual(opened);
  });

  it("the client's page when nothing says where from (a note shown again after a lock)", () => {
    expect(closeRoute(note)).toEqual({ page: 'client', clientId: 'c1' });
  });

  it('other pages are gone to as asked', () => {
    const clients: Route = { page: 'clients' };
    expect(openedFrom(clients, { page: 'search' })).toBe(clients);
  });
});
