import { AttuneError } from '../../shared/errors';
import { headerMacValid, readHeader, type VaultHeader } from './header';
import { type VaultKeys, zeroKeys } from './keys';
import { loadState } from './loadState';
import { readRecord } from './recordReader';
import { recordKey, type VaultState } from './state';
import { unlockKeys, type VaultSecret } from './unlock';
import type { VaultFs } from './vaultFs';

/** A vault folder (a backup generation) opened only to read single records from it. */
export interface ReadOnlyVault {
  readonly vaultId: string;
  /** The record's value as this copy holds it, or undefined when it is absent or does not read intact. */
  get(kind: string, id: string): Promise<unknown | undefined>;
  /** Zeroes the keys; later reads find nothing. */
  close(): void;
}

/**
 * Derives keys once per distinct header (a passphrase-derived key is slow on purpose), so many
 * generations written under the same header cost one derivation. Close it to zero every key.
 */
export class KeyCache {
  readonly #keys = new Map<string, Promise<VaultKeys | null>>();

  constructor(private readonly secret: VaultSecret) {}

  /** The keys for `header`, or null when the secret does not open it. */
  keysFor(header: VaultHeader): Promise<VaultKeys | null> {
    const id = [header.vaultId, header.salt, header.passphrase.nonce, header.passphrase.wrapped]
      .map((b) => b.toString('hex'))
      .join(':');
    let keys = this.#keys.get(id);
    if (!keys) {
      keys = unlockKeys(header, this.secret).then(
        (r) => r.keys,
        (error: unknown) => {
          if (error instanceof AttuneError && error.kind === 'wrong-passphrase') return null;
          throw error;
        },
      );
      this.#keys.set(id, keys);
    }
    return keys;
  }

  async close(): Promise<void> {
    for (const keys of this.#keys.values()) {
      const k = await keys.catch(() => null);
      if (k) zeroKeys(k);
    }
    this.#keys.clear();
  }
}

/**
 * Opens the vault folder `dir` for reading only: no process lock, no audit entry, no checkpoint,
 * nothing written. Null when it does not open with the cached secret (older passphrase, damaged
 * header or manifest): the caller tries another copy. Each record is authenticated as it is read.
 */
export async function openReadOnly(fs: VaultFs, dir: string, cache: KeyCache): Promise<ReadOnlyVault | null> {
  let header: VaultHeader;
  let keys: VaultKeys | null;
  let state: VaultState;
  try {
    header = await readHeader(fs, dir);
    keys = await cache.keysFor(header);
    if (!keys || !headerMacValid(keys.headerMac, header)) return null;
    state = (await loadState(fs, dir, header, keys)).state;
  } catch {
    return null;
  }
  let recordKeyBytes: Buffer | null = keys.record;
  const ctx = {
    fs,
    dir,
    vaultId: header.vaultId,
    recordKey: () => {
      if (!recordKeyBytes) throw new AttuneError('locked', 'This copy was closed.');
      return recordKeyBytes;
    },
  };
  return {
    vaultId: header.vaultId.toString('hex'),
    async get(kind, id) {
      const entry = state.records.get(recordKey(kind, id));
      if (!entry || !recordKeyBytes) return undefined;
      try {
        const read = await readRecord(ctx, entry);
        return 'value' in read ? read.value : undefined;
      } catch {
        return undefined;
      }
    },
    close() {
      // The keys belong to the cache, which zeroes them; this copy only lets go of them.
      recordKeyBytes = null;
      state.records.clear();
    },
  };
}
