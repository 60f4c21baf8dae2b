import { describe, expect, it } from 'vitest';
import { clientsNamed } from '../../../renderer/src/features/search/ClientsNamed';
import type { Client } from '../../../shared/domain/clientSchema';

const client = (id: string, code: string, displayName?: string): Client =>
  ({
    id,
    code,
    ...(displayName ? { displayName } : {}),
    startDate: '2025-01-01',
    status: 'active',
    concerns: [],
    goals: [],
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
  }) as Client;

describe('clients a note search names', () => {
  const clients = [client('a', 'C-0010'), client('b', 'C-001', 'Jordan'), client('c', 'X-2', 'Sam Cole')];

  it('finds codes and names in any case, an exact code first, and nothing for a blank query', () => {
    expect(clientsNamed(clients, ' c-001 ').map((c) => c.id)).toEqual(['b', 'a']);
    expect(clientsNamed(clients, 'cole').map((c) => c.id)).toEqual(['c']);
    expect(clientsNamed(clients, 'lighthouse')).toEqual([]);
    expect(clientsNamed(clients, '  ')).toEqual([]);
  });

  it('offers at most five', () => {
    const many = Array.from({ length: 9 }, (_, i) => client(String(i), `C-10${i}`));
    expect(clientsNamed(many, 'C-1')).toHaveLength(5);
  });
});
