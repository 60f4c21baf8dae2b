import type { ErrorKind } from '../../shared/errors';

/** The CLI's exit codes, documented in `attune --help` and the README. */
export const exitCodes = {
  ok: 0,
  integrity: 1,
  usage: 2,
  wrongSecret: 3,
  inUse: 4,
} as const;

export function exitCodeFor(kind: ErrorKind): number {
  switch (kind) {
    case 'integrity':
      return exitCodes.integrity;
    case 'wrong-passphrase':
      return exitCodes.wrongSecret;
    case 'in-use':
      return exitCodes.inUse;
    default:
      return exitCodes.usage;
  }
}

export const exitCodeHelp = `
Exit codes:
  0  ok
  1  integrity problems found (verify), a file failed its integrity check, a file the vault
     needs is missing or damaged (its key files, say), or the vault reports problems (damaged,
     rolled-back or forked logs, or changes from another computer not all arrived yet) and
     the output may be incomplete
  2  usage error or invalid input, or a folder that is not a vault (no attune-vault.json:
     none, or not yet arrived from the sync service), or an old copy of the vault that
     Attune kept aside (opened, it would make the vault in use report missing changes)
  3  wrong passphrase or recovery key
  4  the vault is in use by another process (the app, or another attune command)`;
