import { randomUUID } from 'node:crypto';
import { type Client, type ClientStatus, clientSchema } from '../../shared/domain/clientSchema';
import type { ClientInput } from '../../shared/ipc/contract';
import { AttuneError } from '../../shared/errors';
import { type Clock, isoNow } from './Clock';
import { parseOrThrow } from './parseOrThrow';
import { kinds, type RecordStore } from './RecordStore';

/** Clients: create, edit, close and reopen. A client's code is unique, ignoring case. */
export class ClientService {
  constructor(
    private readonly store: RecordStore,
    private readonly clock: Clock,
  ) {}

  /** All clients, by code. */
  async list(): Promise<Client[]> {
    const all = await this.store.all<Client>(kinds.client);
    return [...all.values()].sort(byCode).map((c) => structuredClone(c));
  }

  async get(id: string): Promise<Client> {
    return structuredClone(await this.require(id));
  }

  /** The stored client, or a `not-found` error. */
  async require(id: string): Promise<Client> {
    const client = await this.store.find<Client>(kinds.client, id);
    if (!client) {
      throw new AttuneError(
        'not-found',
        'This client no longer exists in the vault. Reload the client list.',
      );
    }
    return client;
  }

  create(input: ClientInput): Promise<Client> {
    return this.store.write(async (writer) => {
      const now = isoNow(this.clock);
      const client = parseOrThrow(clientSchema, {
        ...input,
        id: randomUUID(),
        status: 'active',
        createdAt: now,
        updatedAt: now,
      });
      await this.#assertCodeFree(client.code, client.id);
      await writer.put(kinds.client, client.id, client, {
        type: 'create',
        detail: { kind: kinds.client, id: client.id },
      });
      return structuredClone(client);
    });
  }

  update(id: string, changes: Partial<ClientInput>): Promise<Client> {
    return this.store.write(async (writer) => {
      const current = await this.require(id);
      const client = parseOrThrow(clientSchema, {
        ...current,
        ...changes,
        id,
        updatedAt: isoNow(this.clock),
      });
      await this.#assertCodeFree(client.code, id);
      await writer.put(kinds.client, id, client, { type: 'update', detail: { kind: kinds.client, id } });
      return structuredClone(client);
    });
  }

  /** Closing keeps every record of the client; reopening makes it active again. */
  setStatus(id: string, status: ClientStatus): Promise<Client> {
    return this.store.write(async (writer) => {
      const current = await this.require(id);
      if (current.status === status) return structuredClone(current);
      const client = parseOrThrow(clientSchema, { ...current, status, updatedAt: isoNow(this.clock) });
      await writer.put(kinds.client, id, client, { type: 'update', detail: { kind: kinds.client, id } });
      return structuredClone(client);
    });
  }

  async #assertCodeFree(code: string, ownId: string): Promise<void> {
    const wanted = code.toLowerCase();
    for (const other of (await this.store.all<Client>(kinds.client)).values()) {
      if (other.id !== ownId && other.code.toLowerCase() === wanted) {
        throw new AttuneError('conflict', `A client with code ${other.code} already exists.`);
      }
    }
  }
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

function byCode(a: Client, b: Client): number {
  return collator.compare(a.code, b.code) || (a.id < b.id ? -1 : 1);
}
