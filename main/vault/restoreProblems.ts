import { AttuneError } from '../../shared/errors';
import type { GenerationOnDisk } from './generationsOnDisk';
import type { VerifyReport } from './vaultTypes';

// How listing and restoring backups describe a generation that cannot be used, in the same words
// for both vault formats.

export const newerVersionProblem =
  'This backup was made by a newer version of Attune. Update Attune to restore it, or choose another backup.';
export const damagedProblem = (what: string) => `This backup is damaged (${what}). Choose another backup.`;
export const wrongPassphraseProblem =
  'This backup does not open with this passphrase. It may have been made before the passphrase was changed: try the passphrase you used then.';

const whenMade = (g: GenerationOnDisk): string =>
  (g.sidecar?.createdAt ?? g.at.toISOString()).replace('T', ' ').slice(0, 16);

export const firstProblem = (report: VerifyReport): string => {
  const p = report.problems[0];
  if (!p) return 'unknown problem';
  const more = report.problems.length > 1 ? ` and ${report.problems.length - 1} more problems` : '';
  return `${p.file}: ${p.problem.replace(/\.$/, '')}${more}`;
};

/** The refusal for a damaged generation, naming the one to try next. */
export function damaged(g: GenerationOnDisk, older: GenerationOnDisk | undefined, what: string): AttuneError {
  const next = older
    ? `Try the next older backup, ${older.name} (made ${whenMade(older)} UTC).`
    : 'No older backup of this vault is in this folder: try a backup on another drive.';
  return new AttuneError(
    'integrity',
    `The backup ${g.name} (made ${whenMade(g)} UTC) is damaged (${what}), so it was not restored. ${next}`,
  );
}

export const wrongBackupPassphrase = (): AttuneError =>
  new AttuneError(
    'wrong-passphrase',
    'That passphrase does not open this backup. If you changed your passphrase after the backup was made, enter the one you used then.',
  );
