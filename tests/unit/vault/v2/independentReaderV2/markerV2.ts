/** `attune-vault.json` of FORMAT.md §4, read from the text alone. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ascii, isHex, sha256, u16 } from './bytes';

/** Returns the vault id (16 raw bytes); throws when the marker is not a valid version-2 marker. */
export async function readMarker(dir: string): Promise<Buffer> {
  const parsed: unknown = JSON.parse(await readFile(join(dir, 'attune-vault.json'), 'utf8'));
  if (typeof parsed !== 'object' || parsed === null) throw new Error('marker: not an object');
  const m = parsed as Record<string, unknown>;
  if (m.format !== 'attune-vault') throw new Error('marker: format is not attune-vault');
  if (m.version !== 2) throw new Error(`marker: version ${String(m.version)} is not 2`);
  if (!isHex(m.vaultId, 32) || !isHex(m.checksum, 64)) throw new Error('marker: malformed field');
  const vaultId = Buffer.from(m.vaultId, 'hex');
  const expected = sha256(Buffer.concat([ascii('attune-vault'), Buffer.from([0]), u16(2), vaultId]));
  if (expected.toString('hex') !== m.checksum) throw new Error('marker: checksum does not match');
  return vaultId;
}
