import { describe, expect, it } from 'vitest';
import {
  KDF_THREAD_KEEP_ALIVE_MS,
  KDF_THREAD_KEEP_MAX_KIB,
  kdfThreadRunning,
} from '../../../main/vault/argon2Worker';
import { DEFAULT_KDF, deriveKek } from '../../../main/vault/kdf';

describe('deriveKek', () => {
  it('gives the reference Argon2id answer (phc-winner-argon2 test vector, v1.3)', async () => {
    // argon2id, t=2, m=64 MiB, p=1, password "password", salt "somesalt", 32 bytes.
    const key = await deriveKek('password', Buffer.from('somesalt'), {
      memoryKiB: 65536,
      iterations: 2,
      parallelism: 1,
    });
    expect(key.toString('hex')).toBe('09316115d5cf24ed5a15a31a3ba326e5cf32edc24702987c02b6566f61913cf7');
  });

  it('normalises the passphrase to NFC, so composed and decomposed accents give one key', async () => {
    const params = { memoryKiB: 8192, iterations: 1, parallelism: 1 };
    const salt = Buffer.alloc(16, 7);
    const composed = await deriveKek('caf\u00e9 au lait', salt, params);
    const decomposed = await deriveKek('cafe\u0301 au lait', salt, params);
    expect(decomposed.equals(composed)).toBe(true);
    expect((await deriveKek('cafe au lait', salt, params)).equals(composed)).toBe(false);
  });

  it('keeps the event loop turning while a 64 MiB derivation runs', async () => {
    const ticks: number[] = [];
    const timer = setInterval(() => ticks.push(performance.now()), 10);
    const started = performance.now();
    try {
      await deriveKek('a long enough test passphrase', Buffer.alloc(16, 1), DEFAULT_KDF);
    } finally {
      clearInterval(timer);
    }
    const took = performance.now() - started;
    const gaps = ticks.slice(1).map((t, i) => t - ticks[i]!);
    // On the main thread the derivation would block the timer for its whole length (0.5 s or more).
    expect(took).toBeGreaterThan(200);
    expect(ticks.length).toBeGreaterThan(took / 10 / 4);
    expect(Math.max(...gaps)).toBeLessThan(Math.max(150, took / 3));
  });

  it('runs derivations side by side, each with its own answer', async () => {
    const params = { memoryKiB: 8192, iterations: 1, parallelism: 1 };
    const salt = Buffer.alloc(16, 3);
    const [a, b, again] = await Promise.all([
      deriveKek('first passphrase', salt, params),
      deriveKek('second passphrase', salt, params),
      deriveKek('first passphrase', salt, params),
    ]);
    expect(a.equals(again)).toBe(true);
    expect(a.equals(b)).toBe(false);
  });

  it('ends its thread once idle for a moment, freeing the memory the derivation used', async () => {
    await deriveKek('a long enough test passphrase', Buffer.alloc(16, 5), {
      memoryKiB: 8192,
      iterations: 1,
      parallelism: 1,
    });
    expect(kdfThreadRunning()).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, KDF_THREAD_KEEP_ALIVE_MS + 500));
    expect(kdfThreadRunning()).toBe(false);
  });

  it('ends its thread as it answers a derivation that used much memory (an unlock’s), and answers the next', async () => {
    const params = { memoryKiB: KDF_THREAD_KEEP_MAX_KIB * 2, iterations: 1, parallelism: 1 };
    const salt = Buffer.alloc(16, 9);
    const first = await deriveKek('a long enough test passphrase', salt, params);
    expect(kdfThreadRunning()).toBe(false);
    // Two in a row (a passphrase change): the second starts a thread of its own, same answer.
    const [again, other] = await Promise.all([
      deriveKek('a long enough test passphrase', salt, params),
      deriveKek('another test passphrase', salt, params),
    ]);
    expect(again.equals(first)).toBe(true);
    expect(other.equals(first)).toBe(false);
    expect(kdfThreadRunning()).toBe(false);
  });
});
