import { join } from 'node:path';
import type { VaultHeader } from './header';
import { type JournalRead, journalDamaged, JOURNAL_FILE, readJournal } from './journal';
import type { VaultKeys } from './keys';
import { decodeManifest, MANIFEST_FILE } from './manifest';
import { VaultState } from './state';
import { readFailure } from './vaultErrors';
import type { VaultFs } from './vaultFs';

/**
 * Rebuilds the committed state from disk: the manifest snapshot, then every journal entry after
 * it. Entries the snapshot already includes (a checkpoint that stopped before emptying the
 * journal) are skipped. Throws 'integrity' when the manifest or journal is not authentic or the
 * journal does not follow from the snapshot. `knownFiles`: see VaultState.
 */
export async function loadState(
  fs: VaultFs,
  dir: string,
  header: VaultHeader,
  keys: VaultKeys,
  knownFiles?: ReadonlyMap<string, { readonly file: string }>,
): Promise<{ state: VaultState; journal: JournalRead }> {
  let manifestBytes: Buffer;
  try {
    manifestBytes = await fs.readFile(join(dir, MANIFEST_FILE));
  } catch (error) {
    throw readFailure(error, `manifest (${MANIFEST_FILE})`);
  }
  const snapshot = decodeManifest(keys.manifest, header.vaultId, manifestBytes);
  const state = new VaultState(snapshot, keys.fileNames, knownFiles);
  let journalBytes: Buffer;
  try {
    journalBytes = await fs.readFile(join(dir, JOURNAL_FILE));
  } catch (error) {
    throw readFailure(error, `journal (${JOURNAL_FILE})`);
  }
  const journal = readJournal(keys.journal, header.vaultId, journalBytes);
  let pastSnapshot = false;
  for (const entry of journal.entries) {
    if (entry.seq <= state.snapshotSeq && !pastSnapshot) continue;
    pastSnapshot = true;
    const checked = state.check(entry);
    if ('problem' in checked) throw journalDamaged(checked.problem);
    state.apply(entry, checked.auditHead);
  }
  return { state, journal };
}
