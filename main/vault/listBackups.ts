import { basename, join, resolve } from 'node:path';
import { AttuneError } from '../../shared/errors';
import { backupFolderMissing } from './backupErrors';
import { BACKUP_ROOT, isVaultIdName } from './backupSidecar';
import { sha256Hex } from './binary';
import { type GenerationOnDisk, readGenerations } from './generationsOnDisk';
import { headerMacValid, readHeader, type VaultHeader } from './header';
import { type VaultKeys, zeroKeys } from './keys';
import { decodeManifest, MANIFEST_FILE } from './manifest';
import { damagedProblem, newerVersionProblem, wrongPassphraseProblem } from './restoreProblems';
import { startListing } from './startListing';
import { unlockKeys } from './unlock';
import { describeSyncedGeneration } from './v2/describeSyncedGeneration';
import { rememberedDerivations, syncedGenerationId } from './v2/openSyncedGeneration';
import { errorCode, isNotFound, nodeVaultFs, type VaultFs } from './vaultFs';

/** One generation as the restore screen lists it. */
export interface GenerationListing {
  name: string;
  createdAt: string;
  clients: number;
  sessions: number;
  notes: number;
  /** All records, of every kind. */
  records: number;
  readable: boolean;
  /** Why it cannot be restored, in plain words; null when readable. */
  problem: string | null;
}

export { newerVersionProblem } from './restoreProblems';

/** The backup sets in `folder`, by vault id, with their set folders. */
export async function backupSetsIn(
  fs: VaultFs,
  folder: string,
): Promise<Array<{ vaultId: string; dir: string }>> {
  const root = resolve(folder);
  try {
    if (!(await fs.stat(root)).isDirectory) throw backupFolderMissing(root);
  } catch (error) {
    if (error instanceof AttuneError) throw error;
    if (isNotFound(error) || errorCode(error) === 'ENOTDIR') throw backupFolderMissing(root);
    throw new AttuneError(
      'io',
      `Attune could not read the backup folder (${root}, ${errorCode(error) ?? 'unknown error'}). Check the drive and try again.`,
    );
  }
  const sets = new Map<string, string>();
  // The folder chosen for backups, or the "Attune backups" folder in it, or one vault's set folder.
  for (const parent of [join(root, BACKUP_ROOT), root]) {
    const names = await fs.readdir(parent).catch(() => [] as string[]);
    for (const name of names) if (isVaultIdName(name) && !sets.has(name)) sets.set(name, join(parent, name));
  }
  if (sets.size === 0 && isVaultIdName(basename(root))) sets.set(basename(root), root);
  return [...sets].map(([vaultId, dir]) => ({ vaultId, dir }));
}

/** What is in a backup folder, without the passphrase (for the lock screen and the restore picker). */
export async function findBackupSets(
  folder: string,
  options: { fs?: VaultFs } = {},
): Promise<Array<{ vaultId: string; generations: string[] }>> {
  const fs = options.fs ?? nodeVaultFs;
  const out: Array<{ vaultId: string; generations: string[] }> = [];
  for (const set of await backupSetsIn(fs, folder)) {
    const generations = (
      await readGenerations(fs, set.dir, { removeIncomplete: false, sidecars: 'newest' })
    ).map((g) => g.name);
    if (generations.length > 0) out.push({ vaultId: set.vaultId, generations: generations.reverse() });
  }
  return out;
}

const headerIdentity = (h: VaultHeader): string =>
  [h.vaultId, h.salt, h.passphrase.nonce, h.passphrase.wrapped].map((b) => b.toString('hex')).join(':') +
  `:${h.kdf.memoryKiB}:${h.kdf.iterations}:${h.kdf.parallelism}`;

/**
 * Lists every generation in `folder`, newest first per vault, with counts read from each
 * generation's manifest (only the manifest is decrypted: listing is quick; restore verifies all).
 * Generations written under the same header share one key derivation. A generation that cannot
 * be read is listed with `readable: false` and the reason, never hiding the others.
 */
export async function listBackupGenerations(
  folder: string,
  passphrase: string,
  options: { fs?: VaultFs } = {},
): Promise<Array<{ vaultId: string; generations: GenerationListing[] }>> {
  const fs = options.fs ?? nodeVaultFs;
  const unlocked = new Map<string, Promise<VaultKeys | AttuneError>>();
  const derivations = rememberedDerivations();
  const keysFor = (header: VaultHeader) => {
    const id = headerIdentity(header);
    let keys = unlocked.get(id);
    if (!keys) {
      keys = unlockKeys(header, { passphrase }).then(
        (r) => r.keys,
        (error: unknown) =>
          error instanceof AttuneError ? error : new AttuneError('internal', String(error)),
      );
      unlocked.set(id, keys);
    }
    return keys;
  };
  try {
    const out: Array<{ vaultId: string; generations: GenerationListing[] }> = [];
    for (const set of await backupSetsIn(fs, folder)) {
      const generations = await readGenerations(fs, set.dir, { removeIncomplete: false, sidecars: 'all' });
      if (generations.length === 0) continue;
      const listed: GenerationListing[] = [];
      for (const g of generations.reverse())
        listed.push(
          (await syncedGenerationId(fs, g.dir))
            ? await describeSyncedGeneration(fs, set.vaultId, g, passphrase, derivations.derive)
            : await describeGeneration(fs, set.vaultId, g, keysFor),
        );
      out.push({ vaultId: set.vaultId, generations: listed });
    }
    return out;
  } finally {
    derivations.dispose();
    for (const keys of unlocked.values()) {
      const k = await keys;
      if (!(k instanceof AttuneError)) zeroKeys(k);
    }
  }
}

async function describeGeneration(
  fs: VaultFs,
  vaultId: string,
  g: GenerationOnDisk,
  keysFor: (header: VaultHeader) => Promise<VaultKeys | AttuneError>,
): Promise<GenerationListing> {
  const { listing, unreadable, problem, sidecar } = startListing(g, vaultId);
  if (problem !== null) return unreadable(problem);
  let header: VaultHeader;
  try {
    header = await readHeader(fs, g.dir);
  } catch (error) {
    if (error instanceof AttuneError && error.kind === 'unsupported-version')
      return unreadable(newerVersionProblem);
    return unreadable(damagedProblem('its header cannot be read'));
  }
  if (header.vaultId.toString('hex') !== vaultId)
    return unreadable(damagedProblem('it belongs to another vault'));
  const keys = await keysFor(header);
  if (keys instanceof AttuneError) {
    return unreadable(keys.kind === 'wrong-passphrase' ? wrongPassphraseProblem : keys.message);
  }
  if (!headerMacValid(keys.headerMac, header)) return unreadable(damagedProblem('its header was altered'));
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(join(g.dir, MANIFEST_FILE));
  } catch {
    return unreadable(damagedProblem('its list of notes is missing or cannot be read'));
  }
  if (sidecar.files[MANIFEST_FILE] !== sha256Hex(bytes)) {
    return unreadable(damagedProblem('its list of notes was changed after it was written'));
  }
  try {
    const manifest = decodeManifest(keys.manifest, header.vaultId, bytes);
    const count = (kind: string) => manifest.records.filter((r) => r.kind === kind).length;
    return {
      ...listing,
      clients: count('client'),
      sessions: count('session'),
      notes: count('note'),
      records: manifest.records.length,
      readable: true,
    };
  } catch {
    return unreadable(damagedProblem('its list of notes cannot be decrypted'));
  }
}
