import { describe, expect, it } from 'vitest';
import type { ClientFacts } from '../../../renderer/src/features/client/clientFacts';
import {
  byCode,
  clientCountText,
  nextSort,
  sortClients,
} from '../../../renderer/src/features/clients/clientSort';
import type { Client } from '../../../shared/domain/clientSchema';

const client = (id: string, code: string, startDate: string, displayName?: string): Client =>
  ({
    id,
    code,
    ...(displayName ? { displayName } : {}),
    startDate,
    status: 'active',
    concerns: [],
    goals: [],
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
  }) as Client;

const facts = (held: number, last: string | null): ClientFacts => ({ held, last, next: null, openDrafts: 0 });

const clients = [
  client('a', 'C-10', '2025-03-01', 'Zoë Park'),
  client('b', 'C-2', '2024-11-20'),
  client('c', 'C-9', '2025-01-15', 'ada Lim'),
  client('d', 'C-1', '2025-05-02', 'Ben Ode'),
];
const seen = new Map([
  ['a', facts(12, '2025-06-20T10:00:00.000Z')],
  ['b', facts(30, '2025-02-01T10:00:00.000Z')],
  ['c', facts(12, '2025-06-27T10:00:00.000Z')],
  ['d', facts(0, null)],
]);
const ids = (list: Client[]) => list.map((c) => c.id);

describe('sorting the client list', () => {
  it('by code in number order (C-2 before C-10), as the sidebar lists them', () => {
    expect(ids(sortClients(clients, seen, byCode))).toEqual(['d', 'b', 'c', 'a']);
    expect(ids(sortClients(clients, seen, { key: 'code', direction: 'descending' }))).toEqual([
      'a',
      'c',
      'b',
      'd',
    ]);
  });

  it('by last session: the longest unseen first, a client never seen last either way', () => {
    expect(ids(sortClients(clients, seen, { key: 'last', direction: 'ascending' }))).toEqual([
      'b',
      'a',
      'c',
      'd',
    ]);
    expect(ids(sortClients(clients, seen, { key: 'last', direction: 'descending' }))).toEqual([
      'c',
      'a',
      'b',
      'd',
    ]);
  });

  it('by sessions held, ties by code; by name ignoring case, the unnamed last; by start date', () => {
    expect(ids(sortClients(clients, seen, { key: 'sessions', direction: 'descending' }))).toEqual([
      'b',
      'c',
      'a',
      'd',
    ]);
    expect(ids(sortClients(clients, seen, { key: 'name', direction: 'ascending' }))).toEqual([
      'c',
      'd',
      'a',
      'b',
    ]);
    expect(ids(sortClients(clients, seen, { key: 'since', direction: 'ascending' }))).toEqual([
      'b',
      'c',
      'a',
      'd',
    ]);
  });

  it('while the sessions are not counted yet, by code within equal counts', () => {
    expect(ids(sortClients(clients, undefined, { key: 'sessions', direction: 'ascending' }))).toEqual([
      'd',
      'b',
      'c',
      'a',
    ]);
  });

  it('a header pressed sorts by it ascending, pressed again descending', () => {
    expect(nextSort(byCode, 'last')).toEqual({ key: 'last', direction: 'ascending' });
    expect(nextSort({ key: 'last', direction: 'ascending' }, 'last')).toEqual({
      key: 'last',
      direction: 'descending',
    });
    expect(nextSort({ key: 'last', direction: 'descending' }, 'last')).toEqual({
      key: 'last',
      direction: 'ascending',
    });
  });
});

describe('the client list’s count', () => {
  it('says how many are shown, of how many, and for what query', () => {
    expect(clientCountText(17, 17, 'active', '')).toBe('17 active clients.');
    expect(clientCountText(1, 1, 'closed', ' ')).toBe('1 closed client.');
    expect(clientCountText(0, 0, 'closed', '')).toBe('No closed clients.');
    expect(clientCountText(3, 24, 'all', ' C-01 ')).toBe('3 of 24 clients match “C-01”.');
    expect(clientCountText(1, 17, 'active', 'C-017')).toBe('1 of 17 active clients matches “C-017”.');
    expect(clientCountText(0, 17, 'active', 'zz')).toBe('No client matches “zz”.');
  });
});
