import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { expect } from 'vitest';
import { AttuneError, type ErrorKind } from '../../../shared/ipc/result';
import type { KdfParams } from '../../../main/vault/kdf';
import { Vault, type VaultOptions } from '../../../main/vault/Vault';
import { tempDir } from '../helpers/tempDir';

/** Small Argon2 settings (still within the bounds) so tests run fast. */
export const TEST_KDF: KdfParams = { memoryKiB: 8192, iterations: 1, parallelism: 1 };
export const PASS = 'correct horse battery staple';

export async function newVault(
  options: VaultOptions = {},
): Promise<{ dir: string; vault: Vault; recoveryKey: string }> {
  const dir = join(await tempDir(), 'vault');
  const { vault, recoveryKey } = await Vault.create(dir, PASS, { kdf: TEST_KDF, ...options });
  return { dir, vault, recoveryKey };
}

/** Every file under `dir` (recursively) → SHA-256 of its bytes. */
export async function hashTree(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const walk = async (folder: string) => {
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) await walk(path);
      else
        out[relative(dir, path)] = createHash('sha256')
          .update(await readFile(path))
          .digest('hex');
    }
  };
  await walk(dir);
  return out;
}

/** All files under `dir`, relative paths. */
export async function listFiles(dir: string): Promise<string[]> {
  return Object.keys(await hashTree(dir)).sort();
}

export async function flipByte(path: string, offset: number): Promise<void> {
  const bytes = await readFile(path);
  const at = offset < 0 ? bytes.length + offset : offset;
  bytes[at] = bytes[at]! ^ 0x01;
  await writeFile(path, bytes);
}

/** Expects `promise` to reject with an AttuneError of `kind`; returns its message. */
export async function expectKind(promise: Promise<unknown>, kind: ErrorKind): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, `expected '${kind}' error`).toBeInstanceOf(AttuneError);
  expect((error as AttuneError).kind, (error as AttuneError).message).toBe(kind);
  return (error as AttuneError).message;
}

export function expectKindSync(fn: () => unknown, kind: ErrorKind): void {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AttuneError);
    expect((error as AttuneError).kind).toBe(kind);
    return;
  }
  throw new Error(`expected '${kind}' error`);
}
