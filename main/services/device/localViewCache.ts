import { join } from 'node:path';
import { atomicWriteFile } from '../../vault/atomicWrite';
import type { OpenVault } from '../../vault/OpenVault';
import { isNotFound, nodeVaultFs, type VaultFs } from '../../vault/vaultFs';

/** The folder in the data folder (never the vault folder) where this computer keeps its local views. */
export const LOCAL_INDEX_DIR = 'local-index';

/** "ATLV" and the file's version (FORMAT.md §17). */
const MAGIC = Buffer.from('ATLV', 'ascii');
const FILE_VERSION = 1;

/** One record's projection as last computed, with the version of the record it came from. */
export interface CachedProjection<V> {
  version: string;
  value: V;
}

/**
 * Where `vault`'s view `name` is kept on this computer, or null when the vault cannot seal one
 * (format 1) or its id is not plain hex (nothing from the vault ever names a path unchecked).
 */
function pathOf(dataDir: string, vault: OpenVault, name: string): string | null {
  if (!vault.sealLocal || !/^[0-9a-f]{32}$/.test(vault.id) || !/^[a-z0-9-]+$/.test(name)) return null;
  return localViewFile(dataDir, vault.id, name);
}

/** The file of view `name` of the vault with id `vaultId` (hex) in the data folder (FORMAT.md §17). */
export function localViewFile(dataDir: string, vaultId: string, name: string): string {
  return join(dataDir, LOCAL_INDEX_DIR, `${vaultId}-${name}.bin`);
}

/** What a view's file is sealed for: its name and the shape of its values (`schema`). */
const purposeOf = (name: string, schema: number) => `view/${name}/${schema}`;

/**
 * The plaintext of this computer's copy of `vault`'s view `name` (FORMAT.md §17), or null when
 * there is none, or when it cannot be used: of another vault, key or `schema` (the shape
 * changed), altered, cut short or unreadable. The caller zeroes it once read. A caller that gets
 * null computes the view from the records, as without a copy; nothing here is ever the only
 * place anything is kept.
 */
export async function readLocalCopy(
  dataDir: string,
  vault: OpenVault,
  name: string,
  schema: number,
  fs: VaultFs = nodeVaultFs,
): Promise<Buffer | null> {
  const path = pathOf(dataDir, vault, name);
  if (!path) return null;
  let file: Buffer;
  try {
    file = await fs.readFile(path);
  } catch (error) {
    if (!isNotFound(error))
      console.warn(`Could not read the local view ${name}; it is computed afresh:`, error);
    return null;
  }
  if (file.length < MAGIC.length + 1 || !file.subarray(0, MAGIC.length).equals(MAGIC)) return null;
  if (file[MAGIC.length] !== FILE_VERSION) return null;
  return vault.openLocal?.(purposeOf(name, schema), file.subarray(MAGIC.length + 1)) ?? null;
}

/**
 * Reads this computer's copy of a view of `vault` kept as rows (FORMAT.md §17): each record's
 * projection by id, with the record version it was computed from; null as `readLocalCopy`.
 */
export async function readLocalView<V>(
  dataDir: string,
  vault: OpenVault,
  name: string,
  schema: number,
  fs: VaultFs = nodeVaultFs,
): Promise<Map<string, CachedProjection<V>> | null> {
  const plain = await readLocalCopy(dataDir, vault, name, schema, fs);
  if (!plain) return null;
  try {
    const kept = JSON.parse(plain.toString('utf8')) as unknown;
    if (!isColumns(kept)) return null;
    const table = new Map<string, CachedProjection<V>>();
    // Sealed by this vault's key under this schema, so written by Attune: the values are used as
    // the projections they were (columns of equal length are all that is checked).
    for (let i = 0; i < kept.ids.length; i++)
      table.set(kept.ids[i] as string, { version: kept.versions[i] as string, value: kept.values[i] as V });
    return table;
  } catch {
    return null;
  } finally {
    plain.fill(0);
  }
}

/** The file's plaintext: three columns, one row per record (fewer objects to parse than a row each). */
interface Columns {
  ids: string[];
  versions: string[];
  values: unknown[];
}

function isColumns(value: unknown): value is Columns {
  const v = value as Partial<Columns> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    Array.isArray(v.ids) &&
    Array.isArray(v.versions) &&
    Array.isArray(v.values) &&
    v.ids.length === v.versions.length &&
    v.ids.length === v.values.length
  );
}

/**
 * Keeps `entries` (id, record version, projection) as this computer's copy of the view, as rows
 * (see writeLocalCopy).
 */
export async function writeLocalView<V>(
  dataDir: string,
  vault: OpenVault,
  name: string,
  schema: number,
  entries: Iterable<[id: string, version: string, value: V]>,
  fs: VaultFs = nodeVaultFs,
): Promise<void> {
  await writeLocalCopy(dataDir, vault, name, schema, localViewRows(entries), fs);
}

/** A view's rows (id, record version, projection) as the plaintext of its copy: three columns. */
export function localViewRows<V>(entries: Iterable<[id: string, version: string, value: V]>): Buffer {
  const columns: Columns = { ids: [], versions: [], values: [] };
  for (const [id, version, value] of entries) {
    columns.ids.push(id);
    columns.versions.push(version);
    columns.values.push(value);
  }
  return Buffer.from(JSON.stringify(columns), 'utf8');
}

/**
 * Keeps `plain` as this computer's copy of the view `name`: sealed with the vault's local key
 * (the vault folder never holds it; a sync tool never copies it), written atomically (a crash
 * leaves the old copy or the new one). Zeroes `plain`. Does nothing for a vault that cannot
 * seal one.
 */
export async function writeLocalCopy(
  dataDir: string,
  vault: OpenVault,
  name: string,
  schema: number,
  plain: Buffer,
  fs: VaultFs = nodeVaultFs,
): Promise<void> {
  const path = pathOf(dataDir, vault, name);
  let sealed: Buffer;
  try {
    if (!path || !vault.sealLocal) return;
    sealed = vault.sealLocal(purposeOf(name, schema), plain);
  } finally {
    plain.fill(0);
  }
  await fs.mkdir(join(dataDir, LOCAL_INDEX_DIR), { mode: 0o700, recursive: true });
  await atomicWriteFile(fs, path, Buffer.concat([MAGIC, Buffer.from([FILE_VERSION]), sealed]), {
    syncDir: false,
  });
}
