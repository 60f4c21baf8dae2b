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
    expect(shown.slice(0, -3)).toEqual([
      'Today',
      'New session note',
      'New client',
      'All clients',
      'Search notes',
      'Caseload',
      'Review packets',
      'Settings',
      'Back up now',
      'Sync conflicts',
      'Dark theme',
      'Light theme',
      'Theme: follow the system',
      'Lock',
    ]);
    expect(shown.slice(-3)).toEqual(['C-010 · Ana Ruiz', 'C-01 · Bo Lind', 'X-7 · Cy Ruiz']);
  });

  it("reaches the app's actions and each section of Settings by their words, shortcuts shown", () => {
    const first = (query: string) => paletteCommands(query, clients)[0];
    expect(first('new client')).toMatchObject({
      label: 'New client',
      action: { kind: 'press', button: 'New client', route: { page: 'clients' } },
    });
    expect(first('backup')).toMatchObject({
      label: 'Back up now',
      action: { kind: 'press', button: 'Back up now', route: { page: 'settings', section: 'backups' } },
    });
    expect(labels('backup')).toContain('Settings → Backups');
    expect(first('dark')).toMatchObject({ label: 'Dark theme', action: { kind: 'theme', theme: 'dark' } });
    expect(first('appearance')?.action).toMatchObject({ kind: 'theme' });
    expect(labels('appearance')).toContain('Settings → Appearance');
    expect(first('conflicts')).toMatchObject({
      label: 'Sync conflicts',
      action: { route: { page: 'conflicts' } },
    });
    expect(labels('conflicts')).toContain('Settings → This computer and the others');
    expect(first('export')).toMatchObject({
      label: 'Settings → Export and import',
      action: { kind: 'go', route: { page: 'settings', section: 'export' } },
    });
    expect(first('passphrase')?.action).toEqual({
      kind: 'go',
      route: { page: 'settings', section: 'security' },
    });
    expect(first('search')?.hint).toBe('Ctrl+F');
    // Every section of Settings is one entry, each opening Settings at its own section.
    const sections = paletteCommands('settings', clients).filter((c) => c.group === 'Settings');
    expect(sections).toHaveLength(11);
    expect(new Set(sections.map((c) => c.action.kind === 'go' && c.action.route)).size).toBe(11);
  });

  it("offers the open note's actions, with their shortcuts, only while the note shows them", () => {
    const onNote = ['Sign note', 'Focus mode', 'Print or save as PDF'];
    expect(paletteCommands('sign', clients, onNote)[0]).toMatchObject({
      label: 'Sign note',
      group: 'Note',
      action: { kind: 'press', button: 'Sign note' },
    });
    expect(paletteCommands('focus', clients, onNote)[0]).toMatchObject({
      label: 'Focus mode',
      hint: 'Ctrl+Shift+F',
    });
    expect(paletteCommands('print', clients, onNote)[0]?.label).toBe('Print or save as PDF');
    expect(
      paletteCommands('', clients, onNote)
        .slice(0, 3)
        .map((c) => c.label),
    ).toEqual(onNote);
    // A signed note has no Sign button; off a note there are none.
    expect(labels('sign')).not.toContain('Sign note');
    expect(paletteCommands('sign', clients, ['Focus mode']).map((c) => c.label)).not.toContain('Sign note');
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
    expect(labels('lock')).toEqual(['Lock', 'Settings → General', 'Search notes for “lock”']);
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
