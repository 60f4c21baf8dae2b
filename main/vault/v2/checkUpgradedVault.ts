import { MergedState } from './MergedState';
import { readAllLogs } from './readAllLogs';
import { RollbackEvidence } from './RollbackEvidence';
import type { V2Keys } from './v2Keys';
import { checkSyncedFolder } from './verifySyncedFolder';
import type { Format1Record } from './writeUpgradedVault';
import type { VaultFs } from '../vaultFs';

/**
 * Checks the format-2 vault an upgrade wrote against the format-1 vault it came from: the folder
 * passes format 2's own check, and it holds exactly the same records (kind, id and the very same
 * JSON text) and the format-1 audit entries, text for text, followed by the upgrade's entry.
 * Returns the first difference in plain words, or null when they agree.
 */
export async function checkUpgradedVault(args: {
  fs: VaultFs;
  dir: string;
  vaultId: Buffer;
  keys: V2Keys;
  records: readonly Format1Record[];
  auditTexts: readonly string[];
}): Promise<string | null> {
  const report = await checkSyncedFolder({
    fs: args.fs,
    dir: args.dir,
    vaultId: args.vaultId,
    keys: args.keys,
    ownHex: null,
    evidence: new RollbackEvidence(),
    localSeen: undefined,
    maxEpoch: 1,
    name: () => undefined,
  });
  if (!report.ok) return report.problems[0]?.message ?? 'the new vault did not pass its check';

  const state = new MergedState();
  try {
    await readAllLogs({
      fs: args.fs,
      vaultDir: args.dir,
      vaultId: args.vaultId,
      logKey: args.keys.log,
      ownHex: null,
      state,
    });
    const written = state.records();
    if (written.length !== args.records.length || state.conflicts().length > 0) {
      return `the new vault holds ${written.length} records instead of ${args.records.length}`;
    }
    for (const r of args.records) {
      const view = state.record(r.kind, r.id);
      const value = view && !view.deleted ? view.winner.value : undefined;
      if (!value || value.toString('utf8') !== r.json) return `the ${r.kind} record ${r.id} differs`;
    }
    // In chain order: the merged log is ordered by time, and format 1's clock may have gone back.
    const seqOf = (text: string) => (JSON.parse(text) as { seq: number }).seq;
    const audit = state
      .audit()
      .map((a) => a.text)
      .sort((a, b) => seqOf(a) - seqOf(b));
    const carried =
      audit.length === args.auditTexts.length + 1 && args.auditTexts.every((t, i) => audit[i] === t);
    if (!carried) return 'the audit trail differs from the format-1 one';
    return null;
  } finally {
    state.wipe();
  }
}
