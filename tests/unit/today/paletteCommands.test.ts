import { describe, expect, it } from 'vitest';
import { paletteCommands } from '../../../renderer/src/features/workspace/paletteCommands';
import type { Client } from '../../../shared/domain/clientSchema';

function client(id: string, code: string, displayName?: string, status: Client['status'] = 'active'): Client {
  return {
    id,
    code,
    ...(displayName ? { displayName } : {}),
    startDate: '2025-01-01',
    status,
    concerns: [],
    goals: [],
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
  };
}

const clients = [
  client('a', 'C-010', 'Ana Ruiz'),
  client('b', 'C-01', 'Bo Lind'),
  client('c', 'X-7', 'Cy Ruiz', 'closed'),
];
const labels = (query: string) => paletteCommands(query, clients).map((c) => c.label);

describe('the command palette', () => {
  it('lists every action and the clients when nothing is typed', () => {
    const shown = labels('');
    expect(shown.slice(0, 8)).toEqual([
      'Today',
      'New session note',
      'All clients',
      'Search notes',
      'Caseload',
      'Review packets',
      'Settings',
      'Lock',
    ]);
    expect(shown.slice(8)).toEqual(['C-010 · Ana Ruiz', 'C-01 · Bo Lind', 'X-7 · Cy Ruiz']);
  });

  it('puts the exact code first, then the new note for it, then a search of the notes', () => {
    expect(labels('c-01')).toEqual([
      'C-01 · Bo Lind',
      'C-010 · Ana Ruiz',
      'New session note for C-01',
      'New session note for C-010',
      'Search notes for “c-01”',
    ]);
  });

  it('finds clients by name, and a new note first when the words ask for one', () => {
    expect(labels('ruiz')).toEqual([
      'C-010 · Ana Ruiz',
      'X-7 · Cy Ruiz',
      'New session note for C-010',
      'New session note for X-7',
      'Search notes for “ruiz”',
    ]);
    expect(labels('new note x-7')[0]).toBe('New session note for X-7');
  });

  it('names actions by their words, and searches notes with what was typed', () => {
    expect(labels('lock')).toEqual(['Lock', 'Search notes for “lock”']);
    const search = paletteCommands('  panic attacks ', clients).at(-1);
    expect(search?.action).toEqual({ kind: 'go', route: { page: 'search', query: 'panic attacks' } });
    expect(paletteCommands('new note c-01', clients)[0]?.action).toEqual({
      kind: 'go',
      route: { page: 'today', newNoteFor: { clientId: 'b' } },
    });
  });

  it('shows at most twelve clients, codes starting with what was typed first, out of 200', () => {
    const many = Array.from({ length: 200 }, (_, i) =>
      client(`id${i}`, `C-${String(i).padStart(3, '0')}`, `Person ${i}`),
    );
    const rows = paletteCommands('c-19', many).filter((c) => c.group === 'Clients');
    expect(rows.map((r) => r.label.slice(0, 5))).toEqual([
      'C-190',
      'C-191',
      'C-192',
      'C-193',
      'C-194',
      'C-195',
      'C-196',
      'C-197',
      'C-198',
      'C-199',
    ]);
    // Codes that start with what was typed come before those that only contain it.
    expect(paletteCommands('c-0', many).filter((c) => c.group === 'Clients')[0]?.label).toBe(
      'C-000 · Person 0',
    );
    expect(paletteCommands('c', many).filter((c) => c.group === 'Clients')).toHaveLength(12);
  });
});
