import type { Client } from '../../../../shared/domain/clientSchema';
import {
  appActions,
  noteActions,
  type PaletteAction,
  type PaletteEntry,
  settingsActions,
} from './paletteActions';

export type { PaletteAction } from './paletteActions';

/** One row of the command palette. */
export interface PaletteCommand {
  id: string;
  label: string;
  /** A second, quieter line: the client's name, a shortcut. */
  hint?: string;
  group: 'Note' | 'Actions' | 'Settings' | 'Clients';
  action: PaletteAction;
}

/** How many client rows the palette shows at most (each client gives two: go to, new note). */
export const PALETTE_CLIENT_LIMIT = 12;

/**
 * The palette's rows for what is typed: the open note's actions (`noteButtons`, the names of the
 * note's buttons now on the page), the app's actions and Settings' sections (these once something
 * is typed: eleven rows would push the clients away) whose words contain every typed word, then
 * clients whose code or name does (and "New session note for" the best three), and, for any
 * text, "Search notes for …". A plain scan: 200 clients take well under a
 * millisecond, so every keystroke answers at once.
 */
export function paletteCommands(
  query: string,
  clients: readonly Client[],
  noteButtons: readonly string[] = [],
): PaletteCommand[] {
  const q = query.trim().toLowerCase();
  const terms = q.split(/\s+/).filter(Boolean);
  const rows = (entries: readonly PaletteEntry[], group: PaletteCommand['group']): PaletteCommand[] =>
    entries
      .filter((e) => terms.every((t) => `${e.label.toLowerCase()} ${e.words}`.includes(t)))
      .map((e) => ({ id: e.id, label: e.label, hint: e.hint, group, action: e.action }));
  const actions = [
    ...rows(
      noteActions.filter((a) => noteButtons.includes(a.label)),
      'Note',
    ),
    ...rows(appActions, 'Actions'),
    ...(q ? rows(settingsActions, 'Settings') : []),
  ];
  // "new c-01" finds the client too: words that name an action need not match it.
  const names = terms.filter((t) => !actionWords.has(t));
  const found: Client[] = [];
  if (terms.length === 0 || names.length > 0) {
    for (const client of clients) {
      const words = `${client.code} ${client.displayName ?? ''}`.toLowerCase();
      if (names.every((t) => words.includes(t))) found.push(client);
    }
  }
  // Exact code first, then codes that start with what was typed, then the rest (already by code).
  const key = names.join(' ');
  const rank = (c: Client) =>
    c.code.toLowerCase() === key ? 0 : c.code.toLowerCase().startsWith(key) ? 1 : 2;
  const shown = found.sort((a, b) => rank(a) - rank(b)).slice(0, PALETTE_CLIENT_LIMIT);
  const clientRows: PaletteCommand[] = [];
  for (const client of shown) {
    const name = client.displayName ? ` · ${client.displayName}` : '';
    clientRows.push({
      id: `client:${client.id}`,
      label: `${client.code}${name}`,
      hint: client.status === 'closed' ? 'Closed' : undefined,
      group: 'Clients',
      action: { kind: 'go', route: { page: 'client', clientId: client.id } },
    });
  }
  // "New session note for …" for the best few matches, once something is typed.
  const newFor: PaletteCommand[] = q
    ? shown.slice(0, 3).map((client) => ({
        id: `new-note:${client.id}`,
        label: `New session note for ${client.code}`,
        group: 'Actions',
        action: { kind: 'go', route: { page: 'today', newNoteFor: { clientId: client.id } } },
      }))
    : [];
  const searchFor: PaletteCommand[] = q
    ? [
        {
          id: 'search-for',
          label: `Search notes for “${query.trim()}”`,
          group: 'Actions',
          action: { kind: 'go', route: { page: 'search', query: query.trim() } },
        },
      ]
    : [];
  // The first row is what Enter does: a named action, else the best client (or, when the words
  // ask for a note, a new note for it), else a search.
  const wantsNote = terms.some((t) => noteWords.has(t));
  return [...actions, ...(wantsNote ? [...newFor, ...clientRows] : [...clientRows, ...newFor]), ...searchFor];
}

const actionWords = new Set(['new', 'session', 'note', 'write', 'start', 'for', 'go', 'to', 'open']);
const noteWords = new Set(['new', 'session', 'note', 'write', 'start']);
