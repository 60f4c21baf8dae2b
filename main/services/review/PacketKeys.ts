/**
 * Keys of the packets opened since the vault was unlocked, by packet id, so review mode seals a
 * comments file without running Argon2id again. In main memory only: never written, never sent
 * to the renderer, wiped at lock and when the packet is removed. Beside each key, a keyed hash
 * of its passphrase checks the one typed at export without a derivation.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { equalBytes } from '../../vault/binary';
import { dropKey, type ReviewKey } from './reviewEnvelope';

export class PacketKeys {
  readonly #held = new Map<string, { key: ReviewKey; passphraseMac: Buffer }>();
  /** New for every run of the app and never stored, so the hashes mean nothing elsewhere. */
  readonly #macKey = randomBytes(32);

  /** The key held for `packetId`, if any. */
  get(packetId: string): ReviewKey | undefined {
    return this.#held.get(packetId)?.key;
  }

  /** Whether `passphrase` is the one the held key of `packetId` came from; null when none is held. */
  matches(packetId: string, passphrase: string): boolean | null {
    const held = this.#held.get(packetId);
    return held ? equalBytes(held.passphraseMac, this.#mac(passphrase)) : null;
  }

  /** Holds `key` for `packetId`, wiping the one it replaces. */
  hold(packetId: string, key: ReviewKey, passphrase: string): void {
    const before = this.#held.get(packetId);
    if (before && before.key !== key) dropKey(before.key);
    this.#held.set(packetId, { key, passphraseMac: this.#mac(passphrase) });
  }

  /** Wipes `key` unless it is the one held for `packetId` (a key that was never kept). */
  dropUnlessHeld(packetId: string, key: ReviewKey): void {
    if (this.#held.get(packetId)?.key !== key) dropKey(key);
  }

  forget(packetId: string): void {
    const held = this.#held.get(packetId);
    if (held) dropKey(held.key);
    this.#held.delete(packetId);
  }

  clear(): void {
    for (const packetId of [...this.#held.keys()]) this.forget(packetId);
  }

  #mac(passphrase: string): Buffer {
    return createHmac('sha256', this.#macKey).update(passphrase.normalize('NFC'), 'utf8').digest();
  }
}
