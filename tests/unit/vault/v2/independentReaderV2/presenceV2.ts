/** `presence.bin` of FORMAT.md §10, from the text alone. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ascii, openSealed } from './bytes';

export interface Presence {
  at: string;
  name: string;
  open: boolean;
  editing: Array<{ kind: string; id: string }>;
}

/** Null when the device has no presence.bin; throws when it is there but does not open. */
export async function readPresence(
  dir: string,
  deviceHex: string,
  vaultId: Buffer,
  kPresence: Buffer,
): Promise<Presence | null> {
  const bytes = await readFile(join(dir, 'devices', deviceHex, 'presence.bin')).catch(() => null);
  if (!bytes) return null;
  if (!bytes.subarray(0, 4).equals(ascii('ATPR')) || bytes[4] !== 2) {
    throw new Error(`presence.bin of ${deviceHex}: bad magic`);
  }
  const ad = Buffer.concat([ascii('attune/v2/presence'), vaultId, Buffer.from(deviceHex, 'hex')]);
  const plain = openSealed(kPresence, bytes.subarray(5), ad);
  if (!plain) throw new Error(`presence.bin of ${deviceHex}: fails authentication`);
  return JSON.parse(plain.toString('utf8')) as Presence;
}
