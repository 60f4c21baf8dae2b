import { AttuneError } from '../../shared/errors';

/**
 * The records of one kind as RecordStore keeps them while the vault is unlocked: readable as a
 * map by id, and kept in step with writes by `put` (the record's JSON, as the vault stores it).
 */
export interface RecordTable extends ReadonlyMap<string, unknown> {
  put(id: string, json: string): void;
  delete(id: string): boolean;
  /**
   * The version the vault gave a record as (its write), while it is unchanged since: undefined
   * once saved here, or where the vault names no versions (format 1).
   */
  versionOf?(id: string): string | undefined;
}

/** Records kept parsed: kinds that are small or read as a whole all the time (clients, sessions). */
export class ParsedRecords extends Map<string, unknown> implements RecordTable {
  put(id: string, json: string): void {
    this.set(id, JSON.parse(json));
  }
}

const utf8 = new TextDecoder();

/**
 * Records kept as their UTF-8 JSON and parsed each time one is read: ten thousand notes cost
 * their bytes (views into what the format-2 engine holds decrypted anyway) instead of ten
 * thousand parsed objects, about 53 MiB of heap at 10,000 demo notes. Opening a note parses
 * one record (microseconds); reading every note parses every one, so what needs a few fields of
 * each (lists, checks) reads the store's views instead (RecordStore.view). Each read returns a
 * fresh object, so a caller that changes it changes nothing here.
 */
export class CompactRecords implements RecordTable {
  /** The engine's views as read; a record saved since, as the JSON text it was saved as. */
  readonly #json = new Map<string, Uint8Array | string>();
  /** Each record's version as the vault gave it; dropped when the record is saved here. */
  readonly #versions = new Map<string, string>();

  /** `isLocked` guards the views: the engine zeroes them at lock, and zeros are not a record. */
  constructor(
    entries: Iterable<{ id: string; json: Uint8Array; version?: string }>,
    private readonly isLocked: () => boolean,
  ) {
    for (const { id, json, version } of entries) {
      this.#json.set(id, json);
      if (version !== undefined) this.#versions.set(id, version);
    }
  }

  versionOf(id: string): string | undefined {
    return this.#versions.get(id);
  }

  get size(): number {
    return this.#json.size;
  }

  has(id: string): boolean {
    return this.#json.has(id);
  }

  get(id: string): unknown {
    const bytes = this.#json.get(id);
    return bytes === undefined ? undefined : this.#parse(bytes);
  }

  put(id: string, json: string): void {
    // Kept as the string, not as bytes: a small Buffer is a slice of a pool that outlives the
    // lock, while a string is only the heap's, collected once the store drops it.
    this.#json.set(id, json);
    this.#versions.delete(id);
  }

  delete(id: string): boolean {
    this.#versions.delete(id);
    return this.#json.delete(id);
  }

  *entries(): MapIterator<[string, unknown]> {
    for (const [id, bytes] of this.#json) yield [id, this.#parse(bytes)];
  }

  keys(): MapIterator<string> {
    return this.#json.keys();
  }

  *values(): MapIterator<unknown> {
    for (const bytes of this.#json.values()) yield this.#parse(bytes);
  }

  [Symbol.iterator](): MapIterator<[string, unknown]> {
    return this.entries();
  }

  /**
   * Each record's JSON as kept, unparsed, for a reader that parses it elsewhere (the search
   * thread): the engine's bytes, or the text a record was saved as. Read-only; copy the bytes
   * out before the event loop turns (the engine zeroes them at lock).
   */
  rawEntries(): MapIterator<[string, Uint8Array | string]> {
    if (this.isLocked()) throw new AttuneError('locked', 'The vault is locked. Unlock it to continue.');
    return this.#json.entries();
  }

  forEach(callback: (value: unknown, key: string, map: ReadonlyMap<string, unknown>) => void): void {
    for (const [id, value] of this.entries()) callback(value, id, this);
  }

  #parse(json: Uint8Array | string): unknown {
    if (this.isLocked()) throw new AttuneError('locked', 'The vault is locked. Unlock it to continue.');
    return JSON.parse(typeof json === 'string' ? json : utf8.decode(json));
  }
}
