import { join } from 'node:path';
import { AttuneError } from '../../../shared/errors';
import { ascii, equalBytes, parseHex, sha256, u16 } from '../binary';
import { readPlainFile } from '../readSmallFile';
import type { VaultFs } from '../vaultFs';

/** The vault's marker, written once when the vault is created (FORMAT.md §4). */
export const MARKER_FILE = 'attune-vault.json';

/** Far more than a marker ever holds (a few hundred bytes). */
const MARKER_MAX_BYTES = 64 * 1024;

/**
 * The bytes of the marker in the vault folder `dir`. Only a plain file is read (a folder, link or
 * pipe under its name is refused with an AttuneError naming it, never followed: a pipe would hang every
 * open, a link to /dev/zero fill memory), and only one of a marker's size. Throws node's error when
 * there is none, as fs.readFile does.
 */
export async function readMarkerFile(fs: VaultFs, dir: string): Promise<Buffer> {
  try {
    return (await readPlainFile(fs, join(dir, MARKER_FILE), MARKER_MAX_BYTES)).bytes;
  } catch (error) {
    // readPlainFile's refusals say what is there ("it is not a plain file…", "it holds…").
    if (!(error instanceof AttuneError)) throw error;
    throw new AttuneError(
      'integrity',
      `The vault folder's ${MARKER_FILE} (in ${dir}) was not read: ${error.message}. Attune left it as it is. Put back the ${MARKER_FILE} of a backup of this vault, or of this vault's folder on another computer, and try again.`,
    );
  }
}
const FORMAT_NAME = 'attune-vault';
const VERSION = 2;

/** What a marker says: a format-2 vault and its id, or a format-1 vault (the caller offers the upgrade). */
export type Marker = { version: 2; vaultId: Buffer } | { version: 1 };

const checksumOf = (vaultId: Buffer): Buffer =>
  sha256(Buffer.concat([ascii(`${FORMAT_NAME}\0`), u16(VERSION), vaultId]));

export function markerBytes(vaultId: Buffer): Buffer {
  if (vaultId.length !== 16) throw new RangeError('vault id must be 16 bytes');
  const json = {
    format: FORMAT_NAME,
    version: VERSION,
    vaultId: vaultId.toString('hex'),
    checksum: checksumOf(vaultId).toString('hex'),
  };
  return Buffer.from(`${JSON.stringify(json, null, 2)}\n`, 'utf8');
}

const damaged = (): AttuneError =>
  new AttuneError(
    'integrity',
    `The vault’s marker file (${MARKER_FILE}) is damaged, so the vault cannot be opened. If the vault is still syncing, wait for it to finish; otherwise restore the vault from a backup.`,
  );

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Reads the marker: version first (a newer Attune may lay out the rest differently), then the
 * vault id and its checksum. A format-1 file (the same name, FORMAT-v1.md's header) is reported as
 * `{ version: 1 }` without further checks: its own reader checks it.
 */
export function parseMarker(bytes: Buffer): Marker {
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw damaged();
  }
  if (!isRecord(json) || json.format !== FORMAT_NAME) throw damaged();
  const { version } = json;
  if (typeof version === 'number' && Number.isInteger(version) && version > VERSION) {
    throw new AttuneError(
      'unsupported-version',
      'This vault was made by a newer version of Attune; update Attune to open it.',
    );
  }
  if (version === 1) return { version: 1 };
  if (version !== VERSION) throw damaged();
  const vaultId = parseHex(json.vaultId, 16);
  const checksum = parseHex(json.checksum, 32);
  if (!vaultId || !checksum || !equalBytes(checksumOf(vaultId), checksum)) throw damaged();
  return { version: 2, vaultId };
}
