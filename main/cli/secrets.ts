import { readFile } from 'node:fs/promises';
import { passphraseProblem } from '../../shared/domain/passphraseRule';
import { AttuneError } from '../../shared/errors';
import type { CliIo } from './CliIo';

/**
 * Where a passphrase comes from, in order: `--passphrase-file F` (first line), the
 * ATTUNE_PASSPHRASE environment variable, or an interactive prompt that does not echo.
 */
export async function readPassphrase(
  io: CliIo,
  options: { passphraseFile?: string },
  prompt = 'Passphrase: ',
): Promise<string> {
  if (options.passphraseFile) return firstLineOf(options.passphraseFile, 'passphrase file');
  const fromEnv = io.env.ATTUNE_PASSPHRASE;
  if (fromEnv) return fromEnv;
  return io.promptSecret(prompt);
}

/** The first line of a secret file, without its line ending. Empty files are refused. */
export async function firstLineOf(path: string, what: string): Promise<string> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new AttuneError('invalid-input', `Cannot read the ${what} ${path}.`);
  }
  const line = text.split(/\r?\n/, 1)[0] ?? '';
  if (!line) throw new AttuneError('invalid-input', `The ${what} ${path} is empty.`);
  return line;
}

/**
 * A new passphrase from a file or, interactively, typed twice; refused (exit 2) if the app would
 * refuse it, before any key is derived.
 */
export async function readNewPassphrase(io: CliIo, file?: string): Promise<string> {
  if (file) return checkNewPassphrase(await firstLineOf(file, 'new passphrase file'));
  if (io.env.ATTUNE_NEW_PASSPHRASE) return checkNewPassphrase(io.env.ATTUNE_NEW_PASSPHRASE);
  // Checked before the second prompt, so a short one is not typed twice for nothing.
  const first = checkNewPassphrase(await io.promptSecret('New passphrase: '));
  const second = await io.promptSecret('Repeat the new passphrase: ');
  if (first !== second) throw new AttuneError('invalid-input', 'The two passphrases do not match.');
  return first;
}

/** The passphrase of a vault being created (init, demo): `--passphrase-file`, ATTUNE_PASSPHRASE, or a prompt. */
export async function readPassphraseForNewVault(
  io: CliIo,
  options: { passphraseFile?: string },
): Promise<string> {
  if (options.passphraseFile)
    return checkNewPassphrase(await firstLineOf(options.passphraseFile, 'passphrase file'));
  const fromEnv = io.env.ATTUNE_PASSPHRASE;
  if (fromEnv !== undefined) return checkNewPassphrase(fromEnv);
  return readNewPassphrase(io);
}

/** The app's rule for a new passphrase (shared/domain/passphraseRule), as a usage error. */
function checkNewPassphrase(passphrase: string): string {
  const problem = passphraseProblem(passphrase);
  if (problem) throw new AttuneError('invalid-input', problem);
  return passphrase;
}
