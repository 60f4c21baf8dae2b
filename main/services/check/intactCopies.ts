import { readGenerations } from '../../vault/generationsOnDisk';
import { backupSetsIn } from '../../vault/listBackups';
import { KeyCache, openReadOnly } from '../../vault/readOnlyVault';
import { rememberedDerivations, syncedGenerationId } from '../../vault/v2/openSyncedGeneration';
import { openSyncedReadOnly } from '../../vault/v2/readOnlySyncedGeneration';
import { nodeVaultFs, type VaultFs } from '../../vault/vaultFs';

/** A backup generation, as the check names it to the user. */
export interface GenerationRef {
  name: string;
  dir: string;
  createdAt: string;
}

/** An intact copy of a damaged record, and the backup it came from. */
export interface IntactCopy {
  value: unknown;
  generation: GenerationRef;
}

/** The complete generations of vault `vaultId` in the backup folder, newest first; none when the folder is unreachable. */
export async function generationsOf(
  folder: string,
  vaultId: string,
  fs: VaultFs = nodeVaultFs,
): Promise<GenerationRef[]> {
  try {
    const set = (await backupSetsIn(fs, folder)).find((s) => s.vaultId === vaultId);
    if (!set) return [];
    const found = await readGenerations(fs, set.dir, { removeIncomplete: false });
    return found
      .filter((g) => g.problem === null)
      .reverse()
      .map((g) => ({ name: g.name, dir: g.dir, createdAt: g.sidecar?.createdAt ?? g.at.toISOString() }));
  } catch {
    return []; // drive unplugged, share offline: there is nothing to offer now
  }
}

/**
 * For each record (by `kind/id`), the newest backup generation that holds it intact: each
 * generation is opened read-only with the passphrase (one key derivation per distinct header)
 * and each record authenticated as it is read. A generation may be format 1 or format 2 (a
 * vault upgraded at unlock keeps its id, so its older backups are format 1); a format-2 one
 * gives the version its merged logs show. Generations the passphrase does not open are
 * skipped; `opened` says whether any did, so a wrong passphrase can be told from "not in any backup".
 */
export async function findIntactCopies(
  generations: GenerationRef[],
  passphrase: string,
  wanted: Array<{ kind: string; id: string }>,
  fs: VaultFs = nodeVaultFs,
): Promise<{ copies: Map<string, IntactCopy>; opened: boolean }> {
  const copies = new Map<string, IntactCopy>();
  const cache = new KeyCache({ passphrase });
  const derivations = rememberedDerivations();
  let opened = false;
  try {
    for (const generation of generations) {
      const missing = wanted.filter((w) => !copies.has(`${w.kind}/${w.id}`));
      if (missing.length === 0) break;
      const copy = (await syncedGenerationId(fs, generation.dir))
        ? await openSyncedReadOnly(fs, generation.dir, passphrase, derivations.derive)
        : await openReadOnly(fs, generation.dir, cache);
      if (!copy) continue;
      opened = true;
      try {
        for (const w of missing) {
          const value = await copy.get(w.kind, w.id);
          if (value !== undefined) copies.set(`${w.kind}/${w.id}`, { value, generation });
        }
      } finally {
        copy.close();
      }
    }
  } finally {
    derivations.dispose();
    await cache.close();
  }
  return { copies, opened };
}
