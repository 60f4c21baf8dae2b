import { realpath } from 'node:fs/promises';
import { isAbsolute, relative } from 'node:path';
import { AttuneError } from '../../shared/errors';
import type { AuditDetail } from './auditLog';
import type { BackupResult, GenerationWrite } from './backupSet';

// What a backup of either vault format records and reports, so both say the same.

/** What the audit log keeps of a backup: where, which generation, verified or not, how much was written. */
export function backupAuditDetail(folder: string, r: BackupResult): AuditDetail {
  return {
    folder,
    generation: r.generation,
    ok: r.verify.ok,
    verified: r.verify.ok,
    problems: r.verify.problems.length,
    records: r.verify.records,
    copied: r.copiedFiles,
    linked: r.linkedFiles,
    pruned: r.pruned.length,
  };
}

/** The error for a generation that failed its check after writing (and so was not kept). */
export function backupNotVerified(folder: string, written: GenerationWrite): AttuneError {
  const first = written.result.verify.problems[0];
  const why = first ? ` (${first.file}: ${first.problem.replace(/\.$/, '')})` : '';
  return new AttuneError(
    'integrity',
    written.damagedInVault > 0
      ? `The backup was not kept: ${written.damagedInVault === 1 ? '1 file in your vault is' : `${written.damagedInVault} files in your vault are`} damaged${why}. Run “Check the vault” in Settings and restore the damaged notes from an earlier backup; earlier backups were not touched.`
      : `The backup written to ${folder} failed its check${why}, so it was removed. Your vault is unchanged. The backup drive may be failing: try again, or choose another backup folder.`,
  );
}

/** Refuses a backup folder that is the vault folder or inside it (symbolic links followed). */
export async function assertBackupOutsideVault(vaultDir: string, folder: string): Promise<void> {
  const real = async (path: string) => realpath(path).catch(() => path);
  const [vault, target] = await Promise.all([real(vaultDir), real(folder)]);
  for (const [v, t] of [
    [vaultDir, folder],
    [vault, target],
  ] as const) {
    const inside = relative(v, t);
    if (!inside || (!inside.startsWith('..') && !isAbsolute(inside))) {
      throw new AttuneError(
        'invalid-input',
        'The backup folder cannot be the vault folder or a folder inside it: a backup must survive losing the vault’s disk. Choose a folder on another drive.',
      );
    }
  }
}
