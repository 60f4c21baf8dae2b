import { readFile, writeFile } from 'node:fs/promises';

export { FaultyFs, mutatingOps, simulateCrash } from '../../../main/vault/faults';

/** Flips one byte in the middle of a file (its ciphertext, for a record). */
export async function flipByteFor(path: string): Promise<void> {
  const bytes = await readFile(path);
  const at = Math.floor(bytes.length / 2);
  bytes[at] = bytes[at]! ^ 0x01;
  await writeFile(path, bytes);
}
