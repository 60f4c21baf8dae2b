import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';

/** The cheapest KDF the format allows: the format-2 tests are about merging, not key stretching. */
export const kdf = { memoryKiB: 8192, iterations: 1, parallelism: 1 };
export const PASS = 'correct horse battery staple';
/** Two computers' device ids: the office and the laptop. */
export const A = 'a'.repeat(32);
export const B = 'b'.repeat(32);

/** Returns a maker of temp folders that are removed after each test. */
export function tempRootsPerTest(prefix: string): () => Promise<string> {
  const roots: string[] = [];
  afterEach(async () => {
    await Promise.all(roots.splice(0).map((r) => rm(r, { recursive: true, force: true })));
  });
  return async () => {
    const root = await mkdtemp(join(tmpdir(), prefix));
    roots.push(root);
    return root;
  };
}
